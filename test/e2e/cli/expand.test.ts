import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

/** `iam-conformance expand`: portable cases, the same bytes every time, the same ids as `run --list`. */
describe('iam-conformance expand', () => {
  test('prints the same JSON twice, with no run id in it, and its digest', async () => {
    const [a, b, digest] = await Promise.all([runCli(['expand']), runCli(['expand']), runCli(['expand', '--digest'])]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toBe('');
    expect(b.stdout).toBe(a.stdout);
    const doc = JSON.parse(a.stdout) as { seed: string; count: number; cases: Array<{ id: string }> };
    expect(doc.count).toBe(doc.cases.length);
    expect(doc.count).toBeGreaterThanOrEqual(988);
    expect(a.stdout).toContain('ic-${run}-');
    expect(digest.stdout.trim()).toBe(`sha256:${createHash('sha256').update(a.stdout).digest('hex')}`);
  });

  test('selects the same ids as run --list with the same filters', async () => {
    const filters = ['--operation', 'ChangePassword,UpdateLoginProfile', '--tag', 'constraint', '--id', '*/NewPassword/**'];
    const [expand, list] = await Promise.all([runCli(['expand', ...filters]), runCli(['run', '--list', ...filters])]);
    const ids = (JSON.parse(expand.stdout) as { cases: Array<{ id: string }> }).cases.map((c) => c.id);
    expect(ids.length).toBeGreaterThan(10);
    expect(list.stdout.trim().split('\n').map((l) => l.split('\t')[0])).toEqual(ids);
  });

  test('another seed gives other values; a bad option is one line and exit 2', async () => {
    const [a, b, bad] = await Promise.all([runCli(['expand', '--digest']), runCli(['expand', '--digest', '--seed', 'other']), runCli(['expand', '--bogus'])]);
    expect(b.stdout).not.toBe(a.stdout);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
