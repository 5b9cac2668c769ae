import { basename, dirname } from 'node:path';
import { parse } from './args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { compareReports, comparisonMarkdown, comparisonTable } from '../compare/compare.ts';
import { readReport, ReportReadError } from '../report/read.ts';

export const COMPARE_HELP = `iam-conformance compare A.json B.json [...] [--markdown | --json]

Lists the cases whose outcome, HTTP status or error code differ between reports: across targets (moto
against the mock against LocalStack) or across runs of one target (before and after an SDK upgrade).

  --markdown   a Markdown table instead of the terminal one
  --json       { columns, total, differing: [{ id, cells }] }

Exit 0 when the reports agree, 1 when some cases differ, 2 for unreadable input.
`;

export async function compareCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse('compare', args, { markdown: { type: 'boolean' }, json: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(COMPARE_HELP);
    return EXIT.ok;
  }
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
