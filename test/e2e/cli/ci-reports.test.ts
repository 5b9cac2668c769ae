import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../../src/report/types.ts';
import { runCli, type CliResult } from '../../helpers/cli.ts';

/**
 * The reports CI reads, end to end: junit.xml of a filtered green run, the GitHub annotations and job
 * summary of a run with differences (the mock playing a deviating target), --rerun-failed, --shard with
 * merge-reports, and the matrix of two reports.
 */
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
const junit = (dir: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(dir, 'junit.xml'), 'utf8'));
const FILES = ['report.json', 'report.md', 'junit.xml', 'report.html'];
// A deviating target: control characters accepted in passwords (fails a few dozen ChangePassword cases).
const DEVIANT = ['--target', 'mock', '--mutant', 'password-accepts-controls', '--operation', 'ChangePassword'];

describe('a filtered run on the mock', () => {
  const dir = tmp('ic-filtered-');
  let r: CliResult;
  beforeAll(async () => {
    r = await runCli(['run', '--operation', 'ChangePassword', '--id', 'ChangePassword/NewPassword/length-12*', '--report-dir', dir, '--quiet']);
  }, 120_000);

  test('junit.xml has its cases only: no failure, no error, no empty suite', () => {
    expect(r.code, r.stderr).toBe(0);
    const doc = junit(dir);
    expect(doc.testsuites).toMatchObject({ tests: '3', failures: '0', errors: '0', skipped: '0' });
    expect(doc.testsuites.testsuite.name).toBe('ChangePassword');
  });

  test('--rerun-failed on a report without failures runs nothing and exits 0', async () => {
    const again = await runCli(['run', '--rerun-failed', join(dir, 'report.json')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('--rerun-failed: that report has no failed or errored case: nothing to run');
  });

  test('the last lines name each report written, all four beside each other', () => {
    const lines = r.stderr.trim().split('\n').slice(-4);
    expect(lines).toEqual(FILES.map((f) => `report written: ${join(dir, f)}`));
    for (const f of FILES) expect(existsSync(join(dir, f))).toBe(true);
  });
});

describe('a run with differences under GitHub Actions', () => {
  const dir = tmp('ic-gh-');
  const summary = join(tmp('ic-gh-summary-'), 'step-summary.md');
  let r: CliResult;
  let report: Report;
  beforeAll(async () => {
    r = await runCli(['run', ...DEVIANT, '--report-dir', dir, '--quiet'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    report = read(dir);
  }, 180_000);

  test('exit 1; causes in report.json account for every failed case', () => {
    expect(r.code, r.stderr).toBe(1);
    expect(report.schemaVersion).toBe('1.2');
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(report.causes!.reduce((n, c) => n + c.count, 0)).toBe(report.summary.failed);
  });

  test('one ::error per cause (at most ten) on the spec file and line its cases come from', () => {
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.length).toBe(Math.min(10, report.causes!.length));
    const spec = readFileSync('specs/iam/ChangePassword.yaml', 'utf8').split('\n');
    for (const e of errors) {
      const m = /^::error file=specs\/iam\/ChangePassword\.yaml,line=(\d+),title=[^:]+::expected .+, got .+/.exec(e);
      expect(m, e).not.toBeNull();
      // The line is the spec entry: a member under input: or a scenario's id.
      expect(spec[Number(m![1]) - 1]).toMatch(/^\s+(- id: |[A-Z][A-Za-z]+:)/);
    }
  });

  test('the job summary holds the summary and the causes', () => {
    const text = readFileSync(summary, 'utf8');
    expect(text).toContain('## IAM conformance: mock (js-sdk)');
    expect(text).toContain(`## Causes: ${report.causes!.length}`);
  });

  test("junit.xml's failures equal report.json's failed count", () => {
    const doc = junit(dir);
    expect(Number(doc.testsuites.failures)).toBe(report.summary.failed);
    expect(Number(doc.testsuites.tests)).toBe(report.summary.total);
  });

  test('--rerun-failed runs exactly the failed and errored cases of that report', async () => {
    const again = tmp('ic-rerun-');
    const rr = await runCli(['run', ...DEVIANT, '--rerun-failed', join(dir, 'report.json'), '--report-dir', again, '--quiet']);
    expect(rr.code, rr.stderr).toBe(1);
    const failed = report.cases.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map((c) => c.id);
    expect(read(again).cases.map((c) => c.id)).toEqual(failed);
  }, 180_000);

  test('--shard 1/2 and 2/2, merged, equal the unsharded run in cases and summary, in every format', async () => {
    const one = tmp('ic-shard1-');
    const two = tmp('ic-shard2-');
    const merged = tmp('ic-merged-');
    const [a, b] = await Promise.all([
      runCli(['run', ...DEVIANT, '--shard', '1/2', '--report-dir', one, '--quiet']),
      runCli(['run', ...DEVIANT, '--shard', '2/2', '--report-dir', two, '--quiet']),
    ]);
    expect([a.code, b.code]).toEqual([1, 1]);
    const ra = read(one);
    const rb = read(two);
    expect(ra.shard).toEqual({ index: 1, count: 2, cases: ra.cases.length });
    expect(ra.cases.length + rb.cases.length).toBe(report.cases.length);
    const m = await runCli(['merge-reports', join(one, 'report.json'), join(two, 'report.json'), '--report-dir', merged]);
    expect(m.code, m.stderr).toBe(1);
    for (const f of FILES) expect(m.stderr).toContain(`report written: ${join(merged, f)}`);
    const whole = read(merged);
    const verdicts = (x: Report) => x.cases.map((c) => ({ id: c.id, outcome: c.outcome, differences: c.differences }));
    expect(verdicts(whole)).toEqual(verdicts(report));
    const counts = ({ requests: _r, accessKeysCreated: _k, ...s }: Report['summary']) => s;
    expect(counts(whole.summary)).toEqual(counts(report.summary));
    expect(whole.causes!.map((c) => [c.id, c.caseIds])).toEqual(report.causes!.map((c) => [c.id, c.caseIds]));
    expect(Number(junit(merged).testsuites.failures)).toBe(report.summary.failed);
  }, 240_000);

  test('an empty shard writes an empty report with its shard (exit 0); merge-reports refuses a missing shard (exit 2)', async () => {
    // DeleteAccountPasswordPolicy's cases are all account-wide: they stay together in shard 1.
    const one = tmp('ic-empty1-');
    const two = tmp('ic-empty2-');
    const only = ['run', '--target', 'mock', '--operation', 'DeleteAccountPasswordPolicy', '--quiet'];
    const [a, b] = await Promise.all([runCli([...only, '--shard', '1/2', '--report-dir', one]), runCli([...only, '--shard', '2/2', '--report-dir', two])]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).not.toMatch(/error/i);
    expect(read(two)).toMatchObject({ shard: { index: 2, count: 2, cases: 0 }, cases: [], summary: { total: 0 } });
    expect(a.code, a.stderr).toBe(0);
    const merged = await runCli(['merge-reports', join(one, 'report.json'), join(two, 'report.json'), '--report-dir', tmp('ic-empty-merged-')]);
    expect(merged.code, merged.stderr).toBe(0);
    const partial = await runCli(['merge-reports', join(one, 'report.json'), '--report-dir', tmp('ic-partial-')]);
    expect(partial.code).toBe(2);
    expect(partial.stderr.trim()).toBe('iam-conformance: merge-reports: shard 2/2 missing: give the report of every shard');
  }, 180_000);

  test('matrix.html and matrix.md from two reports', async () => {
    const out = tmp('ic-matrix-');
    const green = tmp('ic-green-');
    expect((await runCli(['run', '--operation', 'ChangePassword', '--report-dir', green, '--quiet'])).code).toBe(0);
    const h = await runCli(['matrix', join(dir, 'report.json'), join(green, 'report.json'), '--out', join(out, 'matrix.html')]);
    expect(h.code, h.stderr).toBe(0);
    const html = readFileSync(join(out, 'matrix.html'), 'utf8');
    expect(html).toContain('only rows where the columns differ');
    const data = JSON.parse(/<script type="application\/json" id="matrix-data">([^]*?)<\/script>/.exec(html)![1]!);
    expect(data.columns).toHaveLength(2);
    expect(data.differing).toBe(report.summary.failed);
    const md = await runCli(['matrix', join(dir, 'report.json'), join(green, 'report.json'), '--out', join(out, 'matrix.md'), '--differing']);
    expect(md.code, md.stderr).toBe(0);
    expect(readFileSync(join(out, 'matrix.md'), 'utf8')).toContain('## mock: main deviations from AWS');
  }, 180_000);
});

describe('bad input is one line, exit 2', () => {
  test.each([
    [['run', '--shard', '3/2'], /--shard must be I\/N with 1 <= I <= N \(e\.g\. 1\/4\), not "3\/2"/],
    [['run', '--rerun-failed', '/nonexistent/report.json'], /--rerun-failed: \/nonexistent\/report\.json: not a readable JSON report/],
    [['merge-reports', 'package.json', '--report-dir', '/tmp/x'], /merge-reports: package\.json: not an iam-conformance report/],
    [['matrix', 'package.json', '--out', '/tmp/x.txt'], /matrix: --out FILE, ending in \.html or \.md/],
  ])('%j', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trim().split('\n')).toHaveLength(r.stderr.includes('see: iam-conformance') ? 2 : 1);
  });
});
