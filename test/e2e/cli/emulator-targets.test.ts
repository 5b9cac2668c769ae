import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

/**
 * Emulators that are not installed, and versions without a baseline: one clear message and the exit code
 * CI acts on (3: the run could not be carried out; 2: a usage error), never a stack trace.
 */
const STACK = /\n\s+at .+[(:]\d+:\d+\)?/;

// An empty tools cache and a PATH with only Node and the system's programs: no emulator anywhere.
const nothingInstalled = () => ({
  IAM_CONFORMANCE_TOOLS: mkdtempSync(join(tmpdir(), 'ic-tools-')),
  PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
  IAM_CONFORMANCE_FAKECLOUD_BIN: '',
});

describe('fakecloud without its binary', () => {
  test('exit 3, saying how to install it', async () => {
    const r = await runCli(['run', '--target', 'fakecloud', '--id', 'ChangePassword/no-login-profile'], nothingInstalled());
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('fakecloud was not found');
    expect(r.stderr).toContain('bash ci/install-fakecloud.sh');
    expect(r.stderr).toContain('IAM_CONFORMANCE_FAKECLOUD_BIN');
    expect(r.stderr).not.toMatch(STACK);
  });

  test('IAM_CONFORMANCE_FAKECLOUD_BIN naming no file: exit 3, naming it', async () => {
    const r = await runCli(['run', '--target', 'fakecloud', '--id', 'ChangePassword/no-login-profile'], { ...nothingInstalled(), IAM_CONFORMANCE_FAKECLOUD_BIN: '/nonexistent/fakecloud' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('IAM_CONFORMANCE_FAKECLOUD_BIN names /nonexistent/fakecloud, which does not exist');
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe('--baseline auto', () => {
  test('a target that reports no version: exit 2, asking for a file', async () => {
    // The mock reports no emulator version, so nothing can be picked for it (a version without a
    // baseline is tested in test/run/baseline-pick.test.ts, and by hand against moto in the README).
    const r = await runCli(['run', '--target', 'mock', '--id', 'ChangePassword/no-login-profile', '--baseline']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('iam-conformance: run: --baseline auto: mock did not report its version, so no baseline can be picked; name one with --baseline FILE');
    expect(r.stderr).not.toMatch(STACK);
  });
});
