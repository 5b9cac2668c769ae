import type { Given, Source, Step } from '../specfile/types.ts';

export type CaseKind = 'constraint' | 'scenario' | 'wire';

/**
 * One runnable conformance case: the state it needs (`given`) and the requests it makes (`steps`),
 * each step with its expectation and evidence. Generated constraint cases and hand-written
 * scenarios have the same form, so one runner and one verdict serve both.
 */
export interface Case {
  /** Stable and readable: `ChangePassword/NewPassword/length-129`, `ChangePassword/no-login-profile`. */
  id: string;
  operation: string;
  kind: CaseKind;
  /** What varies or what happens, in words. */
  title: string;
  tags: string[];
  /** Changes account-level state (the password policy): runs alone, and the policy is restored after. */
  serial: boolean;
  /** Capabilities the target must offer, else the case is skipped with the reason. */
  requires: string[];
  given: Given;
  steps: Step[];
  /** The strongest source among the case's strict claims (for reports and filtering). */
  source: Source;
  /** For generated cases: the member and probe. */
  probe?: { member: string; name: string; valid: boolean };
}
