import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { pinnedVenv } from '../../../src/clients/python/python-clients.ts';
import type { Report } from '../../../src/report/types.ts';
import { runCli } from '../../helpers/cli.ts';

/**
 * boto3 and the AWS CLI as the run's client, on the mock served over loopback: a handful of cases
 * (a success, service errors, policy violations, inputs botocore refuses before sending). Needs
 * `bash ci/install-clients.sh` (CI runs it first); without it the tests say so and are skipped.
 */
const installed = existsSync(join(pinnedVenv(process.env.IAM_CONFORMANCE_TOOLS), 'bin', 'python'));
const HANDFUL = [
  '--id', 'ChangePassword/success', '--id', 'ChangePassword/no-login-profile', '--id', 'ChangePassword/policy-minimum-length',
  '--id', 'ChangePassword/NewPassword/length-0', '--id', 'ChangePassword/NewPassword/missing', '--id', 'ChangePassword/NewPassword/length-129',
  '--id', 'GetLoginProfile/UserName/length-0', '--id', 'UpdateLoginProfile/*', '--id', 'CreateLoginProfile/Password/codepoint-U+0000',
];

async function run(client: string, env: Record<string, string> = {}, ids = HANDFUL): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), `ic-${client}-`));
  const r = await runCli(['run', '--client', client, '--quiet', '--report-dir', dir, ...ids], env);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
}

const steps = (report: Report) => report.cases.flatMap((c) => c.steps.map((s, i) => ({ id: `${c.id}#${i + 1}`, ...s })));

describe.skipIf(!installed)('boto3 and the AWS CLI as clients', () => {
  test('boto3: refusals before sending are client-rejected, service errors carry the wire code and botocore exception', async () => {
    const report = await run('boto3');
    expect(report.schemaVersion).toBe('1.2');
    expect(report.client).toMatchObject({ name: 'boto3', version: '1.44.8', details: { botocore: '1.44.8' } });
    expect(report.summary.failed + report.summary.errored).toBe(0);
    expect(report.summary.clientRejected).toBeGreaterThanOrEqual(3);
    const rejected = report.cases.find((c) => c.id === 'ChangePassword/NewPassword/length-0')!;
    expect(rejected.outcome).toBe('client-rejected');
    expect(rejected.steps[0]!.clientRejected!.clientError.name).toBe('ParamValidationError');
    // botocore checks minimum lengths, not maximum lengths: length-129 reaches the target.
    expect(report.cases.find((c) => c.id === 'ChangePassword/NewPassword/length-129')!.outcome).toBe('pass');
    const violation = steps(report).find((s) => s.actual?.code === 'PasswordPolicyViolation')!;
    expect(violation.actual!.clientError).toEqual({ name: 'PasswordPolicyViolationException', code: 'PasswordPolicyViolation' });
  });

  test('aws-cli: password operations go as --cli-input-json files, the command line is recorded without passwords', async () => {
    const report = await run('aws-cli');
    expect(report.client).toMatchObject({ name: 'aws-cli', version: '1.46.3', details: { botocore: '1.43.62' } });
    expect(report.summary.failed + report.summary.errored).toBe(0);
    expect(report.summary.clientRejected).toBeGreaterThanOrEqual(3);
    const change = steps(report).filter((s) => s.call === 'ChangePassword' && s.command);
    expect(change.length).toBeGreaterThan(0);
    for (const s of change) expect(s.command).toMatch(/^aws iam change-password --no-paginate --cli-input-json file:\/\/\S+\/input-\d+\.json$/);
    expect(steps(report).find((s) => s.call === 'GetLoginProfile' && s.command)?.command ?? '').toMatch(/^aws iam get-login-profile --no-paginate --user-name/);
    const noProfile = steps(report).find((s) => s.id === 'ChangePassword/no-login-profile#1')!;
    expect(noProfile.actual).toMatchObject({ code: 'NoSuchEntity', clientError: { name: 'NoSuchEntity', code: 'NoSuchEntity', exitStatus: 255 } });
    expect(report.cases.find((c) => c.id === 'ChangePassword/NewPassword/length-0')!.steps[0]!.clientRejected!.clientError).toEqual({ name: 'Parameter validation failed', exitStatus: 255 });
    // A NUL passes through JSON to the target untouched.
    expect(report.cases.find((c) => c.id === 'CreateLoginProfile/Password/codepoint-U+0000')!.outcome).toBe('pass');
  });

  test('the reused in-process driver and a new `aws` process per call give the same outcomes and wire codes', async () => {
    const ids = ['--id', 'ChangePassword/success', '--id', 'ChangePassword/no-login-profile', '--id', 'ChangePassword/policy-minimum-length', '--id', 'ChangePassword/NewPassword/length-0', '--id', 'UpdateLoginProfile/no-login-profile'];
    const [inProcess, spawned] = await Promise.all([run('aws-cli', {}, ids), run('aws-cli', { IAM_CONFORMANCE_WORKER_SPAWN_AWS: '1' }, ids)]);
    const view = (r: Report) => r.cases.map((c) => [c.id, c.outcome, c.steps.map((s) => s.actual?.code ?? s.clientRejected?.clientError.name ?? 'ok')]);
    expect(spawned.cases.length).toBe(5);
    expect(view(spawned)).toEqual(view(inProcess));
  });

  test('a missing Python environment is an error of the run naming the install command (exit 3)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ic-no-tools-'));
    const r = await runCli(['run', '--client', 'boto3', '--quiet', '--id', 'ChangePassword/success'], { IAM_CONFORMANCE_TOOLS: empty, IAM_CONFORMANCE_PYTHON: '' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no Python with boto3 1\.44\.8.*\n.*bash ci\/install-clients\.sh/);
  });

  test('a worker that dies is an error of the run naming the client and its last stderr line (exit 3)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-dying-'));
    const python = join(dir, 'python');
    writeFileSync(
      join(dir, 'dying.py'),
      'import json, sys\nprint(json.dumps({"id": 0, "hello": {"versions": {"boto3": "0"}}}), flush=True)\nsys.stdin.readline()\nsys.stderr.write("MemoryError: the worker gave up\\n")\nsys.exit(7)\n',
    );
    writeFileSync(python, `#!/bin/sh\nexec python3 ${join(dir, 'dying.py')}\n`);
    chmodSync(python, 0o755);
    const r = await runCli(['run', '--client', 'boto3', '--quiet', '--report-dir', dir, '--id', 'ChangePassword/success'], { IAM_CONFORMANCE_PYTHON: python });
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('the boto3 worker exited (code 7); its last stderr line: MemoryError: the worker gave up');
  });
});
