import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fakecloudTarget } from '../../src/targets/fakecloud.ts';
import { TargetUnavailable } from '../../src/targets/types.ts';

/**
 * How the fakecloud target starts its binary, without the real one (an hour's build): a stand-in program
 * that records its arguments, answers `--version` as fakecloud does, serves /_fakecloud/health and the
 * three IAM calls the target makes as root. What it checks: the strictest mode is asked for on every
 * start, the version comes from the binary, and the administrator is the user root made — not root.
 */
function standIn(dir: string, behaviour: { refuse?: string } = {}): string {
  const file = join(dir, 'fakecloud');
  const source = `#!${process.execPath}
const { appendFileSync } = require('node:fs');
const { createServer } = require('node:http');
const args = process.argv.slice(2);
if (args[0] === '--version') { console.log('fakecloud 0.51.0'); process.exit(0); }
appendFileSync(${JSON.stringify(join(dir, 'argv.json'))}, JSON.stringify(args) + '\\n');
const [host, port] = args[args.indexOf('--addr') + 1].split(':');
const calls = [];
createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    if (req.url === '/_fakecloud/health') return res.end(JSON.stringify({ status: 'ok', version: '0.51.0', services: ['iam'] }));
    const params = new URLSearchParams(body);
    const action = params.get('Action');
    const key = /Credential=([^/]+)/.exec(req.headers.authorization || '')?.[1];
    appendFileSync(${JSON.stringify(join(dir, 'calls.json'))}, JSON.stringify({ action, key, user: params.get('UserName'), policy: params.get('PolicyArn') }) + '\\n');
    res.setHeader('content-type', 'text/xml');
    if (action === ${JSON.stringify(behaviour.refuse ?? '')}) {
      res.statusCode = 403;
      return res.end('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error><RequestId>r</RequestId></ErrorResponse>');
    }
    const result = action === 'CreateAccessKey'
      ? '<CreateAccessKeyResult><AccessKey><UserName>u</UserName><AccessKeyId>AKIAADMINSTANDIN0001</AccessKeyId><Status>Active</Status><SecretAccessKey>standin-secret</SecretAccessKey></AccessKey></CreateAccessKeyResult>'
      : '<' + action + 'Result></' + action + 'Result>';
    res.end('<' + action + 'Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' + result + '<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></' + action + 'Response>');
  });
}).listen(Number(port), host);
`;
  writeFileSync(file, source);
  chmodSync(file, 0o755);
  return file;
}

const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('the fakecloud target', () => {
  test('starts the binary on a loopback port in its strictest mode; root makes the administrator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-fakecloud-'));
    const program = standIn(dir);
    const session = await fakecloudTarget.start({ runId: 'abc123', options: { fakecloudProgram: program }, toolsDir: dir });
    try {
      expect(session.version).toBe('0.51.0');
      expect(session.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(session.rootCredentials).toEqual({ accessKeyId: 'test', secretAccessKey: 'test' });
      expect(session.admin).toEqual({ accessKeyId: 'AKIAADMINSTANDIN0001', secretAccessKey: 'standin-secret' });
      const [argv] = lines(join(dir, 'argv.json'));
      expect(argv).toContain('--verify-sigv4');
      expect(argv.slice(argv.indexOf('--iam'), argv.indexOf('--iam') + 2)).toEqual(['--iam', 'strict']);
      expect(argv[argv.indexOf('--addr') + 1]).toBe(session.endpoint.slice('http://'.length));
      expect(lines(join(dir, 'calls.json'))).toEqual([
        { action: 'CreateUser', key: 'test', user: 'iam-conformance-admin', policy: null },
        { action: 'AttachUserPolicy', key: 'test', user: 'iam-conformance-admin', policy: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        { action: 'CreateAccessKey', key: 'test', user: 'iam-conformance-admin', policy: null },
      ]);
    } finally {
      await session.stop();
    }
  });

  test('a fakecloud that will not make the administrator: the run cannot be carried out, and the process is stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-fakecloud-'));
    const program = standIn(dir, { refuse: 'AttachUserPolicy' });
    const failed = await fakecloudTarget.start({ runId: 'abc123', options: { fakecloudProgram: program }, toolsDir: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(TargetUnavailable);
    expect((failed as Error).message).toMatch(/refused to make the run's administrator: AttachUserPolicy answered 403 AccessDenied/);
    const [argv] = lines(join(dir, 'argv.json'));
    const port = argv[argv.indexOf('--addr') + 1];
    await expect(fetch(`http://${port}/_fakecloud/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });
});
