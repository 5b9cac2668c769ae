import { REPORT_FILES } from '../report/files.ts';

/**
 * The files of a certification bundle. RUN_REPORT_FILES are what a normal run writes into its report
 * folder (src/report/files.ts, the one list) and certify copies as they are.
 */
export const RUN_REPORT_FILES = REPORT_FILES;

/** What certify writes itself. */
export const PRODUCT_FILE = 'PRODUCT.yaml';
export const CASES_FILE = 'cases.json';
export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';

/** Every file a bundle must hold besides SHA256SUMS, which lists them all with their sha256. */
export const BUNDLE_FILES: readonly string[] = [PRODUCT_FILE, ...RUN_REPORT_FILES, CASES_FILE, MANIFEST_FILE];
