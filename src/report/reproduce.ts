import { DEFAULT_SEED } from '../cases/expand.ts';
import type { Report } from './types.ts';

/**
 * The command that runs one case again against the same target and client: the run's own target
 * settings as report.json records them (`reproduce`, src/run/reproduce-settings.ts), then `--id`. A
 * report from before `reproduce` (schema 1.1) gives what it has: target, endpoint, client, seed, strictness.
 * report.html shows this same string (embedded per case), so the page and junit.xml never disagree.
 */
export function reproducer(report: Pick<Report, 'target' | 'client' | 'strict' | 'seed' | 'reproduce'>, caseId: string): string {
  const id = `--id ${shellQuote(caseId)}`;
  if (report.reproduce) {
    const env = Object.entries(report.reproduce.env ?? {}).map(([k, v]) => `${k}=${word(v)}`);
    return [...env, 'iam-conformance run', ...report.reproduce.args.map(word), id].join(' ');
  }
  const parts = ['iam-conformance run', `--target ${report.target.name}`];
  if (report.target.name === 'endpoint' && report.target.endpoint) parts.push(`--endpoint ${shellQuote(report.target.endpoint)}`);
  if (report.client.name !== 'js-sdk') parts.push(`--client ${report.client.name}`);
  if (report.seed && report.seed !== DEFAULT_SEED) parts.push(`--seed ${shellQuote(report.seed)}`);
  if (report.strict) parts.push('--strict');
  parts.push(id);
  return parts.join(' ');
}

/** A flag or value as a shell reads it: bare when nothing in it is special, else single-quoted. */
function word(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : shellQuote(s);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
