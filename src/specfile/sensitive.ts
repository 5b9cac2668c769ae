import type { SpecSet } from './types.ts';

/**
 * Names of members whose values are secrets: every member of a sensitive shape, and the secrets IAM
 * returns (the model marks them sensitive): access key secrets, service-specific credentials' passwords.
 */
export function sensitiveMembers(specs: SpecSet): Set<string> {
  const names = new Set(['SecretAccessKey', 'ServicePassword', 'ServiceCredentialSecret']);
  for (const op of specs.operations) {
    for (const m of op.input) if (specs.shapes.get(m.shape)?.sensitive) names.add(m.name);
  }
  return names;
}
