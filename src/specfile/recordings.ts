import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The AWS recordings the specs cite (specs/evidence/aws-recordings/, copied unchanged from LocalStack's
 * parity snapshots; SOURCES.md there). A step sourced `aws-recording` in a family file names its evidence
 * as `<file>, <test>, <key>`: the recording file, the recorded test (its name or a part of it, such as
 * `TestUserLifecycle::test_user_errors`), and the key of the response inside it. The loader checks the
 * three exist, so a citation always leads to a recorded answer.
 */
const DIR = fileURLToPath(new URL('../../specs/evidence/aws-recordings/', import.meta.url));

type Recording = Record<string, { 'recorded-content'?: Record<string, unknown> }>;
const cache = new Map<string, Recording | undefined>();

function recording(file: string): Recording | undefined {
  if (!cache.has(file)) {
    const path = DIR + file;
    cache.set(file, /^[\w.-]+\.json$/.test(file) && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Recording) : undefined);
  }
  return cache.get(file);
}

/** What is wrong with a recording citation, or undefined when file, test and key all exist. */
export function recordingCitationProblem(evidence: string | undefined): string | undefined {
  if (!evidence) return 'an aws-recording step names its evidence: "<file>, <test>, <key>"';
  const [file, test, key] = evidence.split(',').map((s) => s.trim());
  if (!file || !test || !key) return `evidence "${evidence}" is not "<file>, <test>, <key>"`;
  const rec = recording(file);
  if (!rec) return `no recording ${file} in specs/evidence/aws-recordings/`;
  const tests = Object.keys(rec).filter((t) => t.includes(test));
  if (tests.length === 0) return `${file} records no test matching "${test}"`;
  if (!tests.some((t) => key in (rec[t]!['recorded-content'] ?? {}))) return `${file}, ${test} has no recorded response "${key}"`;
  return undefined;
}
