import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { ROOT, startProgram, testEnv } from '../helpers/cli.ts';

/**
 * The GitHub Action (action.yml, composite): its inputs, and its run step as GitHub runs it - the inputs
 * as INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files - against the mock. GitHub itself is
 * not here; the step's script is, and so is every file it writes.
 */
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Array<{ id?: string; run?: string; uses?: string; if?: string }> };
};

function runStep(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'ic-action-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  writeFileSync(files.output, '');
  const env = testEnv({
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ACTIONS: 'true',
    INPUT_REPORT_DIR: join(dir, 'reports'),
    ...inputs,
  });
  delete env.IAM_CONFORMANCE_REPORT_DIR;
  const run = startProgram('bash', [join(ROOT, 'action', 'run.sh')], env, dir);
  return run.done.then((r) => ({
    ...r,
    outputs: Object.fromEntries(readFileSync(files.output, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string])),
    summary: existsSync(files.summary) ? readFileSync(files.summary, 'utf8') : '',
  }));
}

describe('the GitHub Action', () => {
  test('declares the inputs and outputs its documentation names, and runs as a composite', () => {
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['target', 'endpoint', 'client', 'baseline', 'shard', 'report-dir', 'product']));
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['exit-code', 'report-json', 'report-html', 'junit']));
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.some((s) => s.uses?.startsWith('actions/setup-node@') && s.if)).toBe(true);
    expect(action.runs.steps.find((s) => s.id === 'run')?.run).toContain('action/run.sh');
  });

  test('a conformant run: exit 0, the report paths as outputs, the job summary written', async () => {
    const r = await runStep({ INPUT_TARGET: 'mock', INPUT_OPERATION: 'GetLoginProfile', INPUT_ARGS: '--quiet --concurrency "4"' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs['exit-code']).toBe('0');
    for (const o of ['report-json', 'report-html', 'report-md', 'junit']) expect(existsSync(r.outputs[o]!), o).toBe(true);
    expect(JSON.parse(readFileSync(r.outputs['report-json']!, 'utf8')).summary.failed).toBe(0);
    expect(r.summary).toContain('GetLoginProfile');
  });

  test('differences fail the step with the run exit code, and the outputs are still set', async () => {
    const r = await runStep({ INPUT_OPERATION: 'DeleteLoginProfile', INPUT_ARGS: '--quiet --mutant delete-login-profile-no-op' });
    expect(r.code).toBe(1);
    expect(r.outputs['exit-code']).toBe('1');
    expect(existsSync(r.outputs['report-json']!)).toBe(true);
    expect(r.stdout).toMatch(/^::error /m);
  });

  test('a bad input is a usage error (exit 2) naming it', async () => {
    const r = await runStep({ INPUT_TARGET: 'nowhere' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown target "nowhere"');
    expect(r.outputs['exit-code']).toBe('2');
  });
});
