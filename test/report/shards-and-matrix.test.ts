import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { mergeReportsCommand, MERGE_HELP } from '../../src/cli/merge-reports.ts';
import { EXIT } from '../../src/exit-codes.ts';
import { reportExitCode } from '../../src/cli/report-exit-code.ts';
import { baselineHistory, compareVersions } from '../../src/baseline/history.ts';
import { expandCases } from '../../src/cases/expand.ts';
import { causesOf } from '../../src/report/causes.ts';
import { buildMatrix, deviations, matrixMarkdown } from '../../src/report/matrix.ts';
import { mergeReports, MergeError } from '../../src/report/merge.ts';
import { relativeLink } from '../../src/report/matrix-html.ts';
import { shardCases } from '../../src/run/shard.ts';
import { loadSpecs } from '../../src/specfile/load.ts';
import { fakeReport, reportCase } from '../helpers/report-fixtures.ts';

const specs = loadSpecs();
const all = expandCases(specs, { seed: 'iam-conformance-1' });

describe('--shard I/N', () => {
  test('the shards of a selection are disjoint, cover it, and are even apart from the account-wide block', () => {
    for (const n of [1, 2, 3, 5]) {
      const shards = Array.from({ length: n }, (_, i) => shardCases(all, { index: i + 1, count: n }));
      const ids = shards.flatMap((s) => s.map((c) => c.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(all.map((c) => c.id).sort());
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
  test('account-wide cases stay together, in shard 1', () => {
    const serial = all.filter((c) => c.serial).map((c) => c.id);
    expect(serial.length).toBeGreaterThan(0);
    const first = shardCases(all, { index: 1, count: 4 }).map((c) => c.id);
    expect(first).toEqual(expect.arrayContaining(serial));
    for (const i of [2, 3, 4]) expect(shardCases(all, { index: i, count: 4 }).filter((c) => c.serial)).toEqual([]);
  });
  test('deterministic: the order of the selection does not change a shard', () => {
    const a = shardCases(all, { index: 2, count: 3 }).map((c) => c.id).sort();
    const b = shardCases([...all].reverse(), { index: 2, count: 3 }).map((c) => c.id).sort();
    expect(b).toEqual(a);
  });
});

describe('merge-reports', () => {
  const cases = [reportCase('ChangePassword/a', 'fail'), reportCase('ChangePassword/b', 'pass'), reportCase('GetLoginProfile/c', 'fail'), reportCase('ChangePassword/root', 'skip')];
  const whole = fakeReport(cases, { causes: causesOf(cases), summary: { ...fakeReport(cases).summary, requests: 40 } });
  const one = fakeReport(cases.slice(0, 2), { shard: { index: 1, count: 2, cases: 2 }, summary: { ...fakeReport(cases.slice(0, 2)).summary, requests: 25 } });
  const two = fakeReport(cases.slice(2), { shard: { index: 2, count: 2, cases: 2 }, startedAt: '2026-12-03T10:00:01.000Z', summary: { ...fakeReport(cases.slice(2)).summary, requests: 15 } });

  test('equals the unsharded report in cases, summary and causes', () => {
    const merged = mergeReports([{ file: 'one.json', report: one }, { file: 'two.json', report: two }], specs);
    expect(merged.cases).toEqual(whole.cases);
    expect(merged.summary).toEqual(whole.summary);
    expect(merged.causes!.map(({ spec: _s, ...c }) => c)).toEqual(whole.causes);
    expect(merged.shard).toBeUndefined();
    expect(merged.durationMs).toBe(2500);
  });
  test('refuses a case given twice and shards of different runs', () => {
    expect(() => mergeReports([{ file: 'one.json', report: one }, { file: 'again.json', report: { ...one, shard: { index: 2, count: 2, cases: 2 } } }], specs)).toThrow(/ChangePassword\/a is in both one.json and again.json/);
    const other = { ...two, target: { ...two.target, version: '5.2.5' } };
    expect(() => mergeReports([{ file: 'one.json', report: one }, { file: 'other.json', report: other }], specs)).toThrow(MergeError);
  });
  test('refuses an incomplete set of shards: one missing, a report of no shard, another split, a shard whose run stopped early', () => {
    const merge = (...rs: Array<[string, typeof one]>) => () => mergeReports(rs.map(([file, report]) => ({ file, report })), specs);
    expect(merge(['one.json', one])).toThrow(/^shard 2\/2 missing: give the report of every shard$/);
    expect(merge(['two.json', two])).toThrow(/^shard 1\/2 missing/);
    const { shard: _s, ...unsharded } = two;
    expect(merge(['one.json', one], ['whole.json', unsharded])).toThrow(/whole.json is not the report of a shard/);
    expect(merge(['one.json', one], ['three.json', { ...two, shard: { index: 2, count: 3, cases: 2 } }])).toThrow(/three.json is shard 2\/3, one.json is of 2 shards/);
    expect(merge(['one.json', one], ['two.json', { ...two, shard: { index: 1, count: 2, cases: 2 } }])).toThrow(/shard 1\/2 is given twice \(one.json and two.json\)/);
    expect(merge(['one.json', one], ['two.json', { ...two, shard: { index: 2, count: 2, cases: 3 } }])).toThrow(/two.json holds 2 of the 3 cases shard 2\/2 selected/);
    expect(merge(['one.json', one], ['two.json', { ...two, shard: { index: 2, count: 2 } }])).toThrow(/does not record how many cases/);
    expect(merge(['one.json', one], ['two.json', { ...two, seed: 'other' }])).toThrow(/not a shard of the same run/);
  });
});

test('merge-reports: a case that could not be carried out exits 3, as run and the help say; "report written" goes to stderr as run\'s', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'ic-merge-'));
  const a = [reportCase('ChangePassword/a', 'pass')];
  const b = [reportCase('ChangePassword/b', 'error')];
  writeFileSync(join(folder, 'one.json'), JSON.stringify(fakeReport(a, { shard: { index: 1, count: 2, cases: 1 } })));
  writeFileSync(join(folder, 'two.json'), JSON.stringify(fakeReport(b, { shard: { index: 2, count: 2, cases: 1 } })));
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((t) => (out.push(String(t)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((t) => (err.push(String(t)), true));
  let code;
  try {
    code = await mergeReportsCommand([join(folder, 'one.json'), join(folder, 'two.json'), '--report-dir', join(folder, 'merged')]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  expect(code).toBe(EXIT.unavailable);
  expect(MERGE_HELP).toMatch(/3 when some case could not be carried out/);
  expect(err.filter((l) => l.startsWith('report written: '))).toHaveLength(4);
  expect(out.join('')).not.toContain('report written');
});

test('causes, merge-reports and the shards order ids the same way: by code unit, not by locale ("B" before "a")', () => {
  const upper = reportCase('ChangePassword/B', 'fail');
  const lower = reportCase('ChangePassword/a', 'fail');
  expect(causesOf([lower, upper])[0]!.caseIds).toEqual(['ChangePassword/B', 'ChangePassword/a']);
  const merged = mergeReports([
    { file: 'one.json', report: fakeReport([lower], { shard: { index: 1, count: 2, cases: 1 } }) },
    { file: 'two.json', report: fakeReport([upper], { shard: { index: 2, count: 2, cases: 1 } }) },
  ], specs);
  expect(merged.cases.map((c) => c.id)).toEqual(['ChangePassword/B', 'ChangePassword/a']);
});

test('the exit code of a report: 3 for an errored case or a run not carried out whole, else by the baseline or the failures', () => {
  const pass = [reportCase('ChangePassword/a', 'pass')];
  expect(reportExitCode(fakeReport(pass))).toBe(EXIT.ok);
  expect(reportExitCode(fakeReport(pass, { incomplete: { errors: ['Hook afterAll failed'], selected: 1 } }))).toBe(EXIT.unavailable);
  expect(reportExitCode(fakeReport([reportCase('ChangePassword/a', 'error')]))).toBe(EXIT.unavailable);
  expect(reportExitCode(fakeReport([reportCase('ChangePassword/a', 'fail')]))).toBe(EXIT.differences);
});

describe('matrix', () => {
  const moto = fakeReport([reportCase('ChangePassword/a', 'fail'), reportCase('ChangePassword/b', 'pass'), reportCase('ChangePassword/c', 'fail')]);
  const mock = fakeReport([reportCase('ChangePassword/a', 'pass'), reportCase('ChangePassword/b', 'pass'), reportCase('ChangePassword/c', 'fail')], { target: { ...moto.target, name: 'mock', version: undefined } as never });
  const m = buildMatrix([{ file: 'moto.json', report: moto }, { file: 'mock.json', report: mock }]);
  test('rows grouped by the causes they fail with; cells by outcome; rows that differ counted', () => {
    expect(m.columns.map((c) => c.label)).toEqual(['moto 5.2.1 · js-sdk 3.1169.0', 'mock · js-sdk 3.1169.0']);
    expect(m.groups.map((g) => [g.title, g.rows.map((r) => r.id)])).toEqual([
      ['ChangePassword: error (no code) with status 500 where ValidationError was expected (moto 5.2.1)', ['ChangePassword/a']],
      ['ChangePassword: error (no code) with status 500 where ValidationError was expected (moto 5.2.1, mock)', ['ChangePassword/c']],
      ['no failure in any column', ['ChangePassword/b']],
    ]);
    expect(m.differing).toBe(1);
    expect(m.groups[0]!.rows[0]!.cells.map((c) => c.outcome)).toEqual(['fail', 'pass']);
  });
  test('matrix.md with --differing lists only rows where the columns differ, and each target\'s deviations to file', () => {
    const md = matrixMarkdown(m, [moto, mock], { differingOnly: true });
    expect(md).toContain('`ChangePassword/a`');
    expect(md).not.toMatch(/\| `ChangePassword\/c` \|/);
    expect(md).toContain('## moto 5.2.1: main deviations from AWS');
    expect(md).toContain('- **Request:** `ChangePassword` as user with `{"NewPassword":"<redacted, 12 chars>","OldPassword":"<redacted, 14 chars>"}`');
    expect(md).toContain('- **AWS:** error ValidationError (evidence: docs, https://docs.aws.amazon.com/');
  });
});

test('a deviation quotes what the target said as text: echoed control characters spelled U+XXXX, run names as ic-<run>-', () => {
  const echoed = reportCase('GetLoginProfile/UserName/codepoint-U+0000', 'fail');
  echoed.steps[0]!.actual = { status: 404, code: 'NoSuchEntity', message: 'The user with name ic-8a475d-1px\u0000 cannot be found.', attempts: 1 };
  const lines = deviations(fakeReport([echoed]));
  expect(lines.join('\n')).toContain('"The user with name ic-<run>-1pxU+0000 cannot be found."');
  expect(lines.filter((l) => /[\u0000-\u001f]/u.test(l))).toEqual([]);
});

test("matrix.html's links to each report.html are relative with every path segment URL-encoded", () => {
  expect(relativeLink('/r/out/matrix.html', '/r/moto #2/50% done/report.html')).toBe('../moto%20%232/50%25%20done/report.html');
  expect(relativeLink('/r/matrix.html', '/r/mock/report.html')).toBe('mock/report.html');
});

describe('history from the baselines', () => {
  test('per target and version: known failures, fixed and regressed against the previous version; the flat layout too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baselines-'));
    mkdirSync(join(dir, 'moto'));
    const baseline = (target: string, version: string, ids: string[]) =>
      `target: ${target}\nversion: ${version}\ncases:\n${ids.map((id) => `  ${id}:\n    actual: 500 (no code)\n    note: x\n`).join('')}`;
    writeFileSync(join(dir, 'moto', '5.2.10.yaml'), baseline('moto', '5.2.10', ['A/b', 'A/d']));
    writeFileSync(join(dir, 'moto', '5.2.1.yaml'), baseline('moto', '5.2.1', ['A/a', 'A/b', 'A/c']));
    writeFileSync(join(dir, 'ministack.yaml'), baseline('ministack', '1.5.33', ['A/a']));
    const h = baselineHistory(dir);
    expect(h.map((t) => t.target)).toEqual(['ministack', 'moto']);
    expect(h[1]!.versions.map((v) => [v.version, v.failing.length, v.fixed, v.regressed])).toEqual([
      ['5.2.1', 3, [], []],
      ['5.2.10', 2, ['A/a', 'A/c'], ['A/d']],
    ]);
    expect(matrixMarkdown(buildMatrix([]), [], { history: h })).toContain('| 5.2.10 | 2 | 2: `A/a`, `A/c` | 1: `A/d` |');
  });
  test('versions compare by their numbers', () => {
    expect(['5.2.10', '5.2.1', '2026.3.0', '5.2.5'].sort(compareVersions)).toEqual(['5.2.1', '5.2.5', '5.2.10', '2026.3.0']);
  });
});
