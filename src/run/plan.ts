import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLIENTS, findClient } from '../clients/index.ts';
import { newRunId, RUN_ID_PATTERN } from '../iam/names.ts';
import { BaselineError, loadBaseline } from '../baseline/baseline.ts';
import { TARGETS, findTarget } from '../targets/index.ts';
import type { CaseFilter } from '../cases/filter.ts';
import { choicesOf, type OptionDecl, type OptionValue, type Origin } from '../settings.ts';
import { COMMON_OPTIONS } from './options.ts';
import { readReport, ReportReadError } from '../report/read.ts';
import { DEFAULT_SEED } from '../cases/expand.ts';

export { DEFAULT_SEED };

/** `--baseline auto` (or `--baseline` alone): the baseline is picked once the target has said its version. */
export const AUTO_BASELINE = 'auto';

/**
 * Everything a run is: which target and client, which cases, how verdicts and reports are made, how
 * patient it is. Built in one place (planRun) from flags, environment variables and defaults; plain
 * data, so it crosses into vitest (provide) and into a supervised run's child unchanged.
 */
export interface RunPlan {
  target: string;
  client: string;
  /** The target's own settings (its adapter's declarations), by key. */
  targetOptions: Record<string, OptionValue>;
  region?: string;
  filter: CaseFilter;
  specDir?: string;
  seed: string;
  list: boolean;
  strict: boolean;
  /** A baseline file, or `auto`: the committed one of the version the started target reports (src/run/baseline-pick.ts). */
  baseline?: string;
  reportDir: string;
  showSecrets: boolean;
  recordDir?: string;
  quiet: boolean;
  /** Write transcript.jsonl beside the reports (each step's request as it went on the wire). */
  transcript?: boolean;
  concurrency: number;
  /** Worker processes of the vitest engine the cases are spread over (src/run/lanes.ts). */
  workers: number;
  caseTimeoutMs: number;
  requestTimeoutMs: number;
  retry: { attempts: number; delayMs: number };
  toolsDir?: string;
  isolation: 'pooled' | 'fresh';
  /** Unique per run: names what the run creates (`ic-<runId>-…`); never part of a case. */
  runId: string;
  supervised: boolean;
  /** Where each setting that was given came from. */
  origins: Record<string, Origin>;
  /** The arguments it was planned from (a supervised run's child is started with them again). */
  argv: string[];
  /** --rerun-failed: exactly these case ids (the failed and errored cases of that report), with the other filters. */
  rerunIds?: string[];
  /** --shard I/N: this run holds shard `index` of `count` (src/run/shard.ts). */
  shard?: { index: number; count: number };
}

/**
 * The mock in the process that runs the cases is bound by CPU alone: one worker per core (at most 4, past
 * which the main process's share dominates). Any other target sets its own pace; one worker, unless asked.
 */
function defaultWorkers(target: string, client: string, targetOptions: Record<string, OptionValue>): number {
  const inProcess = target === 'mock' && !findClient(client)?.needsNetwork && (targetOptions.serve ?? 'in-process') !== 'loopback';
  return inProcess ? Math.max(1, Math.min(availableParallelism(), 4)) : 1;
}

/** A setting that cannot be used as given: one line for the user, exit code 2. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/** Every declared setting: the common ones, then each target's (a key shared by targets is one setting). */
export function allOptions(): OptionDecl[] {
  const byKey = new Map<string, OptionDecl>();
  for (const d of [...COMMON_OPTIONS, ...TARGETS.flatMap((t) => t.options)]) if (!byKey.has(d.key)) byKey.set(d.key, d);
  return [...byKey.values()];
}

/** The targets that declare a setting (empty for a common one). */
function ownersOf(key: string): string[] {
  return TARGETS.filter((t) => t.options.some((o) => o.key === key)).map((t) => t.name);
}

const name = (d: OptionDecl, origin: Origin) => (origin === 'flag' ? `--${d.flag}` : origin.slice('env:'.length));

/**
 * Reads, checks and types every setting of a run: flags first, then environment variables, then
 * defaults (some depend on the target). Throws PlanError naming the flag or variable at fault.
 * `help` in the result's origins means --help was asked for; nothing else is checked then.
 */
export function planRun(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): RunPlan & { help?: true } {
  const { raw, origins, help } = readSettings(allOptions(), argv, env, 'run');
  if (help) return { ...emptyPlan(argv), help: true };
  const decls = allOptions();

  const target = String(raw.target ?? 'mock');
  const adapter = findTarget(target);
  if (!adapter) throw new PlanError(`unknown target "${target}" (${where('target', origins)}): one of ${TARGETS.map((t) => t.name).join(', ')}`);
  const client = String(raw.client ?? 'js-sdk');
  if (!findClient(client)) throw new PlanError(`unknown client "${client}" (${where('client', origins)}): one of ${Object.keys(CLIENTS).join(', ')}, js-sdk@VERSION, boto3@VERSION`);

  // A flag of another target is a mistake worth a word; another target's variable may be set for other runs.
  const targetOptions: Record<string, OptionValue> = {};
  for (const d of decls) {
    const owners = ownersOf(d.key);
    if (owners.length === 0 || raw[d.key] === undefined) continue;
    if (owners.includes(target)) targetOptions[d.key] = raw[d.key]!;
    else if (origins[d.key] === 'flag') throw new PlanError(`--${d.flag} applies to --target ${owners.join(' or ')}, not ${target}`);
  }

  const defaults = adapter.defaults ?? {};
  const runId = raw.runId === undefined ? newRunId() : String(raw.runId);
  if (!RUN_ID_PATTERN.test(runId)) throw new PlanError(`${where('runId', origins)} must be 6 lower-case letters or digits, not "${runId}"`);
  const record = raw.record === true || raw.recordDir !== undefined;
  const showSecrets = raw.showSecrets === true;
  if (record && showSecrets) throw new PlanError('--record keeps evidence to publish, so it never holds passwords: drop --show-secrets');
  const reportDir = resolve(cwd, raw.reportDir === undefined ? `reports/${target}/${client}` : String(raw.reportDir));
  checkFolder(reportDir, raw.reportDir === undefined ? 'the default report folder' : where('reportDir', origins));
  const specDir = raw.specs === undefined ? undefined : resolve(cwd, String(raw.specs));
  const rerun = raw.rerunFailed === undefined ? undefined : rerunFrom(resolve(cwd, String(raw.rerunFailed)), where('rerunFailed', origins));
  const shard = raw.shard === undefined ? undefined : parseShard(String(raw.shard), where('shard', origins));

  const plan: RunPlan = {
    target,
    client,
    targetOptions,
    ...(raw.region !== undefined ? { region: String(raw.region) } : {}),
    filter: { operations: raw.operations as string[] | undefined, families: raw.families as string[] | undefined, tags: raw.tags as string[] | undefined, ids: raw.ids as string[] | undefined },
    ...(specDir ? { specDir } : {}),
    seed: raw.seed === undefined ? (rerun?.seed ?? DEFAULT_SEED) : String(raw.seed),
    list: raw.list === true,
    strict: raw.strict === true,
    ...(raw.baseline !== undefined ? { baseline: raw.baseline === AUTO_BASELINE ? AUTO_BASELINE : resolve(cwd, String(raw.baseline)) } : {}),
    reportDir,
    showSecrets,
    ...(record ? { recordDir: resolve(cwd, raw.recordDir === undefined ? 'fixtures/recordings' : String(raw.recordDir)) } : {}),
    quiet: raw.quiet === true,
    ...(raw.transcript === true ? { transcript: true } : {}),
    concurrency: (raw.concurrency as number | undefined) ?? defaults.concurrency ?? 8,
    workers: (raw.workers as number | undefined) ?? defaultWorkers(target, client, targetOptions),
    caseTimeoutMs: (raw.caseTimeoutMs as number | undefined) ?? defaults.caseTimeoutMs ?? 120_000,
    requestTimeoutMs: (raw.requestTimeoutMs as number | undefined) ?? 20_000,
    retry: {
      attempts: (raw.retryAttempts as number | undefined) ?? defaults.retryAttempts ?? 3,
      delayMs: (raw.retryDelayMs as number | undefined) ?? defaults.retryDelayMs ?? 200,
    },
    ...(raw.toolsDir !== undefined ? { toolsDir: String(raw.toolsDir) } : {}),
    isolation: raw.isolation === 'fresh' ? 'fresh' : 'pooled',
    runId,
    supervised: raw.supervised === true,
    origins,
    argv,
    ...(rerun ? { rerunIds: rerun.ids } : {}),
    ...(shard ? { shard } : {}),
  };
  const problem = adapter.checkPlan?.(plan);
  if (problem) throw new PlanError(problem);
  // A real account's supervisor accounts for every user the run creates, process by process: one worker.
  if (plan.target === 'aws' && plan.workers > 1) throw new PlanError(`${where('workers', origins)}: --target aws runs its cases in one worker process (its supervisor tracks what that process creates)`);
  if (plan.baseline && plan.baseline !== AUTO_BASELINE) {
    try {
      loadBaseline(plan.baseline);
    } catch (e) {
      if (e instanceof BaselineError) throw new PlanError(e.message);
      throw e;
    }
  }
  return plan;
}

/**
 * The cases of a report that made it fail: its failed and errored cases (not skipped or client-rejected
 * ones: those cannot be judged again by rerunning). A report with a baseline failed only for its new
 * failures, its unexpected passes and its errors: the failures the baseline expects are not run again.
 */
function rerunFrom(file: string, setting: string): { ids: string[]; seed?: string } {
  let report;
  try {
    report = readReport(file);
  } catch (e) {
    if (e instanceof ReportReadError) throw new PlanError(`${setting}: ${e.message}`);
    throw e;
  }
  const baseline = report.baseline;
  const wanted = baseline ? new Set([...baseline.newFailures, ...baseline.unexpectedPasses]) : undefined;
  const ids = report.cases.filter((c) => c.outcome === 'error' || (wanted ? wanted.has(c.id) : c.outcome === 'fail')).map((c) => c.id);
  return { ids, ...(report.seed ? { seed: report.seed } : {}) };
}

function parseShard(text: string, setting: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new PlanError(`${setting} must be I/N with 1 <= I <= N (e.g. 1/4), not "${text}"`);
  return { index, count };
}

/** The settings that choose cases (expand and run --list select the same ids with the same filters). */
const SELECTION_KEYS = ['operations', 'families', 'tags', 'ids', 'specs', 'seed'];

/** Only what selects cases, for `iam-conformance expand`. */
export function planSelection(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), extra: OptionDecl[] = []) {
  const decls = [...COMMON_OPTIONS.filter((d) => SELECTION_KEYS.includes(d.key)), ...extra];
  const { raw, help } = readSettings(decls, argv, env, 'expand');
  return {
    help,
    raw,
    filter: { operations: raw.operations as string[] | undefined, families: raw.families as string[] | undefined, tags: raw.tags as string[] | undefined, ids: raw.ids as string[] | undefined },
    ...(raw.specs !== undefined ? { specDir: resolve(cwd, String(raw.specs)) } : {}),
    seed: raw.seed === undefined ? DEFAULT_SEED : String(raw.seed),
  };
}

/** Flags, then environment variables, each converted and checked by its declaration. */
function readSettings(decls: OptionDecl[], argv: string[], env: NodeJS.ProcessEnv, command: string) {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = { help: { type: 'boolean', short: 'h' } };
    for (const d of decls) if (d.flag) options[d.flag] = { type: d.type === 'boolean' ? 'boolean' : 'string', ...(d.type === 'list' ? { multiple: true } : {}) };
    const parsed = parseArgs({ args: withLoneValues(decls, argv), options, allowPositionals: true, strict: true });
    if (parsed.positionals.length > 0) throw new Error(`unexpected argument "${parsed.positionals[0]}"`);
    values = parsed.values as typeof values;
  } catch (e) {
    throw new PlanError(`${(e as Error).message.split('\n')[0]} (see: iam-conformance ${command} --help)`);
  }
  const raw: Record<string, OptionValue> = {};
  const origins: Record<string, Origin> = {};
  for (const d of decls) {
    const fromFlag = d.flag ? values[d.flag] : undefined;
    const fromEnv = d.env ? env[d.env] : undefined;
    if (fromFlag !== undefined) {
      raw[d.key] = convert(d, fromFlag, 'flag');
      origins[d.key] = 'flag';
    } else if (fromEnv !== undefined && fromEnv !== '') {
      raw[d.key] = convert(d, fromEnv, `env:${d.env}`);
      origins[d.key] = `env:${d.env}`;
    }
  }
  return { raw, origins, help: values.help === true };
}

/**
 * A flag that may stand alone (`--baseline`, at the end or before another flag) gets its declared value,
 * so parseArgs, which wants a value after every string flag, reads `--baseline auto`.
 */
function withLoneValues(decls: OptionDecl[], argv: string[]): string[] {
  const alone = new Map(decls.filter((d) => d.flag && d.valueWhenAlone !== undefined).map((d) => [`--${d.flag}`, d.valueWhenAlone!]));
  if (alone.size === 0) return argv;
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    out.push(argv[i]!);
    if (argv[i] === '--') {
      out.push(...argv.slice(i + 1));
      break;
    }
    const value = alone.get(argv[i]!);
    if (value !== undefined && (i + 1 === argv.length || argv[i + 1]!.startsWith('-'))) out.push(value);
  }
  return out;
}

/** "--target" or "IAM_CONFORMANCE_TARGET", as the user gave it. */
function where(key: string, origins: Record<string, Origin>): string {
  const d = allOptions().find((o) => o.key === key)!;
  const origin = origins[key];
  return origin && origin !== 'default' ? name(d, origin) : d.flag ? `--${d.flag}` : d.env!;
}

function convert(d: OptionDecl, value: string | boolean | string[], origin: Origin): OptionValue {
  const label = name(d, origin);
  switch (d.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (['1', 'true', 'yes'].includes(String(value))) return true;
      if (['0', 'false', 'no'].includes(String(value))) return false;
      throw new PlanError(`${label} must be 1 or 0 (true or false), not "${String(value)}"`);
    case 'list': {
      const items = (Array.isArray(value) ? value : [String(value)]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
      const allowed = choicesOf(d);
      const bad = allowed && items.find((i) => !allowed.includes(i));
      if (bad) throw new PlanError(`${label}: unknown value "${bad}": one of ${allowed!.join(', ')}`);
      return items;
    }
    case 'integer':
    case 'number': {
      const n = Number(value);
      const ok = String(value).trim() !== '' && Number.isFinite(n) && (d.type === 'number' || Number.isInteger(n));
      if (!ok || (d.min !== undefined && n < d.min) || (d.max !== undefined && n > d.max)) {
        const range = d.min !== undefined && d.max !== undefined ? ` from ${d.min} to ${d.max}` : d.min !== undefined ? ` of at least ${d.min}` : '';
        throw new PlanError(`${label} must be a ${d.type === 'integer' ? 'whole number' : 'number'}${range}, not "${d.secret ? '…' : String(value)}"`);
      }
      return n;
    }
    default: {
      const s = String(value);
      const allowed = choicesOf(d);
      if (allowed && !allowed.includes(s)) throw new PlanError(`${label}: unknown value "${s}": one of ${allowed.join(', ')}`);
      return s;
    }
  }
}

/** A folder that can be created: neither it nor any folder above it is a regular file. */
function checkFolder(dir: string, what: string): void {
  for (let p = dir; ; p = dirname(p)) {
    if (existsSync(p)) {
      if (!statSync(p).isDirectory()) {
        throw new PlanError(p === dir ? `${what} ${dir} is a file, not a folder` : `${what} ${dir} cannot be created: ${p} is a file`);
      }
      return;
    }
    if (dirname(p) === p) return;
  }
}

function emptyPlan(argv: string[]): RunPlan {
  return {
    target: 'mock', client: 'js-sdk', targetOptions: {}, filter: {}, seed: DEFAULT_SEED, list: false, strict: false, reportDir: '', showSecrets: false,
    quiet: false, isolation: 'pooled', concurrency: 1, workers: 1, caseTimeoutMs: 1, requestTimeoutMs: 1, retry: { attempts: 1, delayMs: 0 }, runId: '', supervised: false, origins: {}, argv,
  };
}

/** A run's settings as an object (the programmatic API): the keys of the declarations, `operations: ['GetLoginProfile']`. */
export type RunSettings = Record<string, OptionValue | undefined>;

/**
 * planRun for a settings object: each setting goes where the CLI reads it (its flag, or the variable of a
 * setting that has no flag), so the checks, defaults and error messages are the CLI's own. Environment
 * variables still apply to what the object leaves out, as they do under `iam-conformance run`.
 */
export function planFromSettings(settings: RunSettings, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): RunPlan {
  const decls = allOptions().filter((d) => !d.internal);
  const argv: string[] = [];
  const environment: NodeJS.ProcessEnv = { ...env };
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    const d = decls.find((o) => o.key === key);
    if (!d) throw new PlanError(`unknown setting "${key}": one of ${decls.map((o) => o.key).join(', ')}`);
    if (!d.flag) {
      environment[d.env!] = Array.isArray(value) ? value.join(',') : String(value);
    } else if (d.type === 'boolean') {
      if (typeof value !== 'boolean') throw new PlanError(`setting "${key}" must be true or false, not ${JSON.stringify(value)}`);
      if (value) argv.push(`--${d.flag}`);
      else if (d.env) delete environment[d.env];
    } else {
      for (const v of Array.isArray(value) ? value : [value]) argv.push(`--${d.flag}=${String(v)}`);
    }
  }
  const plan = planRun(argv, environment, cwd);
  if (plan.help) throw new PlanError('--help is not a setting');
  return plan;
}
