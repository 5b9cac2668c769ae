import { specDigest } from '../certify/checksums.ts';
import { createRequire } from 'node:module';
import { CliError, EXIT } from '../exit-codes.ts';
import { planSelection, PlanError } from '../run/plan.ts';
import { selectCases } from '../run/select.ts';

const pkg = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };

export const EXPAND_HELP = `iam-conformance expand [options]

Prints the expanded cases as JSON on stdout: every case the specs define, with its setup, its steps and
each step's expectation and evidence, exactly as \`run\` executes them. The output is the same, byte for
byte, on every run: no run id, no clock; generated values come from the seed, which the JSON names.
Names that must be unique per run are templates (\`ic-\${run}-…\`) bound when a case executes.

  --operation OP   only these operations (repeat, or comma-separated)   $IAM_CONFORMANCE_OPERATIONS
  --tag TAG        only cases with one of these tags                    $IAM_CONFORMANCE_TAGS
  --id GLOB        only case ids matching (* within a segment, ** across) $IAM_CONFORMANCE_IDS
  --specs DIR      the spec folder (default: the package's)             $IAM_CONFORMANCE_SPECS
  --seed SEED      seed of the generated values (default: the suite's)  $IAM_CONFORMANCE_SEED
  --digest         print only the spec digest: sha256 of the JSON this prints without --digest

\`run --list\` with the same filters selects the same ids. Exit 0, or 2 for bad options or spec files.
`;

/** The expanded cases as one JSON document (with a final newline): what `expand` prints and its digest covers. */
export function casesJson(selection: Awaited<ReturnType<typeof selectCases>>, seed: string): string {
  const doc = { suite: { name: pkg.name, version: pkg.version }, seed, count: selection.cases.length, cases: selection.cases };
  return JSON.stringify(doc, null, 2) + '\n';
}

export async function expandCommand(args: string[]): Promise<number> {
  let selection;
  let plan;
  try {
    plan = planSelection(args, process.env, process.cwd(), [{ key: 'digest', flag: 'digest', type: 'boolean', help: 'print only the digest' }]);
    if (plan.help) {
      process.stdout.write(EXPAND_HELP);
      return EXIT.ok;
    }
    selection = await selectCases(plan);
  } catch (e) {
    if (e instanceof PlanError) throw new CliError(`expand: ${e.message}`, EXIT.usage);
    throw e;
  }
  const json = casesJson(selection, plan.seed);
  process.stdout.write(plan.raw.digest === true ? `${specDigest(json)}\n` : json);
  return EXIT.ok;
}
