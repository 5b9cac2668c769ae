import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { expandCases } from '../../src/cases/expand.ts';
import { countOpenQuestions, openQuestions, openQuestionsMarkdown } from '../../src/certify/open-questions.ts';
import { DEFAULT_SEED } from '../../src/run/plan.ts';
import { loadSpecs } from '../../src/specfile/load.ts';
import type { SpecSet } from '../../src/specfile/types.ts';
import type { Case } from '../../src/cases/types.ts';

const DOC = fileURLToPath(new URL('../../docs/open-questions.md', import.meta.url));

describe('open questions', () => {
  const specs = loadSpecs();
  const cases = expandCases(specs, { seed: DEFAULT_SEED });
  const questions = openQuestions(specs, cases);

  test('docs/open-questions.md is what the specs give today (npm run docs:open-questions rewrites it)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(openQuestionsMarkdown(questions));
  });

  test('every untriggerable pair of the specs is listed, with its reason', () => {
    const pairs = specs.operations.flatMap((o) => o.errors.filter((e) => e.untriggerable).map((e) => `${o.operation} ${e.code}`));
    expect(pairs.length).toBeGreaterThan(0);
    expect(questions.filter((q) => q.kind === 'untriggerable').map((q) => q.where)).toEqual(pairs);
  });

  test('every inferred step and every likely claim is listed', () => {
    const inferred = cases.flatMap((c) => c.steps.flatMap((s, i) => [...(s.source === 'inferred' ? [`${c.id} step ${i + 1}`] : []), ...(s.likely?.source === 'inferred' ? [`${c.id} step ${i + 1} (likely)`] : [])]));
    const listed = questions.filter((q) => q.kind === 'inferred').map((q) => q.where);
    for (const w of inferred) expect(listed).toContain(w);
    expect(inferred.length).toBeGreaterThan(0);
  });

  test('a message backed by docs is settled; by a user report, a SHOULD-only question; by inference, an inferred one', () => {
    const specsOf: SpecSet = { shapes: new Map(), operations: [] };
    const step = (messageSource: 'docs' | 'user-report' | 'inferred') => ({ call: 'GetLoginProfile', expect: { error: 'NoSuchEntity', status: 404, message: 'm' }, source: 'docs' as const, messageSource });
    const c: Case = { id: 'Op/x', operation: 'Op', kind: 'scenario', title: 't', tags: [], serial: false, requires: [], given: {}, source: 'docs', steps: [step('docs'), step('user-report'), step('inferred')] };
    const q = openQuestions(specsOf, [c]);
    expect(q.map((x) => `${x.where} ${x.kind}`)).toEqual(['Op/x step 2 should-only', 'Op/x step 3 inferred']);
    expect(countOpenQuestions(q)).toEqual({ inferred: 1, 'should-only': 1, untriggerable: 0, total: 2 });
  });
});
