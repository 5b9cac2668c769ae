/**
 * A setting of a run, declared once: its flag, its environment variable, its type, its default and its
 * meaning. planRun reads every setting through these declarations, `run --help` and the README's tables
 * are checked against them, and each target adapter declares its own (src/targets/<name>.ts).
 */
export interface OptionDecl {
  /** The key in the plan (a RunPlan field, or the target's options). */
  key: string;
  /** `--flag`; undefined for settings taken only from the environment (credentials, say). */
  flag?: string;
  /** The environment variable that sets it when the flag is not given. */
  env?: string;
  type: 'string' | 'boolean' | 'integer' | 'number' | 'list';
  /** A placeholder for the value in help: `--concurrency N`. */
  value?: string;
  /** Allowed values (checked; listed in the error). */
  choices?: readonly string[] | (() => readonly string[]);
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** Meaning, one line; shown in `run --help`. */
  help: string;
  /** Shown as the default in help (the value itself may depend on other settings). */
  defaultText?: string;
  /** Not for users (the hand-over between a supervisor and its child): left out of help. */
  internal?: boolean;
  /** A secret (credentials): never echoed in errors or in the plan's printed form. */
  secret?: boolean;
  /** The value a flag takes when given alone (`--baseline` means `--baseline auto`). */
  valueWhenAlone?: string;
}

export type OptionValue = string | boolean | number | string[];

/** Where a setting came from (RunPlan.origins), for messages that name it. */
export type Origin = 'flag' | `env:${string}` | 'default';

/** The declarations' choices, resolved (some lists are only known once every module is loaded). */
export function choicesOf(decl: OptionDecl): readonly string[] | undefined {
  return typeof decl.choices === 'function' ? decl.choices() : decl.choices;
}
