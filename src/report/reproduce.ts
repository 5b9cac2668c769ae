import type { Report } from './types.ts';

/**
 * The command that runs one case again against the same target and client. The endpoint is given only
 * for targets that are reached at a URL anyway (endpoint); the rest start their own.
 */
export function reproducer(report: Pick<Report, 'target' | 'client' | 'strict' | 'seed'>, caseId: string): string {
  const parts = ['iam-conformance run', `--target ${report.target.name}`];
  if (report.target.name === 'endpoint' && report.target.endpoint) parts.push(`--endpoint ${shellQuote(report.target.endpoint)}`);
  if (report.client.name !== 'js-sdk') parts.push(`--client ${report.client.name}`);
  if (report.seed && report.seed !== 'iam-conformance-1') parts.push(`--seed ${shellQuote(report.seed)}`);
  if (report.strict) parts.push('--strict');
  parts.push(`--id ${shellQuote(caseId)}`);
  return parts.join(' ');
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
