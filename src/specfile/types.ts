/**
 * The spec files' data model, as loaded from specs/ (YAML) and checked against
 * specs/schema/spec.schema.json. docs/spec-format.md describes every field in prose.
 */

/** Where an expectation comes from. Only the first three let a difference fail a case. */
export type Source = 'docs' | 'aws-recording' | 'user-report' | 'inferred';

export const STRICT_SOURCES: readonly Source[] = ['docs', 'aws-recording', 'user-report'];

export type ShapeType = 'string' | 'integer' | 'boolean';

/** A named input shape from specs/iam/shapes.yaml; `model` names the Smithy shape it mirrors. */
export interface Shape {
  name: string;
  model: string;
  type: ShapeType;
  length?: { min?: number; max?: number };
  pattern?: string;
  range?: { min?: number; max?: number };
  sensitive?: boolean;
  /** How generated cases build a valid value of this shape. */
  values: 'password' | 'userName' | 'integer' | 'boolean';
}

/** The caller a request is signed as. `user` is the case's own IAM user. */
export type Caller = 'admin' | 'user' | 'root' | string;

/** What a step or a probe expects. Unset fields are not compared. */
export interface Expectation {
  outcome?: 'success' | 'error';
  error?: string;
  status?: number;
  /** Message text; `${user}`, `${account}` are filled in. ValidationError messages compare as a set. */
  message?: string;
  /** Expected output members: a literal, or `{ type: ... }` for a member whose value varies. */
  output?: Record<string, unknown>;
  /** Dotted paths of output members that must be absent (not merely 0 or false). */
  absent?: string[];
  /** An error code the response must NOT carry (e.g. a valid value must not draw ValidationError). */
  notError?: string;
  /** The XML namespace of the response body (wire steps only: the raw client sees it). */
  namespace?: string;
  /** The error body's <Type> (Sender / Receiver; wire steps only). */
  errorType?: string;
}

/** An expectation with the evidence behind it. */
export interface Claim {
  expect: Expectation;
  source: Source;
  /** Source of the message text when it differs from `source` (wording is often weaker evidence). */
  messageSource?: Source;
  /** Pointer to the evidence: a docs URL, a recording key, a report link, or the reasoning. */
  evidence?: string;
}

/** A user a scenario needs. Every user is created by the run and deleted after it. */
export interface GivenUser {
  /** false: a name that was never created (for NoSuchEntity cases). */
  exists?: boolean;
  /** Default true. */
  loginProfile?: boolean;
  passwordResetRequired?: boolean;
  /** An inline policy allowing iam:ChangePassword on the user itself. Default true. */
  canChangeOwnPassword?: boolean;
  /** An access key for signing as this user. Default true when the user exists. */
  accessKey?: boolean;
  /** A fixed password (template); default a fresh generated one. */
  password?: unknown;
  /** A fixed name (template); default a run-unique one. */
  name?: unknown;
  /**
   * '/': the user is created at the root path instead of the run's own path, for policies whose
   * resource is `user/${aws:username}` (the AWS managed IAMUserChangePassword), which a user under a
   * longer path does not match. Such users are never pooled; clean-up finds them by name and tag.
   */
  path?: '/';
}

/** Account-level state a scenario sets before its steps. It makes the case serial. */
export type GivenPolicy = 'none' | Record<string, unknown>;

export interface Given {
  users?: Record<string, GivenUser>;
  accountPasswordPolicy?: GivenPolicy;
}

export interface Step {
  call: string;
  as?: Caller;
  input?: Record<string, unknown>;
  /** Send through the raw Query client with these exact wire parameters (wire cases). */
  wire?: Record<string, string>;
  expect: Expectation;
  source: Source;
  messageSource?: Source;
  evidence?: string;
  /** A weaker claim compared as a note only (usually inferred). */
  likely?: Claim;
  /** Why this step is there, in words; shown in reports. */
  why?: string;
  /** Output members to keep for later steps: label → dotted output path, read as `${kept.label}`. */
  keep?: Record<string, string>;
  /**
   * Filled in by expansion from model-overrides.yaml's `teardown`: what this step makes when it succeeds,
   * so that the case's tear-down removes it (src/runner/teardown.ts).
   */
  creates?: Creates;
}

/** What a succeeding request made: its kind (src/iam/removal.ts) and where its identifier is. */
export interface Creates {
  kind: string;
  /** An input member (`RoleName`), or `output.` and a dotted output path (`output.Policy.Arn`). */
  id: string;
  /** With an output id: the input member that names what is made (`PolicyName`), which holds `${run}` when the run owns it. */
  name?: string;
}

export interface Scenario {
  id: string;
  /** In a family file: the operation the scenario is about (its case id is `<operation>/<id>`). */
  operation?: string;
  title: string;
  tags?: string[];
  given?: Given;
  steps: Step[];
  /** Needs a capability the target may lack (e.g. root credentials). */
  requires?: string[];
}

/** How a generated constraint case puts a probe value into a member. */
export interface Probe {
  as?: Caller;
  given?: Given;
  input: Record<string, unknown>;
  /** Code point probes: both sides of each class edge (default), or every code point to U+0100. */
  codepoints?: 'edges' | 'sweep';
  /** What a model-valid value draws (default: success). */
  accepted?: Omit<Claim, 'expect'> & { expect: Expectation };
  /** What a model-valid value that no password policy allows (length-1 password) draws. */
  unusable?: Omit<Claim, 'expect'> & { expect: Expectation; likely?: Claim };
  /** Steps run after an accepted probe, to observe that it took effect. */
  then?: Step[];
}

export interface MemberSpec {
  name: string;
  shape: string;
  required: boolean;
  probe?: Probe;
}

export interface ErrorSpec {
  code: string;
  status: number;
  /** Why no client can provoke it on demand. Absent: at least one case exercises it. */
  untriggerable?: string;
}

export interface OperationSpec {
  operation: string;
  docs: string;
  /** The caller for generated cases when the probe does not say. */
  caller: Caller;
  /** Changes account-level state: every case of this operation runs serially. */
  accountWide: boolean;
  input: MemberSpec[];
  errors: ErrorSpec[];
  scenarios: Scenario[];
  /** The file it came from, for messages. */
  file: string;
}

/**
 * specs/iam/families/<family>.yaml: the behaviour of one family of operations (roles, groups...), as
 * scenarios each naming the operation they are about. The operations' members come from the model.
 */
export interface FamilySpec {
  family: string;
  about: string;
  docs?: string;
  scenarios: Scenario[];
  file: string;
}

export interface SpecSet {
  shapes: Map<string, Shape>;
  operations: OperationSpec[];
  /** Scenarios by family (specs/iam/families/). */
  families?: FamilySpec[];
  /** Present when the folder has model-overrides.yaml: then every model operation gets generated cases. */
  overrides?: ModelOverrides;
}

/** A valid value of a member, as a template, and how to stretch it to an exact length. */
export interface ValueRecipe {
  value: string;
  /** Where filler characters go: `end`, or before the character at this index. Absent: the value has one length. */
  pad?: 'end' | number;
  fill?: string;
  /** The value to use for a length shorter than `value` (a path of one character: `/`). */
  short?: string;
  /** Why values the model allows are not probed for this shape (their answer depends on state). */
  noValidProbes?: string;
}

/** What the generator needs to know about one model pattern that is not a single character class. */
export interface PatternOverride extends ValueRecipe {
  about: string;
  /** Values the pattern allows, by probe name (more than the one valid value). */
  accepted?: Record<string, string>;
  /** Values the pattern rejects, by probe name. */
  rejected?: Record<string, string>;
  /** How IAM answers a rejected value when the recordings show it is not the validator's pattern wording. */
  rejection?: { error: string; status: number; message: string; recordedFor?: string[]; evidence: string };
}

/** specs/iam/model-overrides.yaml: see docs/spec-format.md. */
export interface ModelOverrides {
  accountWide: Record<string, string>;
  creating: Record<string, string>;
  patterns: Record<string, PatternOverride>;
  shapes: Record<string, ValueRecipe>;
  /** `Operation.Member` → a valid value recipe for that member of that operation only (before its shape's). */
  members?: Record<string, ValueRecipe>;
  longestProbe: number;
  excluded: Record<string, string>;
  /** Optional members sent with a valid value in every case (absent, they mean the caller). */
  alwaysSent: Record<string, string>;
  /** Families of operations by name globs (`roles: ['*Role', ...]`), for --family. */
  families: Record<string, string[]>;
  /** What a succeeding request of these operations makes, for the case's tear-down. */
  teardown: Record<string, Creates>;
  file: string;
}
