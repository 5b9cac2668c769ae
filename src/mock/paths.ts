import { IamError } from './errors.ts';
import type { Constraint } from './constraints.ts';
import type { Input } from './validate.ts';

/**
 * IAM's own check of a path, after validation and authentication. Recorded for CreateVirtualMFADevice
 * ('invalid-path/' and '/invalid-path': test_iam_mfa.snapshot.json, create-invalid-path-no-*-slash-error):
 * code ValidationError, but not the validator's wording, so the model's pattern is not what refuses them.
 * The form is the documented one: begins and ends with `/`, characters U+0021 to U+007F between (the
 * docs include DEL, which the model's pattern leaves out).
 */
const DOCUMENTED_PATH = /^\/(?:[\u0021-\u007F]*\/)?$/;
const MESSAGE = 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.';

export function checkPaths(input: Input, constraints: Record<string, Constraint>): void {
  for (const [name, c] of Object.entries(constraints)) {
    const value = input[name];
    if (c.path && typeof value === 'string' && !DOCUMENTED_PATH.test(value)) throw new IamError('ValidationError', 400, MESSAGE);
  }
}
