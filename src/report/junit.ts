import { causeByCase, causesFor } from './causes.ts';
import { formatFailure } from './format.ts';
import { operationsOf } from './outcomes.ts';
import { reproducer } from './reproduce.ts';
import type { Report, ReportCase } from './types.ts';

/**
 * junit.xml, a view of report.json (not vitest's own JUnit reporter, which knows tests, not cases): one
 * <testsuite> per operation; each case a <testcase> named by its id with the operation as classname.
 * A failure's message is its cause's title and its body the expected and actual answer and the
 * evidence; skips carry their reason; cases that could not be carried out are <error>s; a case the
 * client refused to send is <skipped message="client-rejected: ...">. The counts are report.json's:
 * failures = summary.failed (+ unexpected passes of a baseline, which fail the run too),
 * errors = summary.errored, skipped = summary.skipped + client-rejected. A filtered run has only its
 * own cases: no empty suite, no phantom failure. A run not carried out whole (report.incomplete) adds
 * one <testsuite name="run"> with one <error> saying so.
 */
export function junitReport(report: Report): string {
  const causes = causeByCase(causesFor(report));
  const suites: string[] = [];
  let totals = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  for (const op of operationsOf(report)) {
    const cases = report.cases.filter((c) => c.operation === op);
    const rendered = cases.map((c) => testcase(c, report, causes.get(c.id)?.title));
    const counts = {
      tests: cases.length,
      failures: rendered.filter((r) => r.kind === 'failure').length,
      errors: rendered.filter((r) => r.kind === 'error').length,
      skipped: rendered.filter((r) => r.kind === 'skipped').length,
      time: cases.reduce((t, c) => t + c.durationMs, 0) / 1000,
    };
    totals = { tests: totals.tests + counts.tests, failures: totals.failures + counts.failures, errors: totals.errors + counts.errors, skipped: totals.skipped + counts.skipped, time: totals.time + counts.time };
    suites.push(
      `  <testsuite name="${attr(op)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${counts.time.toFixed(3)}" timestamp="${attr(report.startedAt.slice(0, 19))}">\n` +
        rendered.map((r) => r.xml).join('') +
        '  </testsuite>\n',
    );
  }
  if (report.incomplete) {
    // The run itself failed (a hook, a crash, cases never run): one <error> says so, or CI would read a
    // short run as a green one.
    const { errors, selected } = report.incomplete;
    const message = `the run could not be carried out: ${report.cases.length} of ${selected} cases ran${errors.length ? `; ${errors.length} error(s) of the run` : ''}`;
    suites.push(
      `  <testsuite name="run" tests="1" failures="0" errors="1" skipped="0" time="0.000">\n` +
        `    <testcase name="run" classname="run" time="0.000">\n      <error message="${attr(message)}" type="run-error">${text(errors.join('\n'))}</error>\n    </testcase>\n` +
        '  </testsuite>\n',
    );
    totals = { ...totals, tests: totals.tests + 1, errors: totals.errors + 1 };
  }
  const name = `iam-conformance ${report.target.name}${report.target.version ? ` ${report.target.version}` : ''} (${report.client.name})`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${attr(name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${(report.durationMs / 1000).toFixed(3)}">\n` +
    suites.join('') +
    '</testsuites>\n'
  );
}

type Rendered = { kind: 'pass' | 'failure' | 'error' | 'skipped'; xml: string };

function testcase(c: ReportCase, report: Report, causeTitle: string | undefined): Rendered {
  const open = `    <testcase name="${attr(c.id)}" classname="${attr(c.operation)}" time="${(c.durationMs / 1000).toFixed(3)}"`;
  const close = (inner: string): string => `${open}>\n${inner}    </testcase>\n`;
  const outcome = c.outcome as string;
  if (outcome === 'fail' && c.baseline === 'expected-failure') {
    return { kind: 'pass', xml: close(`      <system-out>${text(`fails as the baseline expects (${causeTitle ?? 'see report.json'})\n${formatFailure(c)}`)}</system-out>\n`) };
  }
  if (outcome === 'fail') {
    const body = `${formatFailure(c)}\nreproduce: ${reproducer(report, c.id)}`;
    return { kind: 'failure', xml: close(`      <failure message="${attr(causeTitle ?? c.title)}" type="${attr(c.differences[0]?.field ?? 'difference')}">${text(body)}</failure>\n`) };
  }
  if (outcome === 'pass' && c.baseline === 'unexpected-pass') {
    return { kind: 'failure', xml: close(`      <failure message="passed, but the baseline lists it as failing (update the baseline)" type="unexpected-pass"></failure>\n`) };
  }
  if (outcome === 'error') {
    return { kind: 'error', xml: close(`      <error message="${attr(c.reason ?? 'could not be carried out')}" type="run-error">${text(formatFailure(c))}</error>\n`) };
  }
  if (outcome === 'skip') return { kind: 'skipped', xml: close(`      <skipped message="${attr(c.reason ?? 'skipped')}"/>\n`) };
  if (outcome === 'client-rejected') {
    return { kind: 'skipped', xml: close(`      <skipped message="${attr(`client-rejected: ${c.reason ?? 'the client refused to send the request'}`)}"/>\n`) };
  }
  return { kind: 'pass', xml: `${open}/>\n` };
}

/** XML 1.0 allows neither most control characters nor lone surrogates: probe values carry both. */
function clean(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function attr(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

function text(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
