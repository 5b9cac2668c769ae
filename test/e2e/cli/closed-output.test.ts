import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startCli } from '../../helpers/cli.ts';

/** Output piped into a reader that stops early (`| head`): the output ends, quietly; the command does not. */
describe('a closed standard output', () => {
  test('a reader that stops early (`expand | head`): exit 0, nothing on stderr', async () => {
    const run = startCli(['expand']);
    run.child.stdout.once('data', () => run.child.stdout.destroy());
    const { code, stderr } = await run.done;
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('a reader that stops early ends the output, not the command: `run | head` still judges every case and writes its reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-epipe-'));
    // wrong-old-password fails on this mutant: the exit code must be the run's verdict (1), not a guess.
    const run = startCli(['run', '--operation', 'ChangePassword', '--mutant', 'old-password-not-checked', '--report-dir', dir]);
    run.child.stdout.once('data', () => run.child.stdout.destroy());
    const { code, stderr } = await run.done;
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { summary: { total: number; failed: number } };
    expect(report.summary.total).toBeGreaterThan(300);
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(code).toBe(1);
  });
});
