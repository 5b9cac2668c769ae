/**
 * AWS joins several validation failures with "; " in no fixed order, so a ValidationError message
 * is compared as its count and its set of violations.
 */
const HEADER = /^(\d+) validation errors? detected: (.*)$/s;

export interface ValidationMessage {
  count: number;
  violations: string[];
}

export function parseValidationMessage(message: string): ValidationMessage | undefined {
  const m = HEADER.exec(message.trim());
  if (!m) return undefined;
  return { count: Number(m[1]), violations: m[2]!.split('; ').map((v) => v.trim()).sort() };
}

export function sameValidationMessage(expected: string, actual: string): boolean {
  const e = parseValidationMessage(expected);
  const a = parseValidationMessage(actual);
  if (!e || !a) return expected.trim() === actual.trim();
  return e.count === a.count && e.violations.length === a.violations.length && e.violations.every((v, i) => v === a.violations[i]);
}
