import type { CaseResult } from '../../runner/result.ts';
import type { RunStats } from '../../runner/context.ts';
import type { SessionInfo } from '../../targets/types.ts';
import type { RunPlan } from '../plan.ts';
import type { Selection } from '../select.ts';
import type { Lane } from '../lanes.ts';
import type { Case } from '../../cases/types.ts';

/** What the vitest engine hands its workers (provide/inject) and its reporter: plain data only. */
export interface ProvidedRun {
  plan: RunPlan;
  /** The started target, as located by start() in the main process. */
  session: SessionInfo;
  /** The cases, when the CLI has selected them already (the worker need not load and expand the specs again). */
  selection?: Selection;
  /** How many cases the run selected, when `selection` holds none of them (a run in lanes: each project carries its own). */
  selected?: number;
}

/** A lane of a run spread over several workers: which share it is, and its cases (src/run/lanes.ts). */
export interface LaneShare {
  lane: Lane;
  cases: Case[];
}

declare module 'vitest' {
  interface ProvidedContext {
    iamConformance?: ProvidedRun;
    /** The share of the cases this project's worker runs, when the run is spread over several (src/run/lanes.ts). */
    iamConformanceLane?: LaneShare;
  }
  interface TaskMeta {
    /** The verdict on the case, for the reporter in the main process. */
    iamConformance?: CaseResult;
    /** On the test file, after the run: what it cost (for the report's summary). */
    iamConformanceRun?: RunStats;
    /** On the last case: the client as it reported itself where the cases ran (its real version, botocore's). */
    iamConformanceClient?: { name: string; version: string; details?: Record<string, string> };
  }
}
