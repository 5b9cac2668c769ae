/**
 * `${probe}` is the one template resolved when cases are generated; everything else
 * (`${user}`, `${password.1}`...) is resolved by the runner against the live target.
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

export function mentionsProbe(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('${probe}');
}
