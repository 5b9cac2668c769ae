import type { Case } from './types.ts';

/**
 * Which cases a run selects, read from what every case carries (its id, operation, kind and tags): the
 * selection is made on the cases' heads before any case is loaded (src/cases/suite-cache.ts).
 */
export interface CaseFilter {
  /** Operation names (globs and families are resolved to names first: src/cases/operation-names.ts). */
  operations?: string[];
  /** Families of model-overrides.yaml (resolved by selectCases, not by filterCases). */
  families?: string[];
  tags?: string[];
  /** Glob over case ids: `*` matches within a segment, `**` across segments. */
  ids?: string[];
  /** A regular expression over case ids (vitest's -t, say). */
  pattern?: string;
}

export function filterCases<C extends Pick<Case, 'id' | 'operation' | 'kind' | 'tags'>>(cases: C[], filter: CaseFilter): C[] {
  const idRes = filter.ids?.map(globToRegExp);
  const pattern = filter.pattern ? new RegExp(filter.pattern) : undefined;
  return cases.filter(
    (c) =>
      (!filter.operations?.length || filter.operations.includes(c.operation)) &&
      (!filter.tags?.length || filter.tags.some((t) => c.tags.includes(t) || c.kind === t)) &&
      (!idRes?.length || idRes.some((re) => re.test(c.id))) &&
      (!pattern || pattern.test(c.id)),
  );
}

export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('**')
    .map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
