import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test, vi } from 'vitest';
import { causesOf } from '../../src/report/causes.ts';
import { appendStepSummary, githubAnnotations, MAX_ANNOTATIONS } from '../../src/report/github.ts';
import { htmlReport } from '../../src/report/html.ts';
import { junitReport } from '../../src/report/junit.ts';
import { markdownReport } from '../../src/report/markdown.ts';
import { reproducer } from '../../src/report/reproduce.ts';
import { publishToGithub } from '../../src/run/vitest/reporter.ts';
import { fakeReport, reportCase } from '../helpers/report-fixtures.ts';

const cases = [
  ...Array.from({ length: 30 }, (_, i) => reportCase(`ChangePassword/NewPassword/codepoint-${i}`, 'fail')),
  reportCase('ChangePassword/success', 'fail', { diff: { field: 'outcome', expected: 'success', actual: 'error (no code) (500)' } }),
  reportCase('GetLoginProfile/UserName/length-0', 'pass'),
  reportCase('ChangePassword/root', 'skip'),
  reportCase('ChangePassword/slow', 'error'),
  reportCase('UpdateLoginProfile/botocore-min', 'client-rejected' as never, { reason: 'botocore: Invalid length for parameter Password' }),
];
const report = fakeReport(cases, { causes: causesOf(cases) });

describe('report.md', () => {
  const md = markdownReport(report, { caseLimit: 10 });
  test('the summary, then the causes with counts and at most five example ids, then cases up to the limit', () => {
    expect(md.indexOf('## Causes: 2 causes of 31 failed cases')).toBeGreaterThan(md.indexOf('| ChangePassword |'));
    expect(md).toContain('| 30 | ChangePassword: error (no code) with status 500 where ValidationError was expected |');
    expect(md).toContain('and 25 more');
    expect(md).toContain('The first 10 of 31 (by id)');
    expect(md.match(/^- `ChangePassword\/NewPassword\/codepoint-\d+`: step 1/gm)).toHaveLength(10);
  });
  test('skips, errors and client-rejected cases with their reasons; client-rejected as its own column', () => {
    expect(md).toContain('1 × needs root credentials: `ChangePassword/root`');
    expect(md).toContain('1 × no response: connection reset');
    expect(md).toContain('## Refused by the client (never sent: no verdict on the target)');
    expect(md).toContain('| client-rejected |');
  });
});

test('report.md: causes the baseline expects entirely are listed apart, so a green baselined run does not read red', () => {
  const cs = [reportCase('ChangePassword/a', 'fail', { baseline: 'expected-failure' }), reportCase('ChangePassword/b', 'fail', { baseline: 'expected-failure' }),
    reportCase('GetLoginProfile/c', 'fail', { diff: { field: 'status', expected: 404, actual: 500 } }), reportCase('GetLoginProfile/d', 'fail', { baseline: 'expected-failure', diff: { field: 'status', expected: 404, actual: 500 } })];
  const baselined = fakeReport(cs, { causes: causesOf(cs), baseline: { file: 'b.yaml', expectedFailures: ['ChangePassword/a', 'ChangePassword/b', 'GetLoginProfile/d'], unexpectedPasses: [], newFailures: ['GetLoginProfile/c'] } });
  const md = markdownReport(baselined);
  expect(md).toContain('## Causes: 1 cause of 1 failed case');
  expect(md).toMatch(/\| 2 \| GetLoginProfile: status 500 where 404 was expected \(1 of them expected by the baseline\) \|/);
  expect(md).toContain('## Expected by the baseline: 1 cause of 2 cases (known failures: they do not fail the run)');
  expect(md.indexOf('| 2 | ChangePassword: error')).toBeGreaterThan(md.indexOf('## Expected by the baseline'));
  const green = fakeReport(cs.slice(0, 2), { causes: causesOf(cs.slice(0, 2)), baseline: { file: 'b.yaml', expectedFailures: ['ChangePassword/a', 'ChangePassword/b'], unexpectedPasses: [], newFailures: [] } });
  expect(markdownReport(green)).not.toContain('## Causes');
});

describe('junit.xml', () => {
  const xml = junitReport(report);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
  const suites = [doc.testsuites.testsuite].flat();
  test('one suite per operation; testcase name = case id, classname = operation; no prefix', () => {
    expect(suites.map((s: { name: string }) => s.name)).toEqual(['ChangePassword', 'GetLoginProfile', 'UpdateLoginProfile']);
    const names = suites.flatMap((s: { testcase: unknown }) => [s.testcase].flat().map((t) => (t as { name: string; classname: string })));
    expect(names.map((t) => t.name).sort()).toEqual(cases.map((c) => c.id).sort());
    for (const t of names) expect(t.classname).toBe(t.name.split('/')[0]);
  });
  test("counts equal report.json's; failure message = cause title; skips and client-rejected carry reasons; errors are <error>", () => {
    expect(doc.testsuites).toMatchObject({ tests: String(cases.length), failures: String(report.summary.failed), errors: '1', skipped: '2' });
    const all = suites.flatMap((s: { testcase: unknown }) => [s.testcase].flat()) as Array<Record<string, { message: string; '#text'?: string }>>;
    const fail = all.find((t) => (t as unknown as { name: string }).name === 'ChangePassword/success')!;
    expect(fail.failure!.message).toBe('ChangePassword: 500 where success was expected');
    expect(fail.failure!['#text']).toContain('evidence: docs');
    expect(fail.failure!['#text']).toContain("reproduce: iam-conformance run --target moto --id 'ChangePassword/success'");
    expect(all.filter((t) => t.skipped).map((t) => t.skipped!.message)).toEqual(['needs root credentials', 'client-rejected: botocore: Invalid length for parameter Password']);
    expect(all.find((t) => t.error)!.error!.message).toBe('no response: connection reset');
  });
  test('control characters of probe values become escapes: the file stays XML', () => {
    const odd = fakeReport([reportCase('ChangePassword/NewPassword/codepoint-U+0000', 'fail', { diff: { field: 'message', expected: 'a', actual: 'b\u0000c\u0008' } })]);
    expect(junitReport(odd)).toContain('b\\u0000c\\u0008');
  });
  test('a run with only passing cases has no failures and no empty suites', () => {
    const x = junitReport(fakeReport([reportCase('ChangePassword/NewPassword/length-128', 'pass')]));
    expect(x).toContain('<testsuites name="iam-conformance moto 5.2.1 (js-sdk)" tests="1" failures="0" errors="0" skipped="0"');
    expect(x.match(/<testsuite /g)).toHaveLength(1);
  });
});

test('junit.xml: a run not carried out whole has one <error> of the run, counted', () => {
  const short = fakeReport([reportCase('ChangePassword/a', 'pass')], { incomplete: { errors: ['Hook afterAll failed: the account password policy could not be put back'], selected: 3 } });
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(junitReport(short));
  const suites = [doc.testsuites.testsuite].flat();
  const run = suites.find((s: { name: string }) => s.name === 'run');
  expect(run.testcase.error.message).toBe('the run could not be carried out: 1 of 3 cases ran; 1 error(s) of the run');
  expect(run.testcase.error['#text']).toContain('could not be put back');
  expect(doc.testsuites).toMatchObject({ tests: '2', errors: '1' });
  expect(junitReport(fakeReport([reportCase('ChangePassword/a', 'pass')]))).not.toContain('name="run"');
  expect(markdownReport(short)).toContain('- **The run could not be carried out: 1 of 3 cases ran**\n  - Hook afterAll failed');
});

describe('GitHub Actions', () => {
  test('one ::error per cause at its spec line, escaped; at most ten, then a notice counting the rest', () => {
    const many = Array.from({ length: 12 }, (_, i) => reportCase(`ChangePassword/c${i}`, 'fail', { diff: { field: 'status', expected: 400, actual: 500 + i } }));
    const causes = causesOf(many).map((c) => ({ ...c, spec: { file: 'specs/iam/ChangePassword.yaml', line: 40 } }));
    const lines = githubAnnotations(fakeReport(many, { causes }));
    expect(lines).toHaveLength(MAX_ANNOTATIONS + 1);
    expect(lines[0]).toMatch(/^::error file=specs\/iam\/ChangePassword\.yaml,line=40,title=ChangePassword%3A status 50\d where 400 was expected::expected 400, got 50\d/);
    expect(lines.at(-1)).toBe('::notice title=2 more causes::2 more causes (2 cases) are not annotated: see report.md or report.html');
  });
  test('causes the baseline expects entirely are not annotated', () => {
    const c = reportCase('ChangePassword/a', 'fail', { baseline: 'expected-failure' });
    expect(githubAnnotations(fakeReport([c], { baseline: { file: 'b.yaml', expectedFailures: ['ChangePassword/a'], unexpectedPasses: [], newFailures: [] } }))).toEqual([]);
  });
  test('the step summary is appended, with the causes', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ghsum-')), 'summary.md');
    appendStepSummary(file, report);
    appendStepSummary(file, report);
    const text = readFileSync(file, 'utf8');
    expect(text.match(/## IAM conformance: moto 5.2.1 \(js-sdk\)/g)).toHaveLength(2);
    expect(text).toContain('| 30 | ChangePassword: error (no code) with status 500 where ValidationError was expected |');
  });
  test('a step summary that cannot be written is a warning on stderr, not an error of the run', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ghsum-'));
    const warnings: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (warnings.push(String(s)), true));
    try {
      // The summary file is a folder: appending to it fails (EISDIR).
      expect(() => publishToGithub(report, { GITHUB_STEP_SUMMARY: folder })).not.toThrow();
    } finally {
      spy.mockRestore();
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.startsWith(`iam-conformance: warning: could not write the job summary to ${folder}: EISDIR`)).toBe(true);
  });
});

describe('report.html', () => {
  const html = htmlReport(report);
  test('self-contained: no external script, style, link or image', () => {
    expect(html).not.toMatch(/<(script|img|iframe)[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).toMatch(/default-src 'none'/);
  });
  test('the data embedded cannot close its script element; it leaves out the coverage the page does not show', () => {
    const evil = fakeReport([reportCase('ChangePassword/x', 'fail', { title: '</script><script>alert(1)</script>' })]);
    const page = htmlReport(evil);
    expect(page.match(/<\/script>/g)).toHaveLength(3); // the data, the DOM helper, the page script
    const data = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(page)![1]!;
    expect(JSON.parse(data).cases[0].title).toBe('</script><script>alert(1)</script>');
    expect(JSON.parse(data).coverage).toBeUndefined();
    expect(evil.coverage).toBeDefined();
  });
});

test('the reproducer quotes the id for a shell and names the client, seed and strictness when they are not the defaults', () => {
  expect(reproducer(report, "ChangePassword/it's")).toBe(`iam-conformance run --target moto --id 'ChangePassword/it'\\''s'`);
  expect(reproducer({ ...report, client: { name: 'query', version: '1' }, strict: true, seed: 's2', target: { ...report.target, name: 'endpoint', endpoint: 'https://iam.example.com' } }, 'A/b')).toBe(
    "iam-conformance run --target endpoint --endpoint 'https://iam.example.com' --client query --seed 's2' --strict --id 'A/b'",
  );
});
