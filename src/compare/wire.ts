import type { TranscriptLine } from '../report/transcript.ts';

/**
 * `compare --wire a b`: the steps whose request went on the wire differently in two transcripts
 * (before and after an SDK upgrade, say: a serializer change shows up here). What belongs to one run
 * is left out of the comparison: user names made by the run (`ic-<run id>-…`) stand for "a user of the
 * run", and sensitive values are compared by length only (most passwords are generated fresh in every
 * run; the transcript's short hash is there for a person comparing one case by hand).
 */
export interface WireDifference {
  case: string;
  step: number;
  call: string;
  /** What differs: `method`, `path`, `contentType`, `action` or `param NAME`, with both sides. */
  fields: Array<{ field: string; a: unknown; b: unknown }>;
}

const RUN_NAME = /^ic-[a-z0-9]{6}-/;

function comparable(value: unknown): unknown {
  if (typeof value === 'string') return RUN_NAME.test(value) ? '<user of the run>' : value;
  if (value && typeof value === 'object' && 'length' in value) return { length: (value as { length: number }).length };
  return value;
}

export function compareWire(a: TranscriptLine[], b: TranscriptLine[]): { total: number; differing: WireDifference[] } {
  const key = (l: TranscriptLine) => `${l.case}#${l.step}`;
  const bIndex = new Map(b.map((l) => [key(l), l]));
  const aIndex = new Map(a.map((l) => [key(l), l]));
  const keys = [...new Set([...aIndex.keys(), ...bIndex.keys()])].sort();
  const differing: WireDifference[] = [];
  for (const k of keys) {
    const x = aIndex.get(k);
    const y = bIndex.get(k);
    const line = (x ?? y)!;
    const fields: WireDifference['fields'] = [];
    if (!x || !y) fields.push({ field: 'request', a: x ? 'sent' : '(not sent)', b: y ? 'sent' : '(not sent)' });
    else {
      for (const f of ['method', 'path', 'contentType', 'action'] as const) if (x[f] !== y[f]) fields.push({ field: f, a: x[f], b: y[f] });
      for (const name of [...new Set([...Object.keys(x.params), ...Object.keys(y.params)])].sort()) {
        const va = comparable(x.params[name]);
        const vb = comparable(y.params[name]);
        if (JSON.stringify(va) !== JSON.stringify(vb)) fields.push({ field: `param ${name}`, a: x.params[name] ?? '(absent)', b: y.params[name] ?? '(absent)' });
      }
    }
    if (fields.length) differing.push({ case: line.case, step: line.step, call: line.call, fields });
  }
  return { total: keys.length, differing };
}

export function wireTable(cmp: ReturnType<typeof compareWire>): string {
  const out: string[] = [];
  for (const d of cmp.differing) {
    out.push(`${d.case} step ${d.step} ${d.call}`);
    for (const f of d.fields) out.push(`  ${f.field}: ${JSON.stringify(f.a)} -> ${JSON.stringify(f.b)}`);
  }
  out.push('', `${cmp.differing.length} of ${cmp.total} requests went on the wire differently`);
  return out.join('\n') + '\n';
}
