import { describe, expect, test } from 'vitest';
import { reportValidator } from '../../src/report/read.ts';
import { summarize } from '../../src/report/build.ts';
import { markdownReport } from '../../src/report/markdown.ts';
import { terminalSummary } from '../../src/report/terminal.ts';
import { compareReports, comparisonTable } from '../../src/compare/compare.ts';
import type { Report } from '../../src/report/types.ts';
import type { CaseResult } from '../../src/runner/result.ts';

/** A client-rejected case and a service error, as a boto3 run reports them (schema 1.2). */
function caseOf(id: string, over: Partial<CaseResult>): CaseResult {
  return { id, operation: 'ChangePassword', kind: 'scenario', title: id, tags: [], source: 'docs', outcome: 'pass', differences: [], notes: [], steps: [], durationMs: 1, ...over };
}
const policyStep = (surfaced: string) => ({
  call: 'ChangePassword', as: 'user', expected: { error: 'PasswordPolicyViolation' }, source: 'docs' as const,
  actual: { status: 400, code: 'PasswordPolicyViolation', attempts: 1, clientError: { name: surfaced } },
});
function report(client: string, surfaced: string, rejected: boolean): Report {
  const cases = [
    rejected
      ? caseOf('ChangePassword/NewPassword/length-0', {
          outcome: 'client-rejected',
          reason: 'step 1 ChangePassword: the boto3 client refused to send it (ParamValidationError): Invalid length for parameter NewPassword',
          steps: [{ call: 'ChangePassword', as: 'user', expected: { error: 'ValidationError' }, source: 'docs', clientRejected: { clientError: { name: 'ParamValidationError' }, message: 'Invalid length' } }],
        })
      : caseOf('ChangePassword/NewPassword/length-0', { steps: [{ ...policyStep('ValidationError'), actual: { status: 400, code: 'ValidationError', attempts: 1, clientError: { name: 'ValidationError' } } }], actual: { status: 400, code: 'ValidationError', attempts: 1, clientError: { name: 'ValidationError' } } }),
    caseOf('ChangePassword/policy-minimum-length', { steps: [policyStep(surfaced)], actual: policyStep(surfaced).actual }),
  ];
  return {
    schemaVersion: '1.2', tool: { name: 'iam-conformance', version: '0' },
    target: { name: 'mock', capabilities: { root: true, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false } },
    client: { name: client, version: '1', details: { botocore: '1.44.8' } }, runId: 'abc123', strict: false, startedAt: '2026-12-03T00:00:00Z', durationMs: 1,
    summary: summarize(cases), coverage: { errors: [], members: [] }, cases,
  };
}

describe('client-rejected cases and surfaced errors in reports (schema 1.2)', () => {
  test('counted apart: never failed, never errored; the schema accepts them', () => {
    const r = report('boto3', 'PasswordPolicyViolationException', true);
    expect(r.summary).toMatchObject({ total: 2, passed: 1, failed: 0, errored: 0, clientRejected: 1 });
    const validate = reportValidator();
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...r, summary: { ...r.summary, clientRejected: -1 } })).toBe(false);
  });

  test('the terminal summary and report.md name them as refused by the client', () => {
    const r = report('boto3', 'PasswordPolicyViolationException', true);
    expect(terminalSummary(r)).toMatch(/1 client-rejected/);
    expect(terminalSummary(r)).toMatch(/the boto3 client refused to send/);
    const md = markdownReport(r);
    expect(md).toContain('## Refused by the client (never sent: no verdict on the target)');
    expect(md).toContain('client: boto3 1 (botocore 1.44.8)');
  });

  test('compare: a surfaced error that changes between versions of one client is a difference; across clients it is shown, not compared', () => {
    const before = report('js-sdk', 'PasswordPolicyViolationException', false);
    const after = report('js-sdk@3.600.0', 'PasswordPolicyViolation', false);
    const same = compareReports([{ label: 'a', report: before }, { label: 'b', report: before }]);
    expect(same.differing).toEqual([]);
    const upgrade = compareReports([{ label: 'a', report: before }, { label: 'b', report: after }]);
    expect(upgrade.surfacedCompared).toBe(true);
    expect(upgrade.differing.map((d) => d.id)).toEqual(['ChangePassword/policy-minimum-length']);
    const clients = compareReports([{ label: 'js', report: before }, { label: 'boto3', report: report('boto3', 'PasswordPolicyViolationException', true) }]);
    expect(clients.surfacedCompared).toBe(false);
    expect(clients.differing.map((d) => d.id)).toEqual(['ChangePassword/NewPassword/length-0']);
    expect(comparisonTable(clients)).toMatch(/client-rejected \[ParamValidationError\]/);
  });
});
