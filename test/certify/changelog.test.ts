import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import { knownSuiteVersions } from '../../src/certify/changelog.ts';
import { casesJson } from '../../src/cli/expand.ts';
import { DEFAULT_SEED } from '../../src/run/plan.ts';
import { selectCases } from '../../src/run/select.ts';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

test("CHANGELOG.md's newest entry is this version, with the digest `expand --digest` prints (bump the version when the cases change)", async () => {
  const [newest, ...older] = knownSuiteVersions();
  const json = casesJson(await selectCases({ seed: DEFAULT_SEED, filter: {} }), DEFAULT_SEED);
  expect(newest).toEqual({ version: pkg.version, digest: `sha256:${createHash('sha256').update(json).digest('hex')}` });
  // An older version keeps its own digest: a bundle made with it still verifies.
  expect(new Set([newest!.version, ...older.map((v) => v.version)]).size).toBe(older.length + 1);
});

test('a CHANGELOG entry is read from its heading only', () => {
  const d = 'a'.repeat(64);
  expect(knownSuiteVersions(`# Changelog\n\n## 0.2.0 — spec digest sha256:${d}\n\ntext sha256:${'b'.repeat(64)}\n## 0.1.0 - spec digest sha256:${'c'.repeat(64)}\n`)).toEqual([
    { version: '0.2.0', digest: `sha256:${d}` },
    { version: '0.1.0', digest: `sha256:${'c'.repeat(64)}` },
  ]);
});
