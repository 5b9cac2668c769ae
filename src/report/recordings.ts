import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from './write.ts';
import type { CaseResult } from '../runner/result.ts';
import { compareStrings } from './order.ts';

export interface RecordingMeta {
  target: string;
  endpoint?: string;
  accountId?: string;
  client: { name: string; version: string };
  runId: string;
  recordedAt: Date;
}

/** fixtures/recordings/<date>-<target>-<run id>/ under `root`. */
export function recordingDir(root: string, meta: RecordingMeta): string {
  return join(root, `${meta.recordedAt.toISOString().slice(0, 10)}-${meta.target}-${meta.runId}`);
}

/**
 * `--record`: every case's requests and the raw responses to them, one file per operation, as evidence
 * (docs/aws.md, "Recording evidence"). Passwords and keys were redacted with the case (src/runner/redact.ts);
 * the account id is replaced by 111111111111, as in the recordings of shared/evidence.
 */
export function writeRecordings(dir: string, results: CaseResult[], meta: RecordingMeta): string[] {
  mkdirSync(dir, { recursive: true });
  const byOperation = new Map<string, Record<string, unknown>>();
  for (const r of results) {
    if (r.outcome === 'skip' || r.steps.every((s) => !s.raw)) continue;
    const cases = byOperation.get(r.operation) ?? {};
    cases[r.id] = {
      title: r.title,
      source: r.source,
      outcome: r.outcome,
      steps: r.steps.map((s) => ({ call: s.call, as: s.as, ...(s.input ? { input: s.input } : {}), ...(s.wire ? { wire: s.wire } : {}), response: s.raw ?? null })),
    };
    byOperation.set(r.operation, cases);
  }
  const hide = (text: string) => (meta.accountId ? text.split(meta.accountId).join('111111111111') : text);
  const files: string[] = [];
  for (const [operation, cases] of [...byOperation].sort(([a], [b]) => compareStrings(a, b))) {
    const file = join(dir, `${operation}.json`);
    const doc = {
      recordedAt: meta.recordedAt.toISOString(),
      target: meta.target,
      ...(meta.endpoint ? { endpoint: meta.endpoint } : {}),
      client: meta.client,
      runId: meta.runId,
      cases,
    };
    writeAtomic(file, hide(JSON.stringify(doc, null, 2)) + '\n');
    files.push(file);
  }
  return files;
}

/** The results without their raw responses: those go to recordings, not to the report. */
export function withoutRaw(results: CaseResult[]): CaseResult[] {
  return results.map((r) => (r.steps.some((s) => s.raw) ? { ...r, steps: r.steps.map(({ raw: _raw, ...s }) => s) } : r));
}
