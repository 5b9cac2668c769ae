/**
 * Passwords never reach a report, a log or an error message unless the user asks (--show-secrets).
 * Known secrets of a case are replaced wherever they appear, even inside a target's error message
 * that echoes them; sensitive members become `{ redacted: true, length }`.
 */
export interface Redactor {
  /** A member value as the report shows it. */
  member(name: string, value: unknown): unknown;
  /** Any text, with every known secret of the case cut out. */
  text(value: string): string;
  /** A whole structure, members and text alike. */
  deep<T>(value: T): T;
}

export function redactor(sensitiveMembers: ReadonlySet<string>, secrets: Iterable<string>, show: boolean): Redactor {
  // Longest first, so a secret that contains another is cut whole. Very short values (a one-character
  // probe) would shred ordinary words; they are redacted as members but not searched for in text.
  const list = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  const text = (value: string) => {
    if (show) return value;
    let out = value;
    for (const s of list) if (out.includes(s)) out = out.split(s).join(`<redacted ${[...s].length} chars>`);
    return out;
  };
  const member = (name: string, value: unknown) =>
    !show && sensitiveMembers.has(name) && typeof value === 'string' ? { redacted: true, length: [...value].length } : deep(value);
  function deep<T>(value: T): T {
    if (typeof value === 'string') return text(value) as T;
    if (Array.isArray(value)) return value.map(deep) as T;
    if (value instanceof Date) return value;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, member(k, v)])) as T;
    }
    return value;
  }
  return { member, text, deep };
}
