import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Worker, WorkerFailed } from '../../../src/clients/worker.ts';

/**
 * The out-of-process client contract (src/clients/worker.ts) against small stand-in workers written
 * here: answers matched by request id whatever their order, a request left unanswered, a worker that
 * dies. The real workers (src/clients/python/) are exercised by boto3-aws-cli.test.ts.
 */
const dir = mkdtempSync(join(tmpdir(), 'ic-worker-'));
function script(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}
const worker = (file: string, timeoutMs = 5_000) => new Worker({ client: 'stand-in', command: 'python3', args: [file], env: process.env, timeoutMs, startTimeoutMs: 10_000 });

// Answers each request after a pause that shrinks with its id, so later requests are answered first.
const REVERSED = script(
  'reversed.py',
  `import json, sys, threading, time
print(json.dumps({"id": 0, "hello": {"client": "stand-in"}}), flush=True)
lock = threading.Lock()
def answer(req):
    time.sleep(0.05 * (5 - req["id"]))
    with lock:
        print(json.dumps({"id": req["id"], "result": {"echo": req["value"]}}), flush=True)
for line in sys.stdin:
    threading.Thread(target=answer, args=(json.loads(line),)).start()
`,
);
const SILENT = script('silent.py', `import json, sys\nprint(json.dumps({"id": 0, "hello": {}}), flush=True)\nfor line in sys.stdin: pass\n`);
const DYING = script(
  'dying.py',
  `import json, sys\nprint(json.dumps({"id": 0, "hello": {}}), flush=True)\nsys.stdin.readline()\nsys.stderr.write("Traceback (most recent call last):\\nImportError: no module named botocore\\n")\nsys.exit(1)\n`,
);

describe('the out-of-process client contract', () => {
  test('answers are matched to their requests by id, in whatever order they come', async () => {
    const w = worker(REVERSED);
    try {
      expect(await w.hello).toEqual({ client: 'stand-in' });
      const answers = await Promise.all([1, 2, 3, 4].map((v) => w.request({ value: v })));
      expect(answers).toEqual([1, 2, 3, 4].map((v) => ({ echo: v })));
    } finally {
      w.close();
    }
  });

  test('a request left unanswered fails after the timeout, naming the client', async () => {
    const w = worker(SILENT, 300);
    try {
      await w.hello;
      await expect(w.request({ value: 1 })).rejects.toThrow(/the stand-in worker did not answer request 1 within 0.3 s/);
    } finally {
      w.close();
    }
  });

  test('a worker that dies fails every call, naming the client, its exit and its last stderr line', async () => {
    const w = worker(DYING);
    await w.hello;
    const first = w.request({ value: 1 });
    await expect(first).rejects.toBeInstanceOf(WorkerFailed);
    await expect(first).rejects.toThrow('the stand-in worker exited (code 1); its last stderr line: ImportError: no module named botocore');
    await expect(w.request({ value: 2 })).rejects.toThrow(/exited \(code 1\)/);
  });

  test('a worker that cannot be started fails its hello', async () => {
    const w = new Worker({ client: 'stand-in', command: join(dir, 'no-such-python'), args: [], env: process.env, timeoutMs: 1_000 });
    await expect(w.hello).rejects.toThrow(/the stand-in worker could not be started/);
  });
});
