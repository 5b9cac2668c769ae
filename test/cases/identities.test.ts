import { expect, test } from 'vitest';
import { expandCases, DEFAULT_SEED } from '../../src/cases/expand.ts';
import { sharedIdentities } from '../../src/cases/identities.ts';
import { loadSpecs } from '../../src/specfile/load.ts';

const cases = expandCases(loadSpecs(), { seed: DEFAULT_SEED });
const of = (id: string) => sharedIdentities(cases.find((c) => c.id === id)!);

test('cases that make something under the same name in every run share an identity', () => {
  // ministack takes both and makes a provider with an empty URL: side by side, the second met the first (409).
  expect(of('CreateOpenIDConnectProvider/Url/length-0')).toEqual(['OIDC provider:']);
  expect(of('CreateOpenIDConnectProvider/Url/missing')).toEqual(['OIDC provider:']);
  // IAM's names ignore letter case: Z and z name one user.
  expect(of('CreateUser/UserName/codepoint-U+005A')).toEqual(of('CreateUser/UserName/codepoint-U+007A'));
  expect(of('CreateUser/UserName/codepoint-U+005A')[0]).toMatch(/^user:ic-\$\{run\}-/);
});

test('a name bound per case (${name.…}) or a URL with the run id in it is its own', () => {
  expect(of('CreateOpenIDConnectProvider/duplicate-url')).toEqual([]);
  const long = of('CreateOpenIDConnectProvider/Url/length-255');
  expect(long).toHaveLength(1);
  expect(cases.filter((c) => sharedIdentities(c).includes(long[0]!)).map((c) => c.id)).toEqual(['CreateOpenIDConnectProvider/Url/length-255']);
});

test('over the whole suite, only few cases share an identity with another', () => {
  const count = new Map<string, number>();
  for (const c of cases) for (const k of sharedIdentities(c)) count.set(k, (count.get(k) ?? 0) + 1);
  const shared = [...count.values()].filter((n) => n > 1);
  expect(shared.length).toBeGreaterThan(0);
  // Sharing serialises: were it common, the run's concurrency would be lost.
  expect(shared.reduce((a, b) => a + b, 0)).toBeLessThan(cases.length / 20);
});
