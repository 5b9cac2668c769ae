import { parse } from './args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { mergeReports, MergeError } from '../report/merge.ts';
import { readReport, ReportReadError } from '../report/read.ts';
import { writeReports } from '../report/write.ts';
import { loadSpecs } from '../specfile/load.ts';
import { reportExitCode } from './report-exit-code.ts';
import { resolve } from 'node:path';

export const MERGE_HELP = `iam-conformance merge-reports SHARD.json [...] --report-dir DIR [--specs DIR]

Joins the report.json files of the shards of one run (run --shard I/N on each machine) into one report,
written in every format (report.json, report.md, junit.xml, report.html) to DIR: the same cases and
summary as one run over all of them. Every shard of the split must be given, each complete. Exit codes
as for run: 0 when the merged run passed, 1 when it has failures (with a baseline: new failures or
unexpected passes), 3 when some case could not be carried out, 2 for unreadable, mismatched or
incomplete input.

  --report-dir DIR   where the merged reports go (required)
  --specs DIR        the spec folder the run used (default: the package's), for coverage and spec lines
`;

export async function mergeReportsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse('merge-reports', args, { 'report-dir': { type: 'string' }, specs: { type: 'string' } });
  if (values.help) {
    process.stdout.write(MERGE_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new CliError('merge-reports: give the report.json of each shard', EXIT.usage);
  if (!values['report-dir']) throw new CliError('merge-reports: --report-dir DIR says where the merged reports go', EXIT.usage);
  let merged;
  try {
    const inputs = positionals.map((file) => ({ file, report: readReport(file) }));
    merged = mergeReports(inputs, loadSpecs(values.specs ? resolve(values.specs) : undefined));
  } catch (e) {
    if (e instanceof ReportReadError || e instanceof MergeError) throw new CliError(`merge-reports: ${e.message}`, EXIT.usage);
    throw e;
  }
  const s = merged.summary;
  process.stdout.write(`${positionals.length} reports merged: ${s.total} cases: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.errored} errored\n`);
  // Where each report went: on stderr, as run says it.
  for (const file of writeReports(resolve(values['report-dir']), merged)) process.stderr.write(`report written: ${file}\n`);
  return reportExitCode(merged);
}
