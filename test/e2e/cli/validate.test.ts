import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from '../../helpers/cli.ts';
import { fixtures, header, install } from '../../helpers/spec-fixtures.ts';

/** `iam-conformance validate` as a spec author runs it: one line per problem, exit 2, never a stack trace. */
const MODEL = join(ROOT, '../shared/models/iam-2010-05-08.json');
const noModel = !existsSync(MODEL);

describe('iam-conformance validate', () => {
  test.each(fixtures)('the CLI exits 2 for %s, naming the file and the place, without a stack trace', async (fixture) => {
    const { dir, text, as } = install(fixture);
    const r = await runCli(['validate', '--specs', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(as);
    const pointer = header(text, 'expect-pointer');
    if (pointer) expect(r.stderr).toContain(pointer);
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });
  test.skipIf(noModel)('`validate --model` exits 0 with zero mismatches', async () => {
    const r = await runCli(['validate', '--model', MODEL]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: 0 mismatches/);
  });
});
