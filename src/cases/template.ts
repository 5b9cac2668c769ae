/**
 * `${probe}` is the one template resolved when cases are generated; everything else
 * (`${user}`, `${password.1}`...) is resolved by the runner against the live target. A probe value is
 * data, not a template: its `$` are doubled here (`$$` is the spec format's literal `$`), so that a
 * probe such as `a${user}` reaches the target exactly as generated.
 */
export function fillProbe<T>(value: T, probe: string | number | undefined): T {
  if (typeof value === 'string') {
    const literal = typeof probe === 'string' ? escapeTemplate(probe) : probe;
    if (value === '${probe}') return literal as T;
    return (value.includes('${probe}') ? value.split('${probe}').join(String(literal)) : value) as T;
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
