import type { Report, ReportCase } from '../../src/report/types.ts';

/** A case of a report, failing (with one difference), passing, skipped or errored: only what views read. */
export function reportCase(id: string, outcome: string, over: Partial<ReportCase> & { diff?: { call?: string; field: string; expected: unknown; actual: unknown; step?: number } } = {}): ReportCase {
  const operation = id.split('/')[0]!;
  const { diff, ...rest } = over;
  const d = diff ?? (outcome === 'fail' ? { field: 'error', expected: 'ValidationError', actual: '(no code)' } : undefined);
  const step = d?.step ?? 0;
  return {
    id,
    operation,
    kind: id.split('/').length > 2 ? 'constraint' : 'scenario',
    title: `the case ${id}`,
    tags: [operation === 'ChangePassword' ? 'password-policy' : 'constraint'],
    source: 'docs',
    outcome: outcome as ReportCase['outcome'],
    differences: d ? [{ step, call: d.call ?? operation, field: d.field, expected: d.expected, actual: d.actual, source: 'docs', evidence: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ChangePassword.html' }] : [],
    notes: [],
    steps: [
      {
        call: operation,
        as: 'user',
        input: { NewPassword: { redacted: true, length: 12 }, OldPassword: { redacted: true, length: 14 } },
        expected: { error: 'ValidationError', status: 400 },
        source: 'docs',
        actual: outcome === 'pass' ? { status: 400, code: 'ValidationError', attempts: 1 } : { status: 500, message: 'Internal error for ic-abc123-u1', attempts: 1 },
      },
    ],
    durationMs: 12,
    ...(outcome === 'skip' ? { reason: 'needs root credentials' } : outcome === 'error' ? { reason: 'no response: connection reset' } : {}),
    ...rest,
  };
}

export function fakeReport(cases: ReportCase[], over: Partial<Report> = {}): Report {
  const sorted = [...cases].sort((a, b) => a.id.localeCompare(b.id));
  const n = (o: string) => sorted.filter((c) => c.outcome === o && !c.baseline).length;
  return {
    schemaVersion: '1.2',
    tool: { name: 'iam-conformance', version: '0.1.0' },
    target: { name: 'moto', version: '5.2.1', capabilities: { root: false, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false } },
    client: { name: 'js-sdk', version: '3.1169.0' },
    runId: 'abc123',
    seed: 'iam-conformance-1',
    strict: false,
    startedAt: '2026-12-03T10:00:00.000Z',
    durationMs: 1500,
    summary: { total: sorted.length, passed: n('pass'), failed: n('fail'), skipped: n('skip'), errored: n('error'), expectedFailures: 0, unexpectedPasses: 0, clientRejected: n('client-rejected') },
    coverage: { errors: [], members: [] },
    cases: sorted,
    ...over,
  };
}
