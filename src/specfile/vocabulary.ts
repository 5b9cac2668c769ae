/**
 * Names the spec files may use beyond their own declarations.
 */

/** Errors any awsQuery operation can answer, whatever its model lists, with the status AWS gives them. */
export const COMMON_ERRORS: Readonly<Record<string, number>> = {
  ValidationError: 400,
  AccessDenied: 403,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  MissingAuthenticationToken: 403,
  InvalidAction: 400,
  Throttling: 400,
};

/** Operations a scenario may call for setup or observation besides the specified ones. */
export const SUPPORT_OPERATIONS = new Set([
  'CreateUser',
  'GetUser',
  'DeleteUser',
  'CreateAccessKey',
  'DeleteAccessKey',
  'PutUserPolicy',
  'DeleteUserPolicy',
  'AttachUserPolicy',
  'DetachUserPolicy',
]);

/**
 * Callers every case has: the target's administrator, the root user (when offered), a key the target
 * never issued, and the case user's key id signed with a wrong secret.
 */
export const BUILTIN_CALLERS = new Set(['admin', 'root', 'unknownKey', 'wrongSecret']);

/** `${name}` or `${name.field}` inside a template string. */
export const TEMPLATE_REF = /\$\{([A-Za-z][A-Za-z0-9]*)(?:\.([A-Za-z0-9]+))?\}/g;

/** Fields of a scenario user a template may read. */
export const USER_FIELDS = new Set(['name', 'password', 'arn']);
