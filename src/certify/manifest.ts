import type { Report } from '../report/types.ts';
import type { MissingGroup } from './missing.ts';
import type { OpenQuestionCounts } from './open-questions.ts';
import type { Product } from './product.ts';
import { countOutcomes, type CertificationCounts, type CertificationResult } from './result.ts';

/** Bump when manifest.json changes in a way its readers (verify-bundle) could notice. */
export const MANIFEST_VERSION = '1';

/** manifest.json: what was certified, by which suite version and cases, against what, and the result. */
export interface Manifest {
  manifestVersion: string;
  suite: { name: string; version: string };
  /** `sha256:<hex>` of cases.json, byte for byte: what `iam-conformance expand --digest` prints. */
  specDigest: string;
  seed: string;
  product: Pick<Product, 'vendor' | 'product' | 'version'>;
  /** The target as the run saw it: its kind, endpoint and the version it reported (null: none reported). */
  target: { name: string; endpoint: string | null; version: string | null };
  client: { name: string; version: string };
  strict: boolean;
  startedAt: string;
  endedAt: string;
  result: CertificationResult;
  counts: CertificationCounts;
  /** Cases that were not judged, grouped by reason (empty when certified). */
  missing: MissingGroup[];
  /** docs/open-questions.md's counts: how much of the suite rests on inference. */
  openQuestions: OpenQuestionCounts;
  /** The other files of the bundle, as SHA256SUMS lists them. */
  files: string[];
}

export function buildManifest(input: {
  report: Report;
  suite: { name: string; version: string };
  specDigest: string;
  product: Product;
  startedAt: Date;
  endedAt: Date;
  result: CertificationResult;
  missing: MissingGroup[];
  openQuestions: OpenQuestionCounts;
  files: string[];
}): Manifest {
  const { report } = input;
  const { other: _other, ...counts } = countOutcomes(report.cases);
  return {
    manifestVersion: MANIFEST_VERSION,
    suite: input.suite,
    specDigest: input.specDigest,
    seed: report.seed ?? '',
    product: { vendor: input.product.vendor, product: input.product.product, version: input.product.version },
    target: { name: report.target.name, endpoint: report.target.endpoint ?? null, version: report.target.version ?? null },
    client: report.client,
    strict: report.strict,
    startedAt: input.startedAt.toISOString(),
    endedAt: input.endedAt.toISOString(),
    result: input.result,
    counts,
    missing: input.missing,
    openQuestions: input.openQuestions,
    files: input.files,
  };
}
