import { basename, dirname } from 'node:path';
import { parse } from './args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { compareReports, comparisonMarkdown, comparisonTable } from '../compare/compare.ts';
import { readReport, ReportReadError } from '../report/read.ts';
import { readTranscript, TranscriptReadError, type TranscriptLine } from '../report/transcript.ts';
import { compareWire, wireTable } from '../compare/wire.ts';

export const COMPARE_HELP = `iam-conformance compare A.json B.json [...] [--markdown | --json]
iam-conformance compare --wire A B        (transcript.jsonl files, or the report folders holding them)

Lists the cases whose outcome, HTTP status or error code differ between reports: across targets (moto
against the mock against LocalStack) or across runs of one target (before and after an SDK upgrade).

  --markdown   a Markdown table instead of the terminal one
  --json       { columns, total, differing: [{ id, cells }] }

  --wire       compare two runs' transcripts (run --transcript): the steps whose request went on the
               wire differently (method, path, content type, parameters; run-made user names and
               per-run passwords aside)

Exit 0 when the reports agree, 1 when some cases differ, 2 for unreadable input.
`;

export async function compareCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse('compare', args, { markdown: { type: 'boolean' }, json: { type: 'boolean' }, wire: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(COMPARE_HELP);
    return EXIT.ok;
  }
  if (values.wire) return compareWireCommand(positionals, !!values.json);
  if (positionals.length < 2) throw new CliError('compare: give at least two report.json files', EXIT.usage);
  let reports;
  try {
    reports = positionals.map((file) => {
      const report = readReport(file);
      return { label: `${report.target.name}/${report.client.name} (${basename(dirname(file)) || file})`, report };
    });
  } catch (e) {
    if (e instanceof ReportReadError) throw new CliError(`compare: ${e.message}`, EXIT.usage);
    throw e;
  }
  const cmp = compareReports(reports);
  if (values.json) process.stdout.write(JSON.stringify(cmp, null, 2) + '\n');
  else process.stdout.write(values.markdown ? comparisonMarkdown(cmp) : comparisonTable(cmp));
  return cmp.differing.length === 0 ? EXIT.ok : EXIT.differences;
}

function compareWireCommand(paths: string[], json: boolean): number {
  if (paths.length !== 2) throw new CliError('compare --wire: give two transcripts (transcript.jsonl, or the report folders holding them)', EXIT.usage);
  let a, b;
  try {
    [a, b] = paths.map(readTranscript) as [TranscriptLine[], TranscriptLine[]];
  } catch (e) {
    if (e instanceof TranscriptReadError) throw new CliError(`compare --wire: ${e.message}`, EXIT.usage);
    throw e;
  }
  const cmp = compareWire(a, b);
  process.stdout.write(json ? JSON.stringify(cmp, null, 2) + '\n' : wireTable(cmp));
  return cmp.differing.length === 0 ? EXIT.ok : EXIT.differences;
}
