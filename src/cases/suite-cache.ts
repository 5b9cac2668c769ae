import { createHash, randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpecSet } from '../specfile/types.ts';
import type { Case } from './types.ts';

/**
 * The checked specs and every case expanded from them, kept on disk between runs. Loading and checking
 * the specs (YAML, the JSON Schema, the IAM model) and expanding them cost a cold process about a second,
 * every run, for the same result; read back, they cost a tenth of that. The key is the contents of
 * everything the result comes from: the spec folder, the model, the recordings and the schema beside the
 * code, the code itself (src/ or dist/: a changed generator is another suite), the seed and the working
 * folder (the specs name their files relative to it, for error messages and reports). Whatever
 * changes, the key changes; nothing is trusted by date. A spec folder with problems is never cached:
 * it is loaded as before, and its errors thrown as before.
 */
export interface Expanded {
  specs: SpecSet;
  cases: Case[];
}

/** What the filters and the shards read of a case (filterCases, shardCases): enough to select before loading. */
export type CaseHead = Pick<Case, 'id' | 'operation' | 'kind' | 'tags' | 'serial'>;

/** The suite as the cache gives it: the specs, every case's head in order, and the cases of any heads. */
export interface Suite {
  specs: SpecSet;
  heads: CaseHead[];
  /** The cases of these heads, in their order: read from disk only for their operations. */
  cases(heads: readonly CaseHead[]): Promise<Case[]>;
}

const CODE_ROOT = fileURLToPath(new URL('../', import.meta.url));
const PACKAGE_SPECS = fileURLToPath(new URL('../../specs/', import.meta.url));
/** What the specs are checked against and expanded with, beside the spec folder itself. */
const INPUTS = ['model', 'evidence/aws-recordings', 'schema'].map((d) => join(PACKAGE_SPECS, d));
/** Bumped when the layout on disk changes. */
const FORMAT = 2;
const INDEX = 'index.json';

/** The cache's name for these inputs: a digest of their contents. */
export function suiteKey(specDir: string, seed: string): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\nseed ${seed}\ncwd ${process.cwd()}\n`);
  for (const root of [specDir, ...INPUTS, CODE_ROOT]) {
    hash.update(`\0root ${root}\n`);
    for (const file of filesUnder(root)) hash.update(`\0${file}\n`).update(readFileSync(join(root, file)));
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * The suite for these inputs: from the cache (`<cacheDir>/suites/<key>/`) when it holds it, else from
 * `build()` (which throws on a bad spec, caching nothing), written for the next run. On disk: an index
 * (the specs and every case's head, in order) and one file per operation, so a run of one operation
 * reads one operation's cases. A cache that cannot be read or written (a read-only home, a file cut
 * short) only costs the time it would have saved.
 */
export async function cachedSuite(cacheDir: string | undefined, specDir: string, seed: string, build: () => Promise<Expanded>): Promise<Suite> {
  if (!cacheDir) return inMemory(await build());
  const root = join(cacheDir, 'suites');
  const dir = join(root, suiteKey(specDir, seed));
  try {
    const disk = fromDisk(dir);
    return {
      ...disk,
      cases: async (heads) => {
        try {
          return await disk.cases(heads);
        } catch {
          // An operation's file damaged since the index was written: built again, and written again.
          rmSync(dir, { recursive: true, force: true });
          return (await cachedSuite(cacheDir, specDir, seed, build)).cases(heads);
        }
      },
    };
  } catch {
    // not there yet, or unreadable: built below
  }
  const expanded = await build();
  try {
    // A file changed while it was read: what was built may not be what the key names, so it is not kept.
    if (join(root, suiteKey(specDir, seed)) === dir) write(root, dir, expanded);
  } catch {
    // a cache we cannot write is no error of the run
  }
  return inMemory(expanded);
}

const headOf = (c: Case): CaseHead => ({ id: c.id, operation: c.operation, kind: c.kind, tags: c.tags, serial: c.serial });
/** A file name for an operation's cases (operation names are letters and digits; anything else is hex). */
const fileOf = (operation: string) => `${/^[A-Za-z0-9]+$/.test(operation) ? operation : Buffer.from(operation).toString('hex')}.json`;

function inMemory(e: Expanded): Suite {
  const byId = new Map(e.cases.map((c) => [c.id, c]));
  const caseOf = (id: string) => {
    const c = byId.get(id);
    if (!c) throw new Error(`the suite has no case ${id}`);
    return c;
  };
  return { specs: e.specs, heads: e.cases.map(headOf), cases: async (heads) => heads.map((h) => caseOf(h.id)) };
}

interface StoredIndex {
  format: number;
  specs: Omit<SpecSet, 'shapes'> & { shapes: Array<[string, SpecSet['shapes'] extends Map<string, infer S> ? S : never]> };
  heads: CaseHead[];
}

function fromDisk(dir: string): Suite {
  const index = JSON.parse(readFileSync(join(dir, INDEX), 'utf8')) as StoredIndex;
  if (index.format !== FORMAT || !Array.isArray(index.heads)) throw new Error('another format');
  const specs = { ...index.specs, shapes: new Map(index.specs.shapes) };
  const loaded = new Map<string, Map<string, Case>>();
  const ofOperation = (operation: string) => {
    let cases = loaded.get(operation);
    if (!cases) {
      cases = new Map((JSON.parse(readFileSync(join(dir, fileOf(operation)), 'utf8')) as Case[]).map((c) => [c.id, c]));
      loaded.set(operation, cases);
    }
    return cases;
  };
  const suite: Suite = {
    specs,
    heads: index.heads,
    cases: async (heads) =>
      heads.map((h) => {
        const c = ofOperation(h.operation).get(h.id);
        // A file that lost a case is a broken cache: never a run with fewer cases.
        if (!c) throw new Error(`the suite cache in ${dir} has no case ${h.id}`);
        return c;
      }),
  };
  return suite;
}

/** Whole or not at all: written beside, then renamed into place (a run reading it sees none or all). */
function write(root: string, dir: string, e: Expanded): void {
  mkdirSync(root, { recursive: true });
  const temp = `${dir}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  const byOperation = new Map<string, Case[]>();
  for (const c of e.cases) byOperation.set(c.operation, [...(byOperation.get(c.operation) ?? []), c]);
  for (const [operation, cases] of byOperation) writeFileSync(join(temp, fileOf(operation)), JSON.stringify(cases));
  const index: StoredIndex = { format: FORMAT, specs: { ...e.specs, shapes: [...e.specs.shapes] }, heads: e.cases.map(headOf) };
  writeFileSync(join(temp, INDEX), JSON.stringify(index));
  try {
    renameSync(temp, dir);
  } catch {
    // Another run wrote it first (theirs is the same), or a damaged one is in the way: replaced.
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(temp, dir);
    } catch {
      rmSync(temp, { recursive: true, force: true });
    }
  }
  pruneOthers(root, dir);
}

/** Suites of other keys are of older specs or code: the newest few stay (a checkout switched back and forth). */
function pruneOthers(root: string, keep: string): void {
  const KEEP = 4;
  const others = readdirSync(root, { withFileTypes: true })
    .filter((e) => join(root, e.name) !== keep && !e.name.endsWith('.tmp'))
    .map((e) => join(root, e.name));
  const byAge = others.map((f) => ({ f, t: statTime(f) })).sort((a, b) => b.t - a.t);
  for (const { f } of byAge.slice(KEEP - 1)) rmSync(f, { recursive: true, force: true });
}

function statTime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Every file under `root`, relative, sorted (node_modules and dot-folders left out); none when it is not there. */
function filesUnder(root: string): string[] {
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  // Files and links to them (a spec folder may link its files in); folders named node_modules or
  // starting with a dot (vite's cache) are not inputs, but a dot-file is (the loader reads `.x.yaml`).
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => join(e.parentPath, e.name).slice(root.length).replace(/^[\\/]/, ''))
    .filter((f) => !f.split(/[\\/]/).slice(0, -1).some((part) => part === 'node_modules' || part.startsWith('.')))
    .filter((f) => {
      try {
        return statSync(join(root, f)).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}
