/**
 * The one order of ids, titles and names in reports: plain string comparison (UTF-16 code units, what
 * Array.prototype.sort does by default), never the locale's. The shards, the causes, merge-reports and
 * the views all sort with it, so "B" comes before "a" everywhere and on every machine.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
