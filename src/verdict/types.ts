import type { Source } from '../specfile/types.ts';

/** A MUST claim the target did not meet: this fails the case. */
export interface Difference {
  step: number;
  call: string;
  field: string;
  expected: unknown;
  actual: unknown;
  source: Source;
  evidence?: string;
}

/** A SHOULD claim (inferred, or message text) the target did not meet, or anything else worth telling. */
export interface Note {
  step?: number;
  text: string;
  source?: Source;
}

export interface Judgement {
  differences: Difference[];
  notes: Note[];
}
