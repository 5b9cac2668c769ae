import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli.ts';

/**
 * Every fixture in fixtures/malformed-specs is one mistake a spec author can make. Its header says the
 * file name it is installed under and where the error must point: `# expect-pointer:`, `# expect-line:`,
 * `# expect-message:`.
 */
export const DIR = join(ROOT, 'fixtures/malformed-specs');
export const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

export function header(text: string, key: string): string | undefined {
  return new RegExp(`^# ${key}: (.*)$`, 'm').exec(text)?.[1]?.trim();
}

export function install(fixture: string): { dir: string; text: string; as: string } {
  const text = readFileSync(join(DIR, fixture), 'utf8');
  const as = header(text, 'as');
  if (!as) throw new Error(`${fixture} has no "# as:" header`);
  const dir = mkdtempSync(join(tmpdir(), 'malformed-'));
  if (as !== 'shapes.yaml') copyFileSync(join(ROOT, 'specs/iam/shapes.yaml'), join(dir, 'shapes.yaml'));
  copyFileSync(join(DIR, fixture), join(dir, as));
  return { dir, text, as };
}

