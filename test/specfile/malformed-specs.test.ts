import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSpecs } from '../../src/specfile/load.ts';
import { SpecErrors } from '../../src/specfile/errors.ts';
import { ROOT, runCli } from '../helpers/cli.ts';

/**
 * Every fixture in fixtures/malformed-specs is one mistake a spec author can make. Its header says the
 * file name it is installed under and where the error must point: `# expect-pointer:`, `# expect-line:`,
 * `# expect-message:`. Each must be rejected with exactly that location, never with a stack trace.
 */
const DIR = join(ROOT, 'fixtures/malformed-specs');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

function header(text: string, key: string): string | undefined {
  return new RegExp(`^# ${key}: (.*)$`, 'm').exec(text)?.[1]?.trim();
}

function install(fixture: string): { dir: string; text: string; as: string } {
  const text = readFileSync(join(DIR, fixture), 'utf8');
  const as = header(text, 'as');
  if (!as) throw new Error(`${fixture} has no "# as:" header`);
  const dir = mkdtempSync(join(tmpdir(), 'malformed-'));
  if (as !== 'shapes.yaml') copyFileSync(join(ROOT, 'specs/iam/shapes.yaml'), join(dir, 'shapes.yaml'));
  copyFileSync(join(DIR, fixture), join(dir, as));
  return { dir, text, as };
}

describe('malformed spec files are rejected with file, place and reason', () => {
  test('there are fixtures to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  test.each(fixtures)('%s', (fixture) => {
    const { dir, text, as } = install(fixture);
    let thrown: unknown;
    try {
      loadSpecs(dir);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SpecErrors);
    const errors = (thrown as SpecErrors).errors;
    const pointer = header(text, 'expect-pointer');
    const line = header(text, 'expect-line');
    const message = header(text, 'expect-message')!;
    const match = errors.find(
      (e) => e.file.endsWith(as) && e.message.includes(message) && (!pointer || e.pointer === pointer) && (!line || e.line === Number(line)),
    );
    expect(match, `no error at ${pointer ?? `line ${line}`} saying "${message}"; got:\n${errors.map((e) => e.format()).join('\n')}`).toBeDefined();
    expect(match!.line, 'the YAML line of the problem').toBeGreaterThan(0);
  });

  test.each(fixtures)('the CLI exits 2 for %s, naming the file and the place, without a stack trace', async (fixture) => {
    const { dir, text, as } = install(fixture);
    const r = await runCli(['validate', '--specs', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(as);
    const pointer = header(text, 'expect-pointer');
    if (pointer) expect(r.stderr).toContain(pointer);
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });
});
