import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/iam-conformance.js', import.meta.url));

/**
 * Reports of a run that names no --report-dir go to a temporary folder, never into the clone; a
 * --report-dir in the arguments still wins (flags over environment variables).
 */
let reports: string | undefined;
export function testEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  reports ??= mkdtempSync(join(tmpdir(), 'ic-reports-'));
  // Under GitHub Actions the tests' own runs must not annotate the job or append to its summary: a test
  // that wants them sets them itself (env).
  const { GITHUB_ACTIONS: _actions, GITHUB_STEP_SUMMARY: _summary, ...outer } = process.env;
  return { ...outer, IAM_CONFORMANCE_REPORT_DIR: reports, ...env };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts any program with its output collected, for tests that interrupt or kill it. */
export function startProgram(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // Decoded as a stream: a chunk may end in the middle of a multi-byte character.
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the CLI as a user would, in its own process. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<CliResult> {
  return startCli(args, env, cwd).done;
}

/** Starts the CLI and hands back the process, for tests that interrupt or kill it. */
export function startCli(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  return startProgram(process.execPath, [BIN, ...args], testEnv(env), cwd);
}
