import type { Case } from '../cases/types.ts';
import type { Claim, Expectation, Source, SpecSet } from '../specfile/types.ts';

/**
 * What the suite asserts without settled evidence, gathered from the specs and their expanded cases:
 * docs/open-questions.md lists them, a certification's manifest counts them. Three kinds:
 * - `inferred`: an expectation (a step, a `likely` claim or a message) whose source is `inferred`;
 * - `should-only`: message text whose evidence is a user report: a note even under --strict;
 * - `untriggerable`: an operation/error pair no request provokes on demand, so no case exercises it.
 */
export type OpenQuestionKind = 'inferred' | 'should-only' | 'untriggerable';

export interface OpenQuestion {
  kind: OpenQuestionKind;
  operation: string;
  /** The case and step (1-based) it comes from, or the error code for an untriggerable pair. */
  where: string;
  /** What is claimed, in one line. */
  claim: string;
  /** The evidence or reasoning the spec gives. */
  evidence?: string;
  /** What would settle it. */
  settle: string;
}

export type OpenQuestionCounts = Record<OpenQuestionKind, number> & { total: number };

const recordIt = (caseId: string) =>
  `an AWS recording of this request (\`iam-conformance run --target aws --allow-aws-account ID --record --id '${caseId}'\`) or a documentation page that states the answer`;

function describe(e: Expectation): string {
  const parts: string[] = [];
  if (e.outcome === 'success') parts.push('succeeds');
  if (e.error) parts.push(`error ${e.error}`);
  if (e.status) parts.push(`HTTP ${e.status}`);
  if (e.notError) parts.push(`not ${e.notError}`);
  if (e.outcome === 'error' && !e.error && !e.notError) parts.push('an error');
  if (e.message !== undefined) parts.push(`message "${e.message}"`);
  if (e.output) parts.push('output members as given');
  if (e.absent) parts.push(`absent: ${e.absent.join(', ')}`);
  return parts.join(', ') || 'as given';
}

const withoutMessage = ({ message: _m, ...rest }: Expectation): Expectation => rest;

/** The open questions of one claim of a step: the claim itself when inferred, else its message when weak. */
function fromClaim(c: Case, step: number, claim: Claim, likely: boolean): OpenQuestion[] {
  const where = `${c.id} step ${step}${likely ? ' (likely)' : ''}`;
  const base = { operation: c.operation, where, ...(claim.evidence ? { evidence: claim.evidence } : {}), settle: recordIt(c.id) };
  if (claim.source === 'inferred') return [{ kind: 'inferred', ...base, claim: describe(claim.expect) }];
  if (claim.expect.message === undefined) return [];
  const messageSource: Source = claim.messageSource ?? claim.source;
  const message = `message "${claim.expect.message}" (besides ${describe(withoutMessage(claim.expect))}, which is settled)`;
  if (messageSource === 'inferred') return [{ kind: 'inferred', ...base, claim: message }];
  if (messageSource === 'user-report') return [{ kind: 'should-only', ...base, claim: message }];
  return [];
}

/** Every open question, in a stable order: the cases' steps in expansion order, then the untriggerable pairs. */
export function openQuestions(specs: SpecSet, cases: readonly Case[]): OpenQuestion[] {
  const questions: OpenQuestion[] = [];
  for (const c of cases) {
    c.steps.forEach((s, i) => {
      questions.push(...fromClaim(c, i + 1, s, false));
      if (s.likely) questions.push(...fromClaim(c, i + 1, s.likely, true));
    });
  }
  for (const op of specs.operations) {
    for (const e of op.errors) {
      if (!e.untriggerable) continue;
      questions.push({
        kind: 'untriggerable',
        operation: op.operation,
        where: `${op.operation} ${e.code}`,
        claim: `${op.operation} may answer ${e.code} (HTTP ${e.status}); no case exercises it`,
        evidence: e.untriggerable,
        settle: `a documentation page or an AWS recording of a request that provokes ${e.code} from ${op.operation}; then a case for it`,
      });
    }
  }
  return questions;
}

export function countOpenQuestions(questions: readonly OpenQuestion[]): OpenQuestionCounts {
  const counts = { inferred: 0, 'should-only': 0, untriggerable: 0, total: questions.length };
  for (const q of questions) counts[q.kind]++;
  return counts;
}

const HEADINGS: Record<OpenQuestionKind, string> = {
  inferred: 'Inferred expectations (compared as notes, never failing a case)',
  'should-only': 'Message text backed only by user reports (a note even under --strict)',
  untriggerable: 'Operation/error pairs no request provokes on demand (no case exercises them)',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** docs/open-questions.md: generated, never edited by hand (npm run docs:open-questions rewrites it). */
export function openQuestionsMarkdown(questions: readonly OpenQuestion[]): string {
  const counts = countOpenQuestions(questions);
  const out = [
    '# Open questions',
    '',
    '<!-- Generated from specs/iam/ by `npm run docs:open-questions`; a unit test keeps it current. Do not edit. -->',
    '',
    'What the suite asserts without settled evidence about AWS. A certification rests on the rest; its',
    "manifest.json counts these (`openQuestions`), so a reader sees how much of it is inference. Each entry says what",
    'would settle it: usually an AWS recording (`--target aws --record`, docs/aws.md) or a documentation page.',
    '',
    `${counts.total} open questions: ${counts.inferred} inferred, ${counts['should-only']} message texts backed only by user reports, ${counts.untriggerable} untriggerable errors.`,
  ];
  for (const kind of Object.keys(HEADINGS) as OpenQuestionKind[]) {
    const list = questions.filter((q) => q.kind === kind);
    out.push('', `## ${HEADINGS[kind]} (${list.length})`, '');
    if (list.length === 0) {
      out.push('None.');
      continue;
    }
    out.push('| where | claim | evidence so far | what would settle it |', '|---|---|---|---|');
    for (const q of list) out.push(`| \`${cell(q.where)}\` | ${cell(q.claim)} | ${cell(q.evidence ?? '(none given)')} | ${cell(q.settle)} |`);
  }
  return out.join('\n') + '\n';
}
