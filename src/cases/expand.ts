import { constraintCases } from './constraint-cases.ts';
import { scenarioCases } from './scenario-cases.ts';
import { seededRandom } from './random.ts';
import type { Case } from './types.ts';
import type { SpecSet } from '../spec/types.ts';

export interface ExpandOptions {
  /** Unique per run: seeds the generated values and prefixes every user name the run creates. */
  runId: string;
}

/** Every case of every operation: scenarios first, then generated constraint cases. */
export function expandCases(specs: SpecSet, options: ExpandOptions): Case[] {
  const rng = seededRandom(options.runId);
  let serial = 0;
  const ctx = { rng, namePrefix: namePrefix(options.runId), nextSerial: () => serial++ };
  const cases: Case[] = [];
  for (const op of specs.operations) cases.push(...scenarioCases(op), ...constraintCases(op, specs.shapes, ctx));
  for (const c of cases) c.given = withDefaultUsers(c);
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`two cases share the id ${c.id}`);
    seen.add(c.id);
  }
  return cases;
}

/**
 * A case that declares no users gets the default one, `user`, only when it refers to it: a case about
 * the account policy alone creates nothing it does not need.
 */
function withDefaultUsers(c: Case): Case['given'] {
  if (c.given.users !== undefined) return c.given;
  const text = JSON.stringify(c.steps);
  const uses = c.steps.some((s) => s.as === 'user' || s.as === 'wrongSecret') || /\$\{user[.}]/.test(text);
  return { ...c.given, users: uses ? { user: {} } : {} };
}

/** Every user name a run creates starts with this, so a run touches only its own users. */
export function namePrefix(runId: string): string {
  return `ic-${runId}-`;
}

export interface CaseFilter {
  operations?: string[];
  tags?: string[];
  /** Glob over case ids: `*` matches within a segment, `**` across segments. */
  ids?: string[];
}

export function filterCases(cases: Case[], filter: CaseFilter): Case[] {
  const idRes = filter.ids?.map(globToRegExp);
  return cases.filter(
    (c) =>
      (!filter.operations?.length || filter.operations.includes(c.operation)) &&
      (!filter.tags?.length || filter.tags.some((t) => c.tags.includes(t) || c.kind === t)) &&
      (!idRes?.length || idRes.some((re) => re.test(c.id))),
  );
}

export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('**')
    .map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
