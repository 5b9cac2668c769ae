import type { ClientRejected } from '../clients/types.ts';
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

/**
 * The client refused to send a request (botocore's parameter validation, say): the target never saw it,
 * so the case has no verdict. Its outcome is `client-rejected`, never a target failure.
 */
export class ClientRefused extends Error {
  readonly call: string;
  readonly rejected: ClientRejected;
  constructor(call: string, rejected: ClientRejected) {
    super(`${call}: the client refused to send it (${rejected.clientError.name}): ${rejected.message}`);
    this.name = 'ClientRefused';
    this.call = call;
    this.rejected = rejected;
  }
}
