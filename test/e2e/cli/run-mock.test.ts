import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { reportValidator } from '../../../src/report/read.ts';
import type { Report } from '../../../src/report/types.ts';
import { runCli, type CliResult } from '../../helpers/cli.ts';
import { expandCases } from '../../../src/cases/expand.ts';
import { DEFAULT_SEED } from '../../../src/run/plan.ts';
import { loadSpecs } from '../../../src/specfile/load.ts';

const specs = loadSpecs();

/**
 * The main job, end to end as a user runs it: `iam-conformance run --target mock` in its own process.
 * The reference emulator must pass every case; the report must be complete, valid and free of secrets.
 */
const SECRET_MEMBERS = new Set(['OldPassword', 'NewPassword', 'Password']);

describe('iam-conformance run --target mock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ic-run-'));
  let result: CliResult;
  let report: Report;
  let raw: string;

  beforeAll(async () => {
    result = await runCli(['run', '--target', 'mock', '--report-dir', dir, '--quiet']);
    raw = readFileSync(join(dir, 'report.json'), 'utf8');
    report = JSON.parse(raw) as Report;
  }, 120_000);

  test('exits 0 with every case passing', () => {
    const failures = report.cases.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map((c) => `${c.id}: ${JSON.stringify(c.differences)} ${c.reason ?? ''}`);
    expect(failures).toEqual([]);
    expect(result.code, result.stderr).toBe(0);
    expect(report.summary.failed).toBe(0);
    expect(report.summary.errored).toBe(0);
    expect(report.summary.skipped).toBe(0);
  });

  test('the report validates against the shipped schema', () => {
    const validate = reportValidator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  test('runs every case the specs expand to, on every operation', () => {
    expect(report.summary.total).toBe(expandCases(specs, { seed: DEFAULT_SEED }).length);
    // The spec files' operations and every other operation of the model with a member to probe.
    expect(new Set(report.cases.map((c) => c.operation))).toEqual(new Set(expandCases(specs, { seed: DEFAULT_SEED }).map((c) => c.operation)));
    expect(new Set(report.cases.map((c) => c.operation)).size).toBeGreaterThanOrEqual(160);
  });

  test('accounts for every operation/error pair of the specs, each exercised or untriggerable with a reason', () => {
    expect(report.coverage.errors).toHaveLength(specs.operations.reduce((n, op) => n + op.errors.length, 0));
    for (const e of report.coverage.errors) expect(e.cases.length > 0 || !!e.untriggerable, `${e.operation}/${e.error}`).toBe(true);
  });

  test('no raw password anywhere: every password member is redacted', () => {
    let members = 0;
    for (const c of report.cases) {
      for (const s of c.steps) {
        for (const [k, v] of Object.entries(s.input ?? {})) {
          if (SECRET_MEMBERS.has(k)) {
            members++;
            expect(v, `${c.id} ${k}`).toMatchObject({ redacted: true });
          }
        }
      }
    }
    expect(members).toBeGreaterThan(500);
  });

  test('writes report.md and junit.xml beside report.json, with case ids', () => {
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/# IAM conformance: mock/);
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toContain('ChangePassword/NewPassword/length-129');
  });

  test('prints the per-operation summary', () => {
    expect(result.stdout).toMatch(/ChangePassword\s+\d+\s+\d+/);
    expect(result.stdout).toMatch(/cases: \d+ passed, 0 failed, 0 skipped, 0 errored/);
  });
});
