import type { RunConfig } from '../src/config.ts';
import type { CaseResult } from '../src/runner/result.ts';
import type { SessionInfo } from '../src/targets/types.ts';

declare module 'vitest' {
  interface ProvidedContext {
    iamConformance: { config: RunConfig; session: SessionInfo };
  }
  interface TaskMeta {
    /** The verdict on the case, for the reporter in the main process. */
    iamConformance?: CaseResult;
  }
}
