import type { Client } from '../clients/types.ts';
import type { SessionInfo } from '../targets/types.ts';
import type { PolicySnapshot } from './account-policy.ts';

/** Everything a case needs from the run it belongs to. */
export interface RunContext {
  session: SessionInfo;
  client: Client;
  runId: string;
  /** Every user the run creates is named with this prefix ... */
  namePrefix: string;
  /** ... and lives under this IAM path. */
  userPath: string;
  /** The account id, when known (from the target, or the first user created). */
  accountId?: string;
  strict: boolean;
  showSecrets: boolean;
  /** Members whose values are secrets (from the shapes marked sensitive). */
  sensitiveMembers: ReadonlySet<string>;
  /** Bounded retries for eventual consistency on targets that have it. */
  retry: { attempts: number; delayMs: number };
  /**
   * The account password policy found before the serial cases: each serial case that does not set a
   * policy of its own starts from it, whatever the case before it left behind.
   */
  accountPolicyBaseline?: PolicySnapshot;
  /** A fresh name for a case user; unique within the run. */
  nextUserName(): string;
}

export function userPathFor(runId: string): string {
  return `/iam-conformance/${runId}/`;
}

/** An error of the run: the case could not be carried out. Never a conformance verdict. */
export class RunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunError';
  }
}

/** Setup was answered with an error: the target's behaviour, so the case fails with it. */
export class SetupRefused extends Error {
  readonly call: string;
  readonly status: number;
  readonly code?: string;
  readonly detail?: string;
  constructor(call: string, status: number, code: string | undefined, detail: string | undefined) {
    super(`setup: ${call} answered ${status} ${code ?? '(no code)'}${detail ? `: ${detail}` : ''}`);
    this.name = 'SetupRefused';
    this.call = call;
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}
