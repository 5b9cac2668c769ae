import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** CHANGELOG.md, shipped in the package: its list of suite versions is all verify-bundle knows. */
export const CHANGELOG_PATH = fileURLToPath(new URL('../../CHANGELOG.md', import.meta.url));

export interface SuiteVersion {
  version: string;
  /** `sha256:<hex>`: the digest of `iam-conformance expand` at that version (default seed). */
  digest: string;
}

/** A version heading: `## 0.1.0 — spec digest sha256:<64 hex>`. */
const ENTRY = /^## (\S+)\s.*?spec digest (sha256:[0-9a-f]{64})\s*$/;

/** Every suite version CHANGELOG.md lists, newest first (as the file lists them). */
export function knownSuiteVersions(text = readFileSync(CHANGELOG_PATH, 'utf8')): SuiteVersion[] {
  return text.split('\n').flatMap((line) => {
    const m = ENTRY.exec(line);
    return m ? [{ version: m[1]!, digest: m[2]! }] : [];
  });
}
