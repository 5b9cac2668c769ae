import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from './args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { BaselineError, baselineFromReport, loadBaseline } from '../baseline/baseline.ts';
import { readReport, ReportReadError } from '../report/read.ts';
import { writeAtomic } from '../report/write.ts';

export const BASELINE_HELP = `iam-conformance baseline --from REPORT [--keep FILE] [--out FILE]

Writes a baseline listing every failed case of a report with how it failed and a one-line note, for
\`run --baseline FILE\`. Edit the notes to say why (link the emulator's issue when there is one).

  --from REPORT   a report.json from \`iam-conformance run\`
  --keep FILE     an earlier baseline of the same target: its entries for cases the report did not run
                  stay (a run of one family rewrites that family's part only)
  --out FILE      where to write it (default: standard output; may be the --keep file)
`;

export async function baselineCommand(args: string[]): Promise<number> {
  const { values } = parse('baseline', args, { from: { type: 'string' }, keep: { type: 'string' }, out: { type: 'string' } });
  if (values.help) {
    process.stdout.write(BASELINE_HELP);
    return EXIT.ok;
  }
  if (!values.from) throw new CliError('baseline: --from REPORT is required', EXIT.usage);
  let text: string;
  try {
    const keep = values.keep ? { file: values.keep, baseline: loadBaseline(values.keep) } : undefined;
    text = baselineFromReport(readReport(values.from), keep);
  } catch (e) {
    if (e instanceof ReportReadError || e instanceof BaselineError) throw new CliError(`baseline: ${e.message}`, EXIT.usage);
    throw e;
  }
  if (values.out) {
    try {
      mkdirSync(dirname(values.out), { recursive: true }); // a new target's or version's folder
      writeAtomic(values.out, text);
    } catch (e) {
      throw new CliError(`baseline: cannot write ${values.out}: ${(e as Error).message}`, EXIT.usage);
    }
  }
  else process.stdout.write(text);
  return EXIT.ok;
}
