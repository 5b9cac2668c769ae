import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { expandCases, DEFAULT_SEED } from '../../src/cases/expand.ts';
import { cachedSuite, suiteKey } from '../../src/cases/suite-cache.ts';
import { DEFAULT_SPEC_DIR, loadSpecs } from '../../src/specfile/load.ts';
import { SpecErrors } from '../../src/specfile/errors.ts';

const build = (dir: string, seed = DEFAULT_SEED) => async () => {
  const specs = loadSpecs(dir);
  return { specs, cases: expandCases(specs, { seed }) };
};
const suites = (cache: string) => readdirSync(join(cache, 'suites'));

test('read back, the suite is the one built: the same specs, the same cases in the same order, field by field', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'ic-suite-cache-'));
  const built = await build(DEFAULT_SPEC_DIR)();
  const first = await cachedSuite(cache, DEFAULT_SPEC_DIR, DEFAULT_SEED, async () => built);
  expect(suites(cache)).toHaveLength(1);
  let rebuilt = false;
  const read = await cachedSuite(cache, DEFAULT_SPEC_DIR, DEFAULT_SEED, () => ((rebuilt = true), build(DEFAULT_SPEC_DIR)()));
  expect(rebuilt).toBe(false);
  expect(read.heads.map((h) => h.id)).toEqual(built.cases.map((c) => c.id));
  expect(await read.cases(read.heads)).toEqual(built.cases);
  expect(await first.cases(first.heads)).toEqual(built.cases);
  expect(read.specs).toEqual(built.specs);
  expect(read.specs.shapes).toBeInstanceOf(Map);
});

test("a run of one operation reads that operation's file alone", async () => {
  const cache = mkdtempSync(join(tmpdir(), 'ic-suite-cache-'));
  await cachedSuite(cache, DEFAULT_SPEC_DIR, DEFAULT_SEED, build(DEFAULT_SPEC_DIR));
  const dir = join(cache, 'suites', suites(cache)[0]!);
  // Every other operation's file made unreadable: the one operation still loads.
  for (const f of readdirSync(dir)) if (f !== 'index.json' && f !== 'GetLoginProfile.json') writeFileSync(join(dir, f), 'not json');
  let rebuilt = 0;
  const read = await cachedSuite(cache, DEFAULT_SPEC_DIR, DEFAULT_SEED, () => (rebuilt++, build(DEFAULT_SPEC_DIR)()));
  const heads = read.heads.filter((h) => h.operation === 'GetLoginProfile');
  expect((await read.cases(heads)).map((c) => c.id)).toEqual(heads.map((h) => h.id));
  expect(rebuilt).toBe(0);
  // A damaged file is not believed: the suite is built again, whole.
  const other = read.heads.filter((h) => h.operation === 'ChangePassword');
  expect((await read.cases(other)).map((c) => c.id)).toEqual(other.map((h) => h.id));
  expect(rebuilt).toBe(1);
});

test('a changed spec file or another seed is another key; a bad spec folder is thrown, never cached', async () => {
  const specs = mkdtempSync(join(tmpdir(), 'ic-suite-specs-'));
  cpSync(DEFAULT_SPEC_DIR, specs, { recursive: true });
  const before = suiteKey(specs, DEFAULT_SEED);
  expect(suiteKey(specs, 'another-seed')).not.toBe(before);
  appendFileSync(join(specs, 'GetLoginProfile.yaml'), '\n# a comment is a change too\n');
  expect(suiteKey(specs, DEFAULT_SEED)).not.toBe(before);
  // A file linked in, and a dot-file the loader reads, are inputs too.
  const outside = join(mkdtempSync(join(tmpdir(), 'ic-suite-link-')), 'Linked.yaml');
  writeFileSync(outside, '# one\n');
  symlinkSync(outside, join(specs, 'Linked.yaml'));
  const linked = suiteKey(specs, DEFAULT_SEED);
  writeFileSync(outside, '# two\n');
  const two = suiteKey(specs, DEFAULT_SEED);
  expect(two).not.toBe(linked);
  writeFileSync(join(specs, '.hidden.yaml'), '# a dot-file\n');
  expect(suiteKey(specs, DEFAULT_SEED)).not.toBe(two);
  rmSync(join(specs, 'Linked.yaml'));
  rmSync(join(specs, '.hidden.yaml'));

  const cache = mkdtempSync(join(tmpdir(), 'ic-suite-cache-'));
  writeFileSync(join(specs, 'GetLoginProfile.yaml'), 'operation: [unclosed\n');
  await expect(cachedSuite(cache, specs, DEFAULT_SEED, build(specs))).rejects.toThrow(SpecErrors);
  expect(() => suites(cache)).toThrow();
});

test('an index cut short is rebuilt, not believed', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'ic-suite-cache-'));
  await cachedSuite(cache, DEFAULT_SPEC_DIR, DEFAULT_SEED, build(DEFAULT_SPEC_DIR));
  writeFileSync(join(cache, 'suites', suites(cache)[0]!, 'index.json'), '{"format":2,"heads":[');
  let rebuilt = false;
  const again = await cachedSuite(cache, DEFAULT_SPEC_DIR, DEFAULT_SEED, () => ((rebuilt = true), build(DEFAULT_SPEC_DIR)()));
  expect(rebuilt).toBe(true);
  expect(again.heads.length).toBeGreaterThan(7000);
});
