import { createRequire } from 'node:module';
import { causesOf } from './causes.ts';
import { specLocator, type SpecLocator } from './spec-location.ts';
import { REPORT_SCHEMA_VERSION, type Cause, type ErrorCoverage, type MemberCoverage, type Report, type ReproduceSettings, type Summary } from './types.ts';
import type { CaseResult } from '../runner/result.ts';
import type { SpecSet } from '../specfile/types.ts';
import type { SessionInfo } from '../targets/types.ts';
import { compareStrings } from './order.ts';

const pkg = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };

export interface RunFacts {
  session: SessionInfo;
  client: { name: string; version: string; details?: Record<string, string> };
  runId: string;
  seed: string;
  strict: boolean;
  startedAt: Date;
  durationMs: number;
  /** The run's target settings, for reproducers. */
  reproduce?: ReproduceSettings;
}

/** report.json from the results of one run (the contract is docs/report-format.md). */
export function buildReport(results: CaseResult[], specs: SpecSet, facts: RunFacts): Report {
  const cases = [...results].sort((a, b) => compareStrings(a.id, b.id));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: pkg.name, version: pkg.version },
    target: {
      name: facts.session.target,
      ...(facts.session.serve === 'in-process' || facts.session.serve === 'direct' ? {} : { endpoint: facts.session.endpoint }),
      ...(facts.session.version ? { version: facts.session.version } : {}),
      capabilities: facts.session.capabilities,
    },
    client: facts.client,
    runId: facts.runId,
    seed: facts.seed,
    strict: facts.strict,
    ...(facts.reproduce ? { reproduce: facts.reproduce } : {}),
    startedAt: facts.startedAt.toISOString(),
    durationMs: Math.round(facts.durationMs),
    summary: summarize(cases),
    coverage: coverage(specs, cases),
    cases,
    causes: locateCauses(causesOf(cases), specLocator(specs)),
  };
}

/** Each cause with the spec entry its example case comes from. */
export function locateCauses(causes: Cause[], locate: SpecLocator): Cause[] {
  return causes.map((c) => {
    const spec = locate(c.example.caseId);
    return spec ? { ...c, spec } : c;
  });
}

export function summarize(cases: Report['cases']): Summary {
  const count = (o: CaseResult['outcome']) => cases.filter((c) => c.outcome === o && !c.baseline).length;
  return {
    total: cases.length,
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
    errored: count('error'),
    expectedFailures: cases.filter((c) => c.baseline === 'expected-failure').length,
    unexpectedPasses: cases.filter((c) => c.baseline === 'unexpected-pass').length,
    clientRejected: count('client-rejected'),
  };
}

/** Which cases exercise each modelled error, and which probes ran for each member. */
export function coverage(specs: SpecSet, cases: CaseResult[]): Report['coverage'] {
  const errors: ErrorCoverage[] = [];
  for (const op of specs.operations) {
    for (const e of op.errors) {
      const exercising = cases
        .filter((c) => c.steps.some((s) => s.call === op.operation && namesError(s.expected, e.code)) || expectsInSpec(specs, op.operation, c.id, e.code))
        .map((c) => c.id);
      errors.push({ operation: op.operation, error: e.code, status: e.status, cases: [...new Set(exercising)], ...(e.untriggerable ? { untriggerable: e.untriggerable } : {}) });
    }
  }
  const members: MemberCoverage[] = [];
  for (const op of specs.operations) {
    for (const m of op.input) {
      if (!m.probe) continue;
      const prefix = `${op.operation}/${m.name}/`;
      members.push({ operation: op.operation, member: m.name, probes: cases.filter((c) => c.id.startsWith(prefix)).map((c) => c.id.slice(prefix.length)) });
    }
  }
  return { errors, members };
}

function namesError(expected: Record<string, unknown> | undefined, code: string): boolean {
  return expected?.error === code;
}

/** A case that never reached its step (skipped) still exercises what its spec expects. */
function expectsInSpec(specs: SpecSet, operation: string, caseId: string, code: string): boolean {
  const op = specs.operations.find((o) => o.operation === operation);
  const scenario = op?.scenarios.find((s) => `${operation}/${s.id}` === caseId);
  return !!scenario?.steps.some((s) => s.call === operation && (s.expect.error === code || s.likely?.expect.error === code));
}
