import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * The out-of-process client contract, Node side (the Python side is src/clients/python/worker_protocol.py):
 * one persistent worker per run, so no case pays a process start. Requests go as JSON lines on the
 * worker's stdin, each with a request id; answers come back as JSON lines on its stdout with that id,
 * in any order. The worker's first line is its hello (id 0). A request unanswered after `timeoutMs` is
 * a fault of the worker; so is a worker that exits: every call then fails naming the client, its exit
 * and the last line it wrote to stderr. The runner makes such a case an error of the run (exit 3),
 * never a failure of the target.
 */
export class WorkerFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerFailed';
  }
}

export interface WorkerOptions {
  /** Names the client in every message ("the boto3 worker"). */
  client: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** How long one request may stay unanswered. */
  timeoutMs: number;
  /** How long the worker may take to say hello. */
  startTimeoutMs?: number;
}

type Pending = { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout };

export class Worker {
  readonly hello: Promise<Record<string, unknown>>;
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private lastStderr = '';
  private dead?: WorkerFailed;
  private readonly options: WorkerOptions;

  constructor(options: WorkerOptions) {
    this.options = options;
    this.child = spawn(options.command, options.args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let helloDone: { resolve(v: Record<string, unknown>): void; reject(e: Error): void };
    this.hello = new Promise((resolve, reject) => (helloDone = { resolve, reject }));
    this.hello.catch(() => {});
    const helloTimer = setTimeout(() => this.fail(`did not start within ${(options.startTimeoutMs ?? 30_000) / 1000} s`), options.startTimeoutMs ?? 30_000);
    this.pending.set(0, { resolve: (v) => helloDone.resolve(v as Record<string, unknown>), reject: (e) => helloDone.reject(e), timer: helloTimer });
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      if (line.trim()) this.lastStderr = line.trim();
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.answer(line));
    this.child.on('error', (e) => this.fail(`could not be started (${options.command}): ${e.message}`));
    // 'close', not 'exit': by then stderr is read to its end, so its last line is known.
    this.child.on('close', (code, signal) => this.fail(`exited (${signal ?? `code ${code}`})`));
    this.child.stdin!.on('error', () => {}); // a dead worker's pipe: reported through 'exit'
  }

  /** Sends one request; resolves with the worker's `result`, rejects with WorkerFailed. */
  request(body: Record<string, unknown>): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new WorkerFailed(`the ${this.options.client} worker did not answer request ${id} within ${this.options.timeoutMs / 1000} s${this.stderrTail()}`));
      }, this.options.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.child.stdin!.write(JSON.stringify({ id, ...body }) + '\n');
    });
  }

  /** Ends the worker: its stdin closes, so it finishes (and removes its temporary files); killed if it lingers. */
  close(): void {
    this.dead ??= new WorkerFailed(`the ${this.options.client} worker was closed`);
    this.child.stdin!.end();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const kill = setTimeout(() => this.child.kill(), 2_000);
    kill.unref();
    this.child.once('close', () => clearTimeout(kill));
  }

  private answer(line: string): void {
    let message: { id?: number; hello?: Record<string, unknown>; result?: unknown; error?: string };
    try {
      message = JSON.parse(line);
    } catch {
      this.lastStderr = `(on stdout, not a JSON line) ${line.slice(0, 200)}`;
      return;
    }
    const p = this.pending.get(message.id ?? -1);
    if (!p) return;
    this.pending.delete(message.id!);
    clearTimeout(p.timer);
    if (message.error !== undefined) p.reject(new WorkerFailed(`the ${this.options.client} worker failed on a request: ${message.error}`));
    else p.resolve(message.id === 0 ? message.hello : message.result);
  }

  private fail(what: string): void {
    if (this.dead) return;
    this.dead = new WorkerFailed(`the ${this.options.client} worker ${what}${this.stderrTail()}`);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(this.dead);
    }
    this.pending.clear();
  }

  private stderrTail(): string {
    return this.lastStderr ? `; its last stderr line: ${this.lastStderr}` : '';
  }
}
