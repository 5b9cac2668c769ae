import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Report } from '../../../src/report/types.ts';
import { runCli } from '../../helpers/cli.ts';

/**
 * Passwords never reach reports, terminal output or error messages unless --show-secrets. The run uses
 * a fixed run id, so its generated passwords are the same with and without --show-secrets: the first run
 * reveals them, the second must not contain a single one. The target is the mock with a deviation that
 * echoes values (passwords included) in its error messages, behind transport faults, in strict mode, so
 * that failures, notes and retries all carry text the target produced.
 */
const OPERATIONS = ['--operation', 'ChangePassword', '--operation', 'UpdateLoginProfile'];
const ENV = { IAM_CONFORMANCE_RUN_ID: 'leaks1', IAM_CONFORMANCE_MOCK_MUTANT: 'validation-echoes-value', IAM_CONFORMANCE_MOCK_FAULT_RATE: '0.05' };
const SECRET_MEMBERS = new Set(['OldPassword', 'NewPassword', 'Password']);

function secretsOf(report: Report): Set<string> {
  const found = new Set<string>();
  for (const c of report.cases) {
    for (const s of c.steps) {
      for (const [k, v] of Object.entries(s.input ?? {})) {
        // Values under 4 characters occur in ordinary text by chance; they are redacted as members
        // (checked in run-mock.test.ts) but cannot be searched for.
        if (SECRET_MEMBERS.has(k) && typeof v === 'string' && v.length >= 4) found.add(v);
      }
    }
  }
  return found;
}

describe('no secret leaks', () => {
  test('no planted password in report.json, report.md, junit.xml, stdout or stderr', async () => {
    const shown = mkdtempSync(join(tmpdir(), 'ic-shown-'));
    const revealed = await runCli(['run', ...OPERATIONS, '--strict', '--show-secrets', '--report-dir', shown], ENV);
    expect(revealed.code, revealed.stderr).toBe(1); // the deviation is found
    const secrets = secretsOf(JSON.parse(readFileSync(join(shown, 'report.json'), 'utf8')) as Report);
    expect(secrets.size).toBeGreaterThan(200);
    // --show-secrets really shows them: the target's echoes are in the report.
    expect([...secrets].some((s) => readFileSync(join(shown, 'report.md'), 'utf8').includes(s))).toBe(true);

    const hidden = mkdtempSync(join(tmpdir(), 'ic-hidden-'));
    const r = await runCli(['run', ...OPERATIONS, '--strict', '--report-dir', hidden], ENV);
    expect(r.code, r.stderr).toBe(1);
    const texts: Record<string, string> = { stdout: r.stdout, stderr: r.stderr };
    for (const f of readdirSync(hidden)) texts[f] = readFileSync(join(hidden, f), 'utf8');
    expect(Object.keys(texts)).toEqual(expect.arrayContaining(['report.json', 'report.md', 'junit.xml']));
    const hits = Object.entries(texts).flatMap(([where, text]) => [...secrets].filter((s) => text.includes(s)).map((s) => `${where}: ${s.length}-character password`));
    expect(hits).toEqual([]);
    expect(texts['report.json']).toContain('<redacted ');
  }, 180_000);

  test('secrets a step is answered with (an access key\'s, a service credential\'s) stay out of the report and of --record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-answered-'));
    const ids = ['--id', 'UpdateServiceSpecificCredential/lifecycle', '--id', 'UpdateAccessKey/lifecycle', '--id', 'CreateAccessKey/per-user-limit'];
    const r = await runCli(['run', ...ids, '--report-dir', join(dir, 'report'), '--record-dir', join(dir, 'recorded')], {});
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name));
    const texts = files.map((f) => [f, readFileSync(f, 'utf8')] as const);
    // The answers were recorded, with the element in them...
    expect(texts.filter(([f, t]) => f.includes('recorded') && t.includes('<ServicePassword>')).length).toBeGreaterThan(0);
    expect(texts.filter(([f, t]) => f.includes('recorded') && t.includes('<SecretAccessKey>')).length).toBeGreaterThan(0);
    // ...and wherever the value would be, it is cut out: in the wire form, and as a member of an output.
    const leaks = texts.flatMap(([f, t]) => [
      ...[...t.matchAll(/<(SecretAccessKey|ServicePassword)>(?!<redacted )([^<]*)</g)].map((m) => `${f}: <${m[1]}> holds ${m[2]!.length} characters`),
      ...[...t.matchAll(/"(SecretAccessKey|ServicePassword)"\s*:\s*"([^"]*)"/g)].map((m) => `${f}: "${m[1]}" holds ${m[2]!.length} characters`),
    ]);
    expect(leaks).toEqual([]);
  }, 120_000);
});
