/**
 * npm run docs:coverage — rewrites docs/coverage.md: every operation of the IAM model, what the model
 * constrains, the cases the specs give and what the reference emulator models.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expandCases } from '../src/cases/expand.ts';
import { coverageMarkdown, modelCoverage } from '../src/run/model-coverage.ts';
import { DEFAULT_SEED } from '../src/run/plan.ts';
import { loadSpecs } from '../src/specfile/load.ts';

const DOC = fileURLToPath(new URL('../docs/coverage.md', import.meta.url));
const cases = expandCases(loadSpecs(), { seed: DEFAULT_SEED });
const rows = modelCoverage(cases);
writeFileSync(DOC, coverageMarkdown(rows, cases));
process.stdout.write(`docs/coverage.md: ${rows.length} operations written\n`);
