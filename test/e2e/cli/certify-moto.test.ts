import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Manifest } from '../../../src/certify/manifest.ts';
import { productFile } from '../../helpers/bundle.ts';
import { runCli } from '../../helpers/cli.ts';

const TOOLS = process.env.IAM_CONFORMANCE_TOOLS ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'iam-conformance');
/** moto 5.2.1 (the version the committed findings describe) when the tools cache has it, else its newest moto. */
const VERSION = ['5.2.1', ...(existsSync(TOOLS) ? readdirSync(TOOLS) : []).flatMap((d) => /^moto-(\d+\.\d+\.\d+)$/.exec(d)?.[1] ?? []).sort().reverse()].find((v) =>
  existsSync(join(TOOLS, `moto-${v}`, 'bin', 'moto_server')),
);
const MOTO = join(TOOLS, `moto-${VERSION}`, 'bin', 'moto_server');

/** A target that differs from AWS in many ways: moto (ci/ installs it into the tools cache; skipped without one). */
describe('certify against moto', () => {
  test.skipIf(!VERSION)('exits 1 "not certified"; the bundle says so and names moto\'s version', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ic-certify-moto-')), 'bundle');
    const r = await runCli(['certify', '--target', 'moto', '--product', productFile(), '--out', out, '--quiet'], { IAM_CONFORMANCE_MOTO_SERVER: MOTO });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^NOT CERTIFIED: Example Corp Example IAM 2\.4\.1 against moto/m);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.result).toBe('not certified');
    expect(m.counts.failed).toBeGreaterThan(0);
    expect(m.target).toMatchObject({ name: 'moto', version: VERSION });
  }, 900_000); // the whole suite against moto: about six minutes on two cores
});
