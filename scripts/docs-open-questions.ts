/**
 * npm run docs:open-questions — rewrites docs/open-questions.md from the specs: every inferred
 * expectation, every message text backed only by user reports, every untriggerable operation/error pair.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expandCases } from '../src/cases/expand.ts';
import { openQuestions, openQuestionsMarkdown } from '../src/certify/open-questions.ts';
import { DEFAULT_SEED } from '../src/run/plan.ts';
import { loadSpecs } from '../src/specfile/load.ts';

const DOC = fileURLToPath(new URL('../docs/open-questions.md', import.meta.url));
const specs = loadSpecs();
const questions = openQuestions(specs, expandCases(specs, { seed: DEFAULT_SEED }));
writeFileSync(DOC, openQuestionsMarkdown(questions));
process.stdout.write(`docs/open-questions.md: ${questions.length} open questions written\n`);
