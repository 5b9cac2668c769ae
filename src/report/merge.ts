import { coverage, locateCauses, summarize } from './build.ts';
import { causesOf } from './causes.ts';
import { specLocator } from './spec-location.ts';
import { REPORT_SCHEMA_VERSION, type Report } from './types.ts';
import type { SpecSet } from '../specfile/types.ts';
import { compareStrings } from './order.ts';

export class MergeError extends Error {}

/**
 * One report from the reports of the shards of a run (`--shard i/n` on several machines): the cases of
 * all of them, and the summary, coverage and causes computed again from those cases exactly as a run
 * computes them, so the merged report equals an unsharded run's in cases and summary (its cost,
 * summary.requests and accessKeysCreated, is the sum of the shards', which pooling makes differ a little).
 * The shards must be of one run: the same target, version, client, seed and strictness, and no case twice.
 * They must also be all of it (checkShardSet): a missing shard would otherwise merge into a green report.
 */
export function mergeReports(inputs: ReadonlyArray<{ file: string; report: Report }>, specs: SpecSet): Report {
  if (inputs.length === 0) throw new MergeError('no reports to merge');
  const first = inputs[0]!;
  const same = (r: Report) =>
    [r.target.name, r.target.version ?? '', r.client.name, r.client.version, r.seed ?? '', String(r.strict), r.baseline?.file ?? ''].join('\u0000');
  for (const x of inputs.slice(1)) {
    if (same(x.report) !== same(first.report)) {
      throw new MergeError(`${x.file} is not a shard of the same run as ${first.file} (target, version, client, seed, strictness and baseline must agree)`);
    }
  }
  checkShardSet(inputs);
  const seen = new Map<string, string>();
  const cases: Report['cases'] = [];
  for (const { file, report } of inputs) {
    for (const c of report.cases) {
      const before = seen.get(c.id);
      if (before) throw new MergeError(`case ${c.id} is in both ${before} and ${file}: give each shard once`);
      seen.set(c.id, file);
      cases.push(c);
    }
  }
  cases.sort((a, b) => compareStrings(a.id, b.id));
  const reports = inputs.map((x) => x.report);
  const sum = (f: (r: Report) => number | undefined) => (reports.every((r) => f(r) !== undefined) ? reports.reduce((n, r) => n + f(r)!, 0) : undefined);
  const requests = sum((r) => r.summary.requests);
  const accessKeysCreated = sum((r) => r.summary.accessKeysCreated);
  const startedAt = reports.map((r) => r.startedAt).sort()[0]!;
  const ends = reports.map((r) => Date.parse(r.startedAt) + r.durationMs);
  const { shard: _shard, incomplete: _incomplete, ...base } = first.report;
  const merged: Report = {
    ...base,
    schemaVersion: REPORT_SCHEMA_VERSION,
    startedAt,
    durationMs: Math.max(...ends) - Date.parse(startedAt),
    summary: { ...summarize(cases), ...(requests !== undefined ? { requests } : {}), ...(accessKeysCreated !== undefined ? { accessKeysCreated } : {}) },
    coverage: coverage(specs, cases),
    cases,
    causes: locateCauses(causesOf(cases), specLocator(specs)),
  };
  // Errors of a shard's run stay errors of the merged run.
  const runErrors = reports.flatMap((r) => r.incomplete?.errors ?? []);
  if (runErrors.length) merged.incomplete = { errors: runErrors, selected: cases.length };
  if (first.report.baseline) {
    const union = (k: 'expectedFailures' | 'unexpectedPasses' | 'newFailures') => [...new Set(reports.flatMap((r) => r.baseline?.[k] ?? []))].sort();
    merged.baseline = { file: first.report.baseline.file, expectedFailures: union('expectedFailures'), unexpectedPasses: union('unexpectedPasses'), newFailures: union('newFailures') };
  }
  return merged;
}

/**
 * Every shard of the run exactly once, each complete: every report says which shard it is (`shard`), all
 * of one count N, indices 1..N each once, and each holds as many cases as its run selected
 * (shard.cases), so the merged report has every case of the unsharded run.
 */
function checkShardSet(inputs: ReadonlyArray<{ file: string; report: Report }>): void {
  const notShard = inputs.find((x) => !x.report.shard);
  if (notShard) throw new MergeError(`${notShard.file} is not the report of a shard (it has no "shard": run it with --shard I/N)`);
  const count = inputs[0]!.report.shard!.count;
  const otherCount = inputs.find((x) => x.report.shard!.count !== count);
  if (otherCount) throw new MergeError(`${otherCount.file} is shard ${otherCount.report.shard!.index}/${otherCount.report.shard!.count}, ${inputs[0]!.file} is of ${count} shards: give the shards of one split`);
  const byIndex = new Map<number, string>();
  for (const { file, report } of inputs) {
    const { index, cases } = report.shard!;
    const before = byIndex.get(index);
    if (before) throw new MergeError(`shard ${index}/${count} is given twice (${before} and ${file})`);
    byIndex.set(index, file);
    if (cases === undefined) throw new MergeError(`${file} does not record how many cases its shard selected (shard.cases): make it again with this version`);
    if (report.cases.length !== cases) throw new MergeError(`${file} holds ${report.cases.length} of the ${cases} cases shard ${index}/${count} selected: its run was not complete`);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: give the report of every shard`);
}
