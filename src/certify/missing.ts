/** Cases that were not judged, grouped by why: what a certification lacks, and how to provide it. */
export interface MissingGroup {
  outcome: string;
  /** The runner's reason: for a skip it names the target setting that provides what is missing. */
  reason: string;
  cases: string[];
}

/** What to do about each outcome that leaves a certification incomplete. */
const REMEDY: Record<string, string> = {
  skip: 'provide what the reason names and certify again',
  error: 'the case could not be carried out (target unreachable, timed out): fix the cause and certify again',
  'client-rejected': 'the client refused to send the request: certify with --client js-sdk or --client query, which send every request',
};

export function missingGroups(cases: ReadonlyArray<{ id: string; outcome: string; reason?: string }>): MissingGroup[] {
  const groups = new Map<string, MissingGroup>();
  for (const c of cases) {
    if (!(c.outcome in REMEDY)) continue;
    const reason = c.reason ?? '(no reason given)';
    const key = `${c.outcome}\u0000${reason}`;
    const g = groups.get(key) ?? { outcome: c.outcome, reason, cases: [] };
    g.cases.push(c.id);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** The groups in a few lines for the terminal: outcome, count, reason, remedy and the first ids. */
export function describeMissing(groups: MissingGroup[]): string {
  return groups
    .map((g) => {
      const ids = g.cases.slice(0, 5).join(', ') + (g.cases.length > 5 ? `, … (${g.cases.length - 5} more)` : '');
      return `  ${g.cases.length} case(s) ${g.outcome}: ${g.reason}\n    what to do: ${REMEDY[g.outcome]}\n    ${ids}`;
    })
    .join('\n');
}
