import { IamError } from './errors.ts';

/**
 * The checks IAM makes of a policy document before it stores one, and AWS's MalformedPolicyDocument
 * answers. `use` says what the document is: an identity policy (inline or managed) or a role's trust
 * policy, whose rules differ (a trust policy names a principal and no resource; an identity policy the
 * other way round).
 *
 * The texts are recorded: test_iam_policies.snapshot.json test_create_policy_invalid_document[invalid-N]
 * (CreatePolicy; N after each text below), test_iam_roles.snapshot.json test_update_assume_role_policy_errors
 * and test_iam.snapshot.json test_create_role_with_malformed_assume_role_policy_document (trust policies),
 * except where a comment says `inferred`. The recordings show that AWS checks in phases, the whole
 * document through one phase before the next: syntax, then Version, then what the old ("legacy") parser
 * refuses, then statement ids, then each statement's content (what it must hold, its resources, its
 * actions). The order of the phases is what the recorded answers to documents with two faults say.
 */
export type PolicyUse = 'identity' | 'trust';

export interface PolicyCheckOptions {
  /** A managed policy (CreatePolicy, CreatePolicyVersion) must say Version 2012-10-17 (invalid-1, -2). */
  managed?: boolean;
  /** Effect is required (AWS: true, invalid-31); false is a mutant's, which reads a missing Effect as Allow. */
  effectRequired?: boolean;
}

const malformed = (message: string) => new IamError('MalformedPolicyDocument', 400, message);
const SYNTAX = 'Syntax errors in policy.'; // invalid-0, -3..-10, -26, -31, -39..-54, -57, -58, -61, -62
const LEGACY = 'The policy failed legacy parsing'; // invalid-36, -37, -63, -64, -67..-77

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A string, or a list of strings: how Action, Resource and their Not* forms may be written. */
const strings = (v: Json | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string]);

export function checkPolicyDocument(document: string, use: PolicyUse, options: PolicyCheckOptions = {}): void {
  let parsed: Json;
  try {
    parsed = JSON.parse(document) as Json;
  } catch {
    // A trust policy's text differs (invalid-json-error); an identity policy's is invalid-0.
    throw malformed(use === 'trust' ? 'This policy contains invalid Json' : SYNTAX);
  }
  if (options.effectRequired === false) parsed = withDefaultEffect(parsed);
  const statements = checkSyntax(parsed);
  const doc = parsed as Obj;
  if (options.managed && doc.Version !== '2012-10-17') throw malformed('Policy document must be version 2012-10-17 or greater.'); // invalid-1, -2, -60, -65, -66
  if (statements.some(failsLegacyParsing)) throw malformed(LEGACY);
  // Empty ids are not ids: two statements may both have "" (valid-49).
  const sids = statements.map((s) => s.Sid).filter((s) => s !== undefined && s !== '');
  if (new Set(sids).size < sids.length) throw malformed('Statement IDs (SID) in a single policy must be unique.'); // invalid-59
  for (const s of statements) checkStatement(s, use);
}

function withDefaultEffect(doc: Json): Json {
  if (!isObj(doc)) return doc;
  const add = (s: Json): Json => (isObj(s) && s.Effect === undefined ? { ...s, Effect: 'Allow' } : s);
  return { ...doc, ...(doc.Statement !== undefined ? { Statement: Array.isArray(doc.Statement) ? doc.Statement.map(add) : add(doc.Statement) } : {}) };
}

// ---- Phase 1: syntax (the grammar of the policy language) ----

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
/** The version strings the grammar knows (an unknown one is a syntax error, invalid-3; an old one is not, invalid-2). */
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

function checkSyntax(doc: Json): Obj[] {
  if (!isObj(doc) || Object.keys(doc).some((k) => !TOP_LEVEL.has(k))) throw malformed(SYNTAX); // invalid-6
  if (doc.Version !== undefined && !(typeof doc.Version === 'string' && VERSIONS.has(doc.Version))) throw malformed(SYNTAX);
  if (doc.Id !== undefined && typeof doc.Id !== 'string') throw malformed(SYNTAX); // invalid-8, -9
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? [] : [doc.Statement];
  if (statements.length === 0) throw malformed(SYNTAX); // invalid-4, -26
  for (const s of statements) checkStatementSyntax(s);
  return statements as Obj[];
}

function checkStatementSyntax(s: Json): void {
  if (!isObj(s) || Object.keys(s).some((k) => !STATEMENT.has(k))) throw malformed(SYNTAX); // invalid-5, -7
  if (s.Sid !== undefined && typeof s.Sid !== 'string') throw malformed(SYNTAX); // invalid-57, -58
  // Effect is required, and either word in any case: the case is the legacy parser's business (invalid-10, -31, -63).
  if (typeof s.Effect !== 'string' || !/^(allow|deny)$/i.test(s.Effect)) throw malformed(SYNTAX);
  for (const [one, other] of [['Action', 'NotAction'], ['Resource', 'NotResource'], ['Principal', 'NotPrincipal']] as const) {
    if (s[one] !== undefined && s[other] !== undefined) throw malformed(SYNTAX); // invalid-41, -43, -61, -62
  }
  for (const member of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    const v = s[member];
    if (v !== undefined && !isStringOrStrings(v)) throw malformed(SYNTAX); // invalid-39, -40, -42, -44
  }
  for (const member of ['Principal', 'NotPrincipal'] as const) {
    const v = s[member];
    // "*" or a map of principal types to one or more principals (inferred: no recording sends another form).
    if (v !== undefined && v !== '*' && !(isObj(v) && Object.values(v).every(isStringOrStrings))) throw malformed(SYNTAX);
  }
  if (s.Condition !== undefined) checkConditionSyntax(s.Condition);
}

const isStringOrStrings = (v: Json): boolean => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
const isScalar = (v: Json): boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** The condition operators of the policy grammar; each may end in IfExists (but Null) and begin with a set operator. */
const OPERATORS = new Set([
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike',
]);

function knownOperator(name: string): boolean {
  const base = name.replace(/^(ForAnyValue|ForAllValues):/, '');
  return base === 'Null' || OPERATORS.has(base.replace(/IfExists$/, ''));
}

function checkConditionSyntax(condition: Json): void {
  if (!isObj(condition)) throw malformed(SYNTAX); // invalid-45, -46, -54
  for (const [operator, block] of Object.entries(condition)) {
    if (!isObj(block)) throw malformed(SYNTAX); // invalid-47, -48, -49
    // An unknown operator is refused once it has a key (invalid-52, -53); with none it is accepted (valid-19, -31).
    if (Object.keys(block).length > 0 && !knownOperator(operator)) throw malformed(SYNTAX);
    for (const value of Object.values(block)) {
      if (!(isScalar(value) || (Array.isArray(value) && value.every(isScalar)))) throw malformed(SYNTAX); // invalid-50, -51
    }
  }
}

// ---- Phase 3: what the legacy parser refuses ----

function failsLegacyParsing(s: Obj): boolean {
  // Effect in another case than Allow / Deny (invalid-63, -69, -70).
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return true;
  if ([...strings(s.Resource), ...strings(s.NotResource)].some(legacyArnFails)) return true;
  return isObj(s.Condition) && Object.entries(s.Condition).some(([op, block]) => isDateOperator(op) && Object.values(block as Obj).some((v) => strings(v as Json).some((d) => !isDate(String(d)))));
}

/**
 * An ARN of a known partition with a region segment must have all six segments and a service
 * (invalid-36, -37, -71: five; invalid-68, -77: no service). Shorter ones (`arn:aws:service`, valid-9) and
 * ARNs of other partitions (invalid-25's second) are left to the resource checks.
 */
function legacyArnFails(resource: string): boolean {
  const parts = resource.split(':');
  if (parts[0] !== 'arn' || !PARTITIONS.has(parts[1]!) || parts.length < 4) return false;
  return parts.length < 6 || parts[2] === '';
}

const isDateOperator = (op: string) => /^(ForAnyValue:|ForAllValues:)?Date[A-Za-z]*$/.test(op);

/**
 * A date as the condition parser reads one: an epoch number that fits in 64 bits (valid-37; invalid-75 does
 * not), or an ISO 8601 date with optional time and offset, read leniently: one-digit hours, a lower-case
 * `t`, a `T` with no time after it (valid-30 "01T", -35, -36). A month above 12, a one-digit offset or
 * more than nine fraction digits are refused (invalid-72, -73, -74), as is anything else (invalid-64).
 */
function isDate(value: string): boolean {
  if (/^-?\d+$/.test(value)) {
    const n = BigInt(value);
    return n >= -(2n ** 63n) && n < 2n ** 63n;
  }
  const m = /^(\d+)(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[Tt](?:(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(value);
  if (!m) return false;
  const [, , month, day, hour, minute, second, , offset] = m;
  const within = (v: string | undefined, lo: number, hi: number) => v === undefined || (Number(v) >= lo && Number(v) <= hi);
  const offsetHours = offset && offset !== 'Z' ? Number(offset.slice(1, 3)) : 0;
  return within(month, 1, 12) && within(day, 1, 31) && within(hour, 0, 23) && within(minute, 0, 59) && within(second, 0, 59) && offsetHours <= 23;
}

// ---- Phase 5: each statement's content ----

/** The partitions a resource ARN may name (inferred: the published list; invalid-21..-25 show others refused). */
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
const IAM_RESOURCE_TYPES = ['user/', 'federated-user/', 'role/', 'group/', 'instance-profile/', 'mfa/', 'server-certificate/', 'policy/', 'sms-mfa/', 'saml-provider/', 'oidc-provider/', 'report/', 'access-report/'];

function checkStatement(s: Obj, use: PolicyUse): void {
  const actions = [...strings(s.Action), ...strings(s.NotAction)];
  const resources = [...strings(s.Resource), ...strings(s.NotResource)];
  if (use === 'trust') {
    // A trust policy names no resource (resource-field-error) and needs a principal (inferred text).
    for (const field of ['Resource', 'NotResource']) if (s[field] !== undefined) throw malformed(`Has prohibited field ${field}`);
    if (s.Principal === undefined && s.NotPrincipal === undefined) throw malformed('Missing required field Principal');
  } else if (s.Principal !== undefined || s.NotPrincipal !== undefined) {
    // Inferred text: no recording sends an identity policy with a principal.
    throw malformed('Policy document should not specify a principal.');
  }
  if (actions.length === 0) throw malformed('Policy statement must contain actions.'); // invalid-30, -32..-34
  if (use === 'identity' && resources.length === 0) throw malformed('Policy statement must contain resources.'); // invalid-27..-29
  for (const r of resources) checkResource(r);
  for (const a of actions) checkAction(a, use);
}

function checkResource(resource: string): void {
  if (resource === '*') return;
  const parts = resource.split(':');
  if (parts.length < 2) throw malformed(`Resource ${resource} must be in ARN format or "*".`); // invalid-16..-20
  const [, partition, service, region = '', account = ''] = parts;
  if (!PARTITIONS.has(partition!)) {
    // The resource as the ARN it would be: "arn", the segments after the first, "*" for those missing (invalid-21..-25).
    const shown = ['arn', ...parts.slice(1), '*', '*', '*', '*'].slice(0, Math.max(6, parts.length)).join(':');
    throw malformed(`Partition "${partition}" is not valid for resource "${shown}".`);
  }
  if (service === undefined || service === '' || /[*?]/.test(service)) throw malformed('Resource vendor must be fully qualified and cannot contain regexes.'); // invalid-38
  const rest = parts.slice(5).join(':');
  if (service === 'iam') {
    if (region !== '') throw malformed(`IAM resource ${resource} cannot contain region information.`); // invalid-55
    if (rest !== '*' && rest !== 'root' && !IAM_RESOURCE_TYPES.some((t) => rest.startsWith(t))) {
      throw malformed(`IAM resource path must either be "*", root, or start with ${IAM_RESOURCE_TYPES.join(', ')}.`); // invalid-35
    }
  }
  // A bucket or object ARN has neither region nor account; an access point's has both (valid-50).
  if (service === 's3' && region !== '' && account === '') throw malformed(`Resource ${resource} can not contain region information.`); // invalid-56
}

/** The actions a trust policy may allow (inferred list: the STS operations that take a role's trust policy). */
const TRUST_ACTIONS = ['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext'];

function checkAction(action: string, use: PolicyUse): void {
  if (action === '*' && use === 'identity') return; // valid-3
  const colons = action.split(':').length - 1;
  if (colons === 0 && use === 'identity') throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'); // invalid-11, -12
  if (colons > 1) throw malformed('Actions/Condition can contain only one colon.'); // invalid-14, -15
  const vendor = action.slice(0, action.indexOf(':'));
  if (colons === 1 && !/^[A-Za-z0-9_.*-]+$/.test(vendor)) throw malformed(`Vendor ${vendor} is not valid`); // invalid-13
  if (use === 'trust') {
    const pattern = new RegExp(`^${action.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    if (!TRUST_ACTIONS.some((a) => pattern.test(a))) throw malformed('AssumeRole policy may only specify STS AssumeRole actions.'); // invalid-action-error
  }
}

/**
 * The size IAM allows a managed policy: 6,144 characters, white space not counted (IAM User Guide, IAM and
 * AWS STS quotas). Code and status from the CreatePolicy reference; the text is inferred.
 */
export function checkManagedPolicySize(document: string, limit = 6144): void {
  if (document.replace(/\s/g, '').length > limit) throw new IamError('LimitExceeded', 409, `Cannot exceed quota for PolicySize: ${limit}`);
}
