import { randomBytes } from 'node:crypto';

/**
 * How a run names what it creates. Every user a run creates is named `ic-<run id>-…`, lives under
 * `/iam-conformance/<run id>/` and (in a shared account) carries the run-id tag: a run touches only its
 * own users, and `cleanup` can find them again.
 */

/** A run id: exactly six lower-case letters and digits, so every name built from it has a fixed length. */
export const RUN_ID_PATTERN = /^[a-z0-9]{6}$/;

export function newRunId(): string {
  // Short (it prefixes user names, max 64 chars) and lower-case (IAM names are case-insensitive).
  return randomBytes(3).toString('hex');
}

/** Every user name a run creates starts with this (always 10 characters: see RUN_ID_PATTERN). */
export function namePrefix(runId: string): string {
  return `ic-${runId}-`;
}

export function userPathFor(runId: string): string {
  return `/iam-conformance/${runId}/`;
}

/** The tag every user of a run in a shared account carries. */
export const RUN_TAG_KEY = 'iam-conformance:run-id';

/** The 12-digit account id inside an IAM ARN, or undefined. */
export function accountIdFromArn(arn: string | undefined): string | undefined {
  return arn ? /^arn:[^:]+:iam::(\d+):/.exec(arn)?.[1] : undefined;
}
