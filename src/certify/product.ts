import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/** What a vendor says about the product it certifies (product.yaml; its schema: product.schema.json). */
export interface Product {
  vendor: string;
  product: string;
  version: string;
  url: string;
  contact: string;
  description?: string;
  documentation?: string;
}

const SCHEMA_PATH = fileURLToPath(new URL('./product.schema.json', import.meta.url));
let validate: ValidateFunction | undefined;

/** product.yaml cannot be used: every problem, each naming the field and what is wrong. */
export class ProductError extends Error {
  readonly file: string;
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'ProductError';
    this.file = file;
    this.problems = problems;
  }
}

/** One problem per ajv error, in the vendor's words: the field, then what is wrong with it. */
function describe(e: ErrorObject): string {
  const field = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  switch (e.keyword) {
    case 'required':
      return `field "${(e.params as { missingProperty: string }).missingProperty}" is missing (required: vendor, product, version, url, contact)`;
    case 'additionalProperties':
      return `field "${(e.params as { additionalProperty: string }).additionalProperty}" is not known (allowed: vendor, product, version, url, contact, description, documentation)`;
    case 'type':
      return field ? `field "${field}" must be text` : 'the file must be a mapping of fields (vendor: ..., product: ...)';
    case 'minLength':
      return `field "${field}" is empty`;
    case 'maxLength':
      return `field "${field}" is longer than ${(e.params as { limit: number }).limit} characters`;
    case 'pattern':
      return field === 'contact' ? 'field "contact" must be an e-mail address or an http(s) URL' : `field "${field}" must be an http(s) URL`;
    default:
      return `field "${field || '/'}": ${e.message}`;
  }
}

/** The problems of a product document (empty when it is valid). */
export function productProblems(data: unknown): string[] {
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  return validate(data) ? [] : validate.errors!.map(describe);
}

/** Reads and checks product.yaml: the product and the file's exact text (the bundle keeps it as written). */
export function readProduct(file: string): { product: Product; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProductError(file, [`cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    throw new ProductError(file, [`not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  const problems = productProblems(data);
  if (problems.length > 0) throw new ProductError(file, problems);
  return { product: data as Product, text };
}
