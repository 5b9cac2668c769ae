import { CLIENTS } from '../clients/index.ts';
import { TARGETS } from '../targets/index.ts';
import { choicesOf, type OptionDecl } from '../settings.ts';
import { COMMON_OPTIONS } from './options.ts';

const GROUPS: Array<[string, string[]]> = [
  ['Target and client', ['target', 'client', 'region']],
  ['Which cases', ['operations', 'families', 'tags', 'ids', 'specs', 'seed', 'list', 'rerunFailed', 'shard']],
  ['Verdicts and reports', ['strict', 'baseline', 'reportDir', 'showSecrets', 'record', 'recordDir', 'quiet', 'transcript']],
  ['Pace and patience', ['isolation', 'concurrency', 'workers', 'caseTimeoutMs', 'requestTimeoutMs', 'retryAttempts', 'retryDelayMs', 'runId']],
  ['Machine', ['toolsDir']],
];

/** One option as help shows it: flag and value, then its meaning, variable and default. */
function line(d: OptionDecl): string {
  const head = d.flag ? `--${d.flag}${d.value ? ` ${d.value}` : ''}` : d.env!;
  const choices = choicesOf(d);
  const extra = [
    choices && choices.length <= 4 ? `one of: ${choices.join(', ')}` : undefined,
    d.flag && d.env ? `$${d.env}` : undefined,
    d.defaultText ? `default: ${d.defaultText}` : undefined,
  ].filter(Boolean);
  const text = `  ${head.padEnd(30)} ${d.help}`;
  return extra.length ? `${text}\n  ${''.padEnd(30)} (${extra.join('; ')})` : text;
}

/**
 * `iam-conformance run --help`, made from the option declarations (src/run/options.ts and each target
 * adapter's), so it lists every flag and environment variable the run reads, and nothing else.
 */
export function runHelp(): string {
  const byKey = new Map(COMMON_OPTIONS.map((d) => [d.key, d]));
  const out = ['iam-conformance run [options]', '', 'Runs the conformance cases against a target and reports, case by case, where it differs from AWS.', ''];
  for (const [title, keys] of GROUPS) {
    out.push(title);
    for (const k of keys) out.push(line(byKey.get(k)!));
    out.push('');
  }
  out.push('Targets (--target NAME), each with its own settings');
  for (const t of TARGETS) {
    out.push(`  ${t.name.padEnd(12)} ${t.summary}`);
    for (const d of t.options.filter((o) => !o.internal)) out.push(`  ${line(d)}`);
  }
  out.push('', 'Clients (--client NAME)');
  for (const [name, c] of Object.entries(CLIENTS)) out.push(`  ${name.padEnd(12)} ${c.summary}`);
  out.push(
    '',
    'A flag wins over its environment variable; the variables work the same under plain `npx vitest --project conformance`.',
    '',
    'Exit codes: 0 conformant (or exactly as the baseline says), 1 differences from AWS, 2 usage or spec error,',
    '3 the run could not be carried out (target down, engine missing, cases that could not run).',
    '',
  );
  return out.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The README's tables of targets and settings, made from the same declarations as `run --help`
 * (test/run/readme.test.ts keeps the README equal to it; `npm run docs:settings` rewrites it).
 */
export function settingsMarkdown(): string {
  const row = (d: OptionDecl) =>
    `| ${d.flag ? `\`--${d.flag}${d.value ? ` ${cell(d.value)}` : ''}\`` : ''} | ${d.env ? `\`${d.env}\`` : ''} | ${cell(d.help)}${d.defaultText ? ` (default: ${cell(d.defaultText)})` : ''} |`;
  const out = ['| target | what it is |', '|---|---|', ...TARGETS.map((t) => `| \`${t.name}\` | ${cell(t.summary)} |`), ''];
  out.push('| flag | environment variable | meaning |', '|---|---|---|');
  for (const [title, keys] of GROUPS) {
    out.push(`| **${title.toLowerCase()}** | | |`);
    for (const k of keys) out.push(row(COMMON_OPTIONS.find((d) => d.key === k)!));
  }
  for (const t of TARGETS) {
    out.push(`| **target ${t.name}** | | |`);
    for (const d of t.options.filter((o) => !o.internal)) out.push(row(d));
  }
  return out.join('\n') + '\n';
}
