import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { allOptions, DEFAULT_SEED, planRun, PlanError } from '../../src/run/plan.ts';
import { runHelp } from '../../src/run/help.ts';
import { TARGETS } from '../../src/targets/index.ts';
import { CLIENTS } from '../../src/clients/index.ts';

const plan = (argv: string[], env: Record<string, string> = {}) => planRun(argv, env, tmpdir());
const problem = (argv: string[], env: Record<string, string> = {}) => {
  try {
    plan(argv, env);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanError);
    return (e as Error).message;
  }
  throw new Error(`no PlanError for ${argv.join(' ')}`);
};

describe('planRun: every setting read, checked and typed in one place', () => {
  test('defaults: the mock, the JS SDK, every case, the default seed, the mock\'s concurrency', () => {
    const p = plan([]);
    expect(p).toMatchObject({ target: 'mock', client: 'js-sdk', seed: DEFAULT_SEED, concurrency: 32, strict: false, filter: {} });
    expect(p.runId).toMatch(/^[a-z0-9]{6}$/);
    expect(p.reportDir).toBe(join(tmpdir(), 'reports/mock/js-sdk'));
    expect(p.origins).toEqual({});
  });

  test('flags win over environment variables, and each says where it came from', () => {
    const p = plan(['--client', 'query', '--concurrency', '3'], { IAM_CONFORMANCE_CLIENT: 'js-sdk', IAM_CONFORMANCE_TAGS: 'scenario, constraint', IAM_CONFORMANCE_STRICT: '1' });
    expect(p.client).toBe('query');
    expect(p.concurrency).toBe(3);
    expect(p.filter.tags).toEqual(['scenario', 'constraint']);
    expect(p.strict).toBe(true);
    expect(p.origins).toMatchObject({ client: 'flag', tags: 'env:IAM_CONFORMANCE_TAGS', strict: 'env:IAM_CONFORMANCE_STRICT' });
  });

  test("a target's defaults and settings: aws is patient, the mock's deviation reaches its options", () => {
    expect(plan(['--target', 'aws', '--allow-aws-account', '123456789012']).retry).toEqual({ attempts: 8, delayMs: 1500 });
    expect(plan(['--mutant', 'old-password-not-checked']).targetOptions).toEqual({ mutant: 'old-password-not-checked' });
    expect(plan(['--target', 'moto'], { IAM_CONFORMANCE_MOCK_MUTANT: 'old-password-not-checked' }).targetOptions).toEqual({});
  });

  test('the report folder depends on target and client', () => {
    expect(plan(['--client', 'query']).reportDir).toBe(join(tmpdir(), 'reports/mock/query'));
    expect(plan(['--target', 'moto']).reportDir).toBe(join(tmpdir(), 'reports/moto/js-sdk'));
  });

  test('unknown names: one line listing the valid ones', () => {
    expect(problem(['--target', 'bogus'])).toBe(`unknown target "bogus" (--target): one of ${TARGETS.map((t) => t.name).join(', ')}`);
    expect(problem([], { IAM_CONFORMANCE_TARGET: 'bogus' })).toMatch(/^unknown target "bogus" \(IAM_CONFORMANCE_TARGET\): one of mock, /);
    expect(problem(['--client', 'boto9'])).toBe(`unknown client "boto9" (--client): one of ${Object.keys(CLIENTS).join(', ')}, js-sdk@VERSION, boto3@VERSION`);
    // A version pin is the exact form name@MAJOR.MINOR.PATCH, for the two clients that have versions to pin.
    expect(problem(['--client', 'js-sdk@latest'])).toMatch(/^unknown client "js-sdk@latest"/);
    expect(problem(['--client', 'query@1.0.0'])).toMatch(/^unknown client "query@1.0.0"/);
    expect(planRun(['--client', 'js-sdk@3.600.0'], {}).client).toBe('js-sdk@3.600.0');
    expect(problem(['--bogus'])).toMatch(/Unknown option '--bogus'.*iam-conformance run --help/);
    expect(problem(['--mutant', 'nope'])).toMatch(/^--mutant: unknown value "nope": one of .*old-password-not-checked/);
  });

  test('bad values name the flag or variable and what is wrong', () => {
    expect(problem(['--concurrency', '0'])).toBe('--concurrency must be a whole number from 1 to 256, not "0"');
    expect(problem([], { IAM_CONFORMANCE_CONCURRENCY: 'lots' })).toBe('IAM_CONFORMANCE_CONCURRENCY must be a whole number from 1 to 256, not "lots"');
    expect(problem([], { IAM_CONFORMANCE_STRICT: 'maybe' })).toBe('IAM_CONFORMANCE_STRICT must be 1 or 0 (true or false), not "maybe"');
    expect(problem(['--run-id', 'ABC'])).toMatch(/^--run-id must be 6 lower-case letters or digits/);
    expect(problem(['--record', '--show-secrets'])).toMatch(/--record .* drop --show-secrets/);
  });

  test("another target's flag is refused; the mock's direct serving needs the raw client", () => {
    expect(problem(['--target', 'moto', '--image', 'x'])).toBe('--image applies to --target localstack, not moto');
    expect(problem(['--serve', 'direct'])).toMatch(/only --client query/);
  });

  test('a report folder under a regular file: one line naming the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-plan-'));
    writeFileSync(join(dir, 'file'), 'x');
    expect(problem(['--report-dir', join(dir, 'file', 'reports')])).toBe(`--report-dir ${join(dir, 'file', 'reports')} cannot be created: ${join(dir, 'file')} is a file`);
    expect(problem(['--report-dir', join(dir, 'file')])).toBe(`--report-dir ${join(dir, 'file')} is a file, not a folder`);
  });

  test('run --help lists every option and environment variable a user can set, with its meaning', () => {
    const help = runHelp();
    for (const d of allOptions().filter((o) => !o.internal)) {
      if (d.flag) expect(help, d.flag).toContain(`--${d.flag}`);
      if (d.env) expect(help, d.env).toContain(d.env);
    }
    expect(help).toContain('--specs DIR');
    expect(help).not.toContain('IAM_CONFORMANCE_SUPERVISED');
  });

  test('flags and variables are unique: no two settings share one', () => {
    const flags = allOptions().flatMap((d) => (d.flag ? [d.flag] : []));
    const envs = allOptions().flatMap((d) => (d.env ? [d.env] : []));
    expect(new Set(flags).size).toBe(flags.length);
    expect(new Set(envs).size).toBe(envs.length);
  });
});

test("a real account's password policy changes only with the flag, never through a variable set for another target", () => {
  expect(() => planRun(['--target', 'aws'], { IAM_CONFORMANCE_ALLOW_ACCOUNT_POLICY_CHANGES: '1' }, tmpdir())).toThrow(/only with the flag --allow-account-policy-changes/);
  expect(planRun(['--target', 'aws', '--allow-account-policy-changes'], {}, tmpdir()).targetOptions.allowAccountPolicyChanges).toBe(true);
  const endpoint = { IAM_CONFORMANCE_ENDPOINT: 'http://127.0.0.1:4599', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' };
  expect(planRun(['--target', 'endpoint'], { ...endpoint, IAM_CONFORMANCE_ALLOW_ACCOUNT_POLICY_CHANGES: '1' }, tmpdir()).targetOptions.allowAccountPolicyChanges).toBe(true);
});

test('what a target needs and lacks is a usage error before anything starts: endpoint, URL, credentials, baseline', () => {
  const keys = { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' };
  expect(() => planRun(['--target', 'endpoint'], keys, tmpdir())).toThrow(/needs --endpoint URL/);
  expect(() => planRun(['--target', 'endpoint', '--endpoint', 'notaurl'], keys, tmpdir())).toThrow('--endpoint is not a URL: notaurl');
  expect(() => planRun(['--target', 'endpoint', '--endpoint', 'http://127.0.0.1:1'], {}, tmpdir())).toThrow(/no credentials for the endpoint/);
  expect(() => planRun(['--target', 'moto', '--endpoint', 'x y'], {}, tmpdir())).toThrow('--endpoint is not a URL: x y');
  expect(() => planRun([], { IAM_CONFORMANCE_BASELINE: '/nonexistent/baseline.yaml' }, tmpdir())).toThrow(/cannot read the baseline \/nonexistent\/baseline.yaml/);
});

test('workers: the cores for the in-process mock, one for other targets and for clients in another process; never several on AWS', () => {
  const cores = Math.min(availableParallelism(), 4);
  expect(planRun(['--target', 'mock'], {}, tmpdir()).workers).toBe(cores);
  expect(planRun(['--target', 'mock', '--serve', 'loopback'], {}, tmpdir()).workers).toBe(1);
  expect(planRun(['--target', 'moto'], {}, tmpdir()).workers).toBe(1);
  expect(planRun(['--target', 'moto', '--workers', '3'], {}, tmpdir()).workers).toBe(3);
  expect(planRun(['--target', 'mock'], { IAM_CONFORMANCE_WORKERS: '2' }, tmpdir()).workers).toBe(2);
  expect(() => planRun(['--target', 'aws', '--allow-aws-account', '123456789012', '--workers', '2'], {}, tmpdir())).toThrow(/--workers: --target aws runs its cases in one worker/);
});
