import { parse } from './args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { loadSpecs, DEFAULT_SPEC_DIR } from '../specfile/load.ts';
import { checkAgainstModel } from '../specfile/model-check.ts';
import { expandCases } from '../cases/expand.ts';
import { DEFAULT_SEED } from '../run/plan.ts';

export const VALIDATE_HELP = `iam-conformance validate [--specs DIR] [--model FILE]

Checks every spec file: YAML syntax, the JSON Schema (specs/schema/), and the rules a schema cannot
state (shape references, error codes, unique ids, regexes). With --model, also compares every
constraint and modelled error with the official IAM Smithy model (JSON AST).

  --specs DIR    spec folder (default: the specs shipped with the tool)
  --model FILE   the Smithy JSON model to cross-check against, e.g. iam-2010-05-08.json

Exit 0 when everything agrees, 2 with each problem's file, place and reason otherwise.
`;

export async function validateCommand(args: string[]): Promise<number> {
  const { values } = parse('validate', args, { specs: { type: 'string' }, model: { type: 'string' } });
  if (values.help) {
    process.stdout.write(VALIDATE_HELP);
    return EXIT.ok;
  }
  const specs = loadSpecs(values.specs ?? DEFAULT_SPEC_DIR);
  const cases = expandCases(specs, { seed: DEFAULT_SEED });
  const scenarios = specs.operations.reduce((n, op) => n + op.scenarios.length, 0);
  process.stdout.write(`${specs.operations.length} operations, ${specs.shapes.size} shapes, ${scenarios} scenarios, ${cases.length} cases: the spec files are valid\n`);
  if (!values.model) return EXIT.ok;
  let result;
  try {
    result = checkAgainstModel(specs, values.model);
  } catch (e) {
    throw new CliError((e as Error).message, EXIT.usage);
  }
  for (const m of result.mismatches) {
    process.stdout.write(`mismatch: ${m.operation} ${m.where}: spec ${JSON.stringify(m.spec)}, model ${JSON.stringify(m.model)}\n`);
  }
  process.stdout.write(`${result.checked} facts compared with ${values.model}: ${result.mismatches.length} mismatches\n`);
  return result.mismatches.length === 0 ? EXIT.ok : EXIT.usage;
}
