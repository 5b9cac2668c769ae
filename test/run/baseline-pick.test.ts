import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AUTO_BASELINE, planRun, PlanError } from '../../src/run/plan.ts';
import { BASELINES_DIR, baselineFile, pickBaseline } from '../../src/run/baseline-pick.ts';
import { loadBaseline } from '../../src/baseline/baseline.ts';

const plan = (argv: string[], env: Record<string, string> = {}) => planRun(argv, env, tmpdir());

describe('--baseline [auto|FILE]: a run is baselined only when asked', () => {
  test('a plain run has no baseline', () => {
    expect(plan(['--target', 'moto']).baseline).toBeUndefined();
  });

  test('the flag alone, at the end or before another flag, means auto', () => {
    expect(plan(['--target', 'moto', '--baseline']).baseline).toBe(AUTO_BASELINE);
    expect(plan(['--baseline', '--target', 'moto']).baseline).toBe(AUTO_BASELINE);
    expect(plan(['--baseline', 'auto', '--target', 'moto']).baseline).toBe(AUTO_BASELINE);
    expect(plan(['--target', 'moto'], { IAM_CONFORMANCE_BASELINE: 'auto' }).baseline).toBe(AUTO_BASELINE);
  });

  test('a file is resolved and checked before anything starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-baseline-'));
    writeFileSync(join(dir, 'b.yaml'), 'target: moto\ncases: {}\n');
    expect(planRun(['--target', 'moto', '--baseline', 'b.yaml'], {}, dir).baseline).toBe(join(dir, 'b.yaml'));
    expect(() => plan(['--target', 'moto', '--baseline', '/nonexistent/b.yaml'])).toThrow(/cannot read the baseline/);
  });
});

describe('pickBaseline: the committed baseline of the version the target reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ic-baselines-'));
  mkdirSync(join(dir, 'moto'));
  writeFileSync(join(dir, 'moto', '5.2.5.yaml'), 'target: moto\nversion: 5.2.5\ncases: {}\n');
  const auto = plan(['--target', 'moto', '--baseline']);

  test('auto picks <target>/<version>.yaml', () => {
    expect(pickBaseline(auto, { target: 'moto', version: '5.2.5' }, dir).baseline).toBe(join(dir, 'moto', '5.2.5.yaml'));
  });

  test('a version without a baseline: one line naming the file to create and the command that writes it', () => {
    let message = '';
    try {
      pickBaseline(auto, { target: 'moto', version: '9.9.9' }, dir);
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError);
      message = (e as Error).message;
    }
    expect(message).toContain(join(dir, 'moto', '9.9.9.yaml'));
    expect(message).toContain('iam-conformance baseline --from');
    expect(message).not.toContain('\n');
  });

  test('a target that reports no version cannot be baselined automatically', () => {
    expect(() => pickBaseline(auto, { target: 'moto' }, dir)).toThrow(/did not report its version.*--baseline FILE/);
  });

  test('a named file, or no baseline, is left as it is', () => {
    const named = { ...auto, baseline: '/some/file.yaml' };
    expect(pickBaseline(named, { target: 'moto', version: '5.2.5' }, dir)).toBe(named);
    const plain = plan(['--target', 'moto']);
    expect(pickBaseline(plain, { target: 'moto', version: '5.2.5' }, dir)).toBe(plain);
  });
});

describe('the committed baselines: one file per target and version, each naming its own', () => {
  test.each([
    ['moto', '5.2.5'],
    ['ministack', '1.5.33'],
    ['localstack', '2026.3.0'],
    ['fakecloud', '0.51.0'],
  ])('%s %s', (target, version) => {
    const b = loadBaseline(baselineFile(target, version, BASELINES_DIR));
    expect(b).toMatchObject({ target, version });
    expect(Object.keys(b.cases).length).toBeGreaterThan(0);
  });
});
