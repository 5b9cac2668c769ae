import { describe, expect, test } from 'vitest';
import { loadSpecs } from '../../src/specfile/load.ts';
import { SpecErrors } from '../../src/specfile/errors.ts';
import { fixtures, header, install } from '../helpers/spec-fixtures.ts';

/**
 * Every fixture in fixtures/malformed-specs is one mistake a spec author can make. Its header says the
 * file name it is installed under and where the error must point: `# expect-pointer:`, `# expect-line:`,
 * `# expect-message:`. Each must be rejected with exactly that location, never with a stack trace.
 */
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
});
