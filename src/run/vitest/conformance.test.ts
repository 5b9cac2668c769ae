/**
 * The conformance suite as vitest sees it: one test per case. Everything else — which cases, in what
 * order, against what — is the run's plan (src/run/plan.ts), executed by the one scheduler (src/run/execute.ts).
 */
import { inject } from 'vitest';
import { declareSuite } from './suite.ts';

await declareSuite(inject('iamConformance'), inject('iamConformanceLane'));
