import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSums } from '../../src/certify/checksums.ts';

/** A copy of a bundle to tamper with, in a folder of its own. */
export function copyBundle(dir: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'ic-bundle-copy-')), 'bundle');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** Rewrites SHA256SUMS to match the files as they are now: what someone covering an edit would do. */
export function recomputeSums(dir: string): void {
  const files = new Map(readdirSync(dir).filter((n) => n !== 'SHA256SUMS').map((n) => [n, readFileSync(join(dir, n))] as const));
  writeFileSync(join(dir, 'SHA256SUMS'), formatSums(files));
}

export const PRODUCT_YAML = `vendor: Example Corp
product: Example IAM
version: 2.4.1
url: https://iam.example.com
contact: conformance@example.com
description: An IAM-compatible service for private clouds.
`;

export function productFile(text = PRODUCT_YAML): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ic-product-')), 'product.yaml');
  writeFileSync(file, text);
  return file;
}
