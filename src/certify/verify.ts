import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { readReport, ReportReadError } from '../report/read.ts';
import type { Report } from '../report/types.ts';
import { knownSuiteVersions, type SuiteVersion } from './changelog.ts';
import { parseSums, sha256Hex, specDigest } from './checksums.ts';
import { BUNDLE_FILES, CASES_FILE, MANIFEST_FILE, PRODUCT_FILE, SUMS_FILE } from './files.ts';
import type { Manifest } from './manifest.ts';
import { productProblems, type Product } from './product.ts';
import { countOutcomes, resultOf, unjudged } from './result.ts';

const SHOWN = 10;
const MANIFEST_SCHEMA = fileURLToPath(new URL('./manifest.schema.json', import.meta.url));
let manifestValidator: ValidateFunction | undefined;

/** manifest.json has the shape certify writes; each problem names the place. Undefined: unusable. */
function checkManifestShape(data: unknown, problems: string[]): Manifest | undefined {
  manifestValidator ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(MANIFEST_SCHEMA, 'utf8')));
  if (manifestValidator(data)) return data as Manifest;
  for (const e of manifestValidator.errors!) problems.push(`manifest.json at ${e.instancePath || '/'}: ${e.message}`);
  return undefined;
}
const some = (ids: string[]) => ids.slice(0, SHOWN).join(', ') + (ids.length > SHOWN ? `, … (${ids.length - SHOWN} more)` : '');

/** The files are what SHA256SUMS says: every bundle file listed, every listed file present and unchanged, nothing else. */
function checkSums(dir: string, problems: string[]): void {
  const sumsPath = join(dir, SUMS_FILE);
  if (!existsSync(sumsPath)) {
    problems.push(`${SUMS_FILE} is missing`);
    return;
  }
  const { entries, problems: lineProblems } = parseSums(readFileSync(sumsPath, 'utf8'));
  problems.push(...lineProblems);
  for (const name of BUNDLE_FILES) if (!entries.has(name)) problems.push(`${SUMS_FILE} does not list ${name}`);
  for (const [name, hex] of entries) {
    const path = join(dir, name);
    if (name.includes('/') || name === SUMS_FILE) problems.push(`${SUMS_FILE} lists ${name}, which is not a file of the bundle`);
    else if (!existsSync(path)) problems.push(`${name} is listed in ${SUMS_FILE} but missing`);
    else if (sha256Hex(readFileSync(path)) !== hex) problems.push(`${name} does not match its sha256 in ${SUMS_FILE}: it was changed after the certification`);
  }
  for (const name of readdirSync(dir)) {
    if (name !== SUMS_FILE && !entries.has(name) && statSync(join(dir, name)).isFile()) problems.push(`${name} is in the bundle but not listed in ${SUMS_FILE}`);
  }
}

function readJson<T>(dir: string, name: string, problems: string[]): T | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) {
    problems.push(`${name} is missing`);
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    problems.push(`${name} is not valid JSON: ${(e as Error).message}`);
    return undefined;
  }
}

/** cases.json is the suite at a known version: its digest is the manifest's and CHANGELOG.md lists it for that version. */
function checkCases(dir: string, manifest: Manifest | undefined, cases: CasesDoc | undefined, known: SuiteVersion[], problems: string[]): void {
  if (!cases || !existsSync(join(dir, CASES_FILE))) return;
  const digest = specDigest(readFileSync(join(dir, CASES_FILE)));
  if (!manifest) return;
  if (manifest.specDigest !== digest) problems.push(`manifest.json's specDigest ${manifest.specDigest} is not the sha256 of cases.json (${digest})`);
  const version = known.find((v) => v.digest === digest);
  if (!version) problems.push(`cases.json (${digest}) is not the cases of any suite version this iam-conformance knows (CHANGELOG.md): a changed or unreleased suite`);
  else if (version.version !== manifest.suite?.version) problems.push(`cases.json is suite version ${version.version}'s, but manifest.json says ${manifest.suite?.version}`);
  if (cases.suite?.version !== manifest.suite?.version) problems.push(`cases.json names suite version ${cases.suite?.version}, manifest.json ${manifest.suite?.version}`);
  if (cases.seed !== manifest.seed) problems.push(`cases.json's seed "${cases.seed}" is not manifest.json's "${manifest.seed}"`);
}

/** report.json judged exactly cases.json's cases, once each, and its summary is what its cases add up to. */
function checkReport(report: Report, cases: CasesDoc | undefined, manifest: Manifest | undefined, problems: string[]): void {
  const ids = report.cases.map((c) => c.id);
  const seen = new Set<string>();
  const twice = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  if (twice.length > 0) problems.push(`report.json holds ${twice.length} case(s) more than once: ${some(twice)}`);
  if (cases) {
    const expected = new Set(cases.cases.map((c) => c.id));
    const missing = [...expected].filter((id) => !seen.has(id));
    const extra = [...seen].filter((id) => !expected.has(id));
    if (missing.length > 0) problems.push(`report.json lacks ${missing.length} case(s) of cases.json: ${some(missing)}`);
    if (extra.length > 0) problems.push(`report.json holds ${extra.length} case(s) cases.json does not: ${some(extra)}`);
    if (cases.count !== cases.cases.length) problems.push(`cases.json says count ${cases.count} but holds ${cases.cases.length} cases`);
  }
  const counted = countOutcomes(report.cases);
  const s = report.summary as Report['summary'] & { clientRejected?: number };
  const compare: Array<[string, number | undefined, number]> = [
    ['total', s.total, counted.total],
    ['passed', s.passed, counted.passed],
    ['failed', s.failed, counted.failed],
    ['skipped', s.skipped, counted.skipped],
    ['errored', s.errored, counted.errored],
    ['clientRejected', s.clientRejected ?? 0, counted.clientRejected],
  ];
  for (const [field, said, real] of compare) if (said !== real) problems.push(`report.json's summary.${field} is ${said}, but its cases count ${real}`);
  if (counted.other > 0) problems.push(`report.json holds ${counted.other} case(s) with an outcome no report has`);
  if (report.baseline || s.expectedFailures || s.unexpectedPasses) problems.push('report.json was made with a baseline: a certification never applies one');
  if (!report.strict) problems.push('report.json was not made in strict mode: a certification always is');
  const notJudged = unjudged(counted);
  if (notJudged > 0) {
    const notJudgedIds = report.cases.filter((c) => !['pass', 'fail'].includes(c.outcome)).map((c) => `${c.id} (${c.outcome})`);
    problems.push(`${notJudged} case(s) were not judged (skipped ${counted.skipped}, errored ${counted.errored}, client-rejected ${counted.clientRejected}): a certification skips nothing: ${some(notJudgedIds)}`);
  }
  if (!manifest) return;
  const { other: _o, ...counts } = counted;
  for (const [field, real] of Object.entries(counts)) {
    const said = (manifest.counts as unknown as Record<string, number> | undefined)?.[field];
    if (said !== real) problems.push(`manifest.json's counts.${field} is ${said}, but report.json's cases count ${real}`);
  }
  const allRan = cases ? cases.cases.every((c) => seen.has(c.id)) : true;
  const result = resultOf(counts, allRan);
  if (manifest.result !== result) problems.push(`manifest.json says "${manifest.result}", but the counts give "${result}"`);
  if (report.tool.version !== manifest.suite?.version) problems.push(`report.json was made by iam-conformance ${report.tool.version}, manifest.json names suite version ${manifest.suite?.version}`);
  if (report.client.name !== manifest.client?.name || report.client.version !== manifest.client?.version) problems.push("manifest.json's client is not report.json's");
  if (report.target.name !== manifest.target?.name) problems.push("manifest.json's target is not report.json's");
  if ((report.seed ?? '') !== manifest.seed) problems.push("manifest.json's seed is not report.json's");
}

function checkProduct(dir: string, manifest: Manifest | undefined, problems: string[]): void {
  const path = join(dir, PRODUCT_FILE);
  if (!existsSync(path)) return; // reported with the files
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    problems.push(`${PRODUCT_FILE} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    return;
  }
  for (const p of productProblems(data)) problems.push(`${PRODUCT_FILE}: ${p}`);
  const product = data as Product;
  if (manifest && (manifest.product?.vendor !== product?.vendor || manifest.product?.product !== product?.product || manifest.product?.version !== product?.version)) {
    problems.push(`manifest.json's product is not the one ${PRODUCT_FILE} describes`);
  }
}

interface CasesDoc {
  suite?: { name: string; version: string };
  seed?: string;
  count?: number;
  cases: Array<{ id: string }>;
}

/**
 * Checks a certification bundle offline and returns every problem found (none: valid). It trusts
 * nothing the bundle says about itself that it can recompute: digests, counts and the result.
 */
export function verifyBundle(dir: string, known: SuiteVersion[] = knownSuiteVersions()): string[] {
  const problems: string[] = [];
  checkSums(dir, problems);
  const read = readJson<unknown>(dir, MANIFEST_FILE, problems);
  const manifest = read === undefined ? undefined : checkManifestShape(read, problems);
  let cases = readJson<CasesDoc>(dir, CASES_FILE, problems);
  if (cases && !Array.isArray(cases.cases)) {
    problems.push(`${CASES_FILE} holds no "cases" list: not what iam-conformance expand prints`);
    cases = undefined;
  }
  checkCases(dir, manifest, cases, known, problems);
  if (existsSync(join(dir, 'report.json'))) {
    try {
      checkReport(readReport(join(dir, 'report.json')), cases, manifest, problems);
    } catch (e) {
      if (!(e instanceof ReportReadError)) throw e;
      problems.push(e.message.replace(dir + '/', ''));
    }
  }
  checkProduct(dir, manifest, problems);
  return problems;
}
