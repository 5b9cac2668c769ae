/**
 * `${probe}` is the one template resolved when cases are generated; everything else
 * (`${user}`, `${password.1}`, `${run}`...) is resolved by the runner against the live target. A probe
 * value arrives here as template text: its literal `$` already doubled by the probe generator (`$$` is
 * the spec format's literal `$`), so that a probe such as `a${user}` reaches the target exactly as
 * generated, while a run-scoped user name keeps its `${run}`.
 */
export function fillProbe<T>(value: T, probe: string | number | undefined): T {
  if (typeof value === 'string') {
    if (value === '${probe}') return probe as T;
    return (value.includes('${probe}') ? value.split('${probe}').join(String(probe)) : value) as T;
  }
  if (Array.isArray(value)) return value.map((v) => fillProbe(v, probe)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // A member whose value is the probe is left out entirely when the probe is "missing".
      if (probe === undefined && v === '${probe}') continue;
      out[k] = fillProbe(v, probe);
    }
    return out as T;
  }
  return value;
}

/**
 * The start of every user name a run creates, as a template: `${run}` is bound to the run id when the
 * case executes (src/iam/names.ts: always six characters, like `${run}` itself, so a generated name of
 * length N resolves to a name of length N). Expanded cases therefore hold no run id.
 */
export const NAME_PREFIX_TEMPLATE = 'ic-${run}-';

export function mentionsProbe(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('${probe}');
}

/** A literal string as a template that resolves to it: every `$` doubled. */
export function escapeTemplate(text: string): string {
  return text.split('$').join('$$');
}

/** The literal a generated value stands for (the inverse of escapeTemplate). */
export function unescapeTemplate(text: string): string {
  return text.split('$$').join('$');
}
