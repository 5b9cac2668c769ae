import { fileURLToPath } from 'node:url';

/** The specs shipped with the package (a module of its own: knowing where they are costs no YAML parser). */
export const DEFAULT_SPEC_DIR = fileURLToPath(new URL('../../specs/iam/', import.meta.url));
