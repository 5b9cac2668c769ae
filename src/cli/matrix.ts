import { dirname, join, resolve } from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { parse } from './args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { baselineHistory } from '../baseline/history.ts';
import { BaselineError } from '../baseline/baseline.ts';
import { buildMatrix, matrixMarkdown } from '../report/matrix.ts';
import { matrixHtml, relativeLink } from '../report/matrix-html.ts';
import { readReport, ReportReadError } from '../report/read.ts';
import { writeAtomic } from '../report/write.ts';

export const MATRIX_HELP = `iam-conformance matrix REPORT.json [...] --out FILE [--differing] [--history DIR]

Cases x columns (one column per report: a target at a version, through a client), each cell the case's
outcome there, rows grouped by the causes they fail with. FILE ending in .html gives a page with a switch
"only rows where the columns differ" (cells link to each report's report.html); .md gives Markdown with
each target's main deviations in a form to file with its maintainers.

  --out FILE       matrix.html or matrix.md (required)
  --differing      Markdown: only rows where the columns differ
  --history DIR    Markdown: each target's history from the baselines in DIR (<target>/<version>.yaml)
  --title TEXT     Markdown: the page's title
`;

export async function matrixCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse('matrix', args, {
    out: { type: 'string' },
    differing: { type: 'boolean' },
    history: { type: 'string' },
    title: { type: 'string' },
    intro: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(MATRIX_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new CliError('matrix: give one or more report.json files', EXIT.usage);
  const out = values.out ? resolve(values.out) : undefined;
  if (!out || !/\.(html|md)$/.test(out)) throw new CliError('matrix: --out FILE, ending in .html or .md, says what to write', EXIT.usage);
  let inputs;
  try {
    inputs = positionals.map((file) => ({ file, report: readReport(file) }));
  } catch (e) {
    if (e instanceof ReportReadError) throw new CliError(`matrix: ${e.message}`, EXIT.usage);
    throw e;
  }
  const matrix = buildMatrix(inputs);
  mkdirSync(dirname(out), { recursive: true });
  if (out.endsWith('.html')) {
    const columns = matrix.columns.map((c) => {
      const html = join(dirname(resolve(c.file)), 'report.html');
      return existsSync(html) ? { ...c, html: relativeLink(out, html) } : c;
    });
    writeAtomic(out, matrixHtml({ ...matrix, columns }));
  } else {
    let history;
    try {
      history = values.history ? baselineHistory(resolve(values.history)) : undefined;
    } catch (e) {
      if (e instanceof BaselineError) throw new CliError(`matrix: --history: ${e.message}`, EXIT.usage);
      throw e;
    }
    writeAtomic(out, matrixMarkdown(matrix, inputs.map((i) => i.report), { differingOnly: values.differing === true, ...(history ? { history } : {}), ...(values.title ? { title: values.title } : {}), ...(values.intro ? { intro: values.intro } : {}) }));
  }
  process.stdout.write(`matrix written: ${out} (${matrix.total} cases × ${matrix.columns.length} columns, ${matrix.differing} rows differ)\n`);
  return EXIT.ok;
}
