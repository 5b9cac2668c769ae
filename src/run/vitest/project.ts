import { fileURLToPath } from 'node:url';
import { casesOfLane, type Lane } from '../lanes.ts';
import type { Case } from '../../cases/types.ts';

/**
 * Where the code runs from: src/ (TypeScript, in a clone) or dist/ (the built JavaScript of an installed
 * package). The suite's own files are found beside this module, whichever it is.
 */
const HERE = new URL('./', import.meta.url);
const EXT = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
/** src/ or dist/: the root vitest is given by `iam-conformance run`. */
export const CODE_ROOT = fileURLToPath(new URL('../../', HERE));

/**
 * The conformance project's vitest settings, in one place: vitest.config.ts lists it among the
 * projects (for `npx vitest --project conformance`, from the clone's top), and `iam-conformance run`
 * hands it to vitest directly, rooted at CODE_ROOT, without loading and bundling a config file.
 * `base` is the code root as seen from vitest's root: '' for CODE_ROOT itself, 'src/' from the clone's top.
 */
export function conformanceProject(base = '') {
  return {
    name: 'conformance',
    include: [`${base}run/vitest/conformance.test.${EXT}`],
    // A package's own folder sits in node_modules: vitest's default exclusion must not drop the suite.
    exclude: [],
    globalSetup: [`${base}run/vitest/setup.${EXT}`],
    // The run's scheduler (src/run/execute.ts) owns concurrency and per-case timeouts; the tests only wait
    // for its verdicts, in schedule order.
    fileParallelism: false,
    testTimeout: 0,
    hookTimeout: 0,
  };
}

/**
 * V8's limits for a lane's worker that runs `cases` cases. Left to itself V8 lets a worker's heap grow to
 * several times what it holds (a whole run holds under 80 MB; its workers' heaps reached 340 MB): a young
 * generation of 16 MiB a semi-space (V8 takes up to 64 on a large machine) and an old generation sized to the
 * cases (what a case leaves behind, its result, with room to spare: more when raw answers are kept)
 * make it collect before it grows. docs/performance.md has the figures before and after.
 */
export function workerFlags(cases: number, capture: boolean): string[] {
  const perCaseKiB = capture ? 64 : 24;
  const oldMiB = Math.max(256, 128 + Math.ceil((cases * perCaseKiB) / 1024));
  return ['--max-semi-space-size=16', `--max-old-space-size=${oldMiB}`];
}

/**
 * The projects of a run spread over `lanes` worker processes: one project per lane (each the share of
 * the ordinary cases its lane number picks, src/run/lanes.ts), run side by side, then one for the
 * account-wide cases, after every lane is over (vitest runs a higher `groupOrder` only once the lower
 * ones have finished): against a shared target the password policy never changes under a lane's cases.
 * Every project runs the same test file; the lane and its cases come with the project (`provide`).
 */
export function laneProjects(lanes: number, cases: readonly Case[], capture: boolean) {
  const project = (name: string, lane: Lane, groupOrder: number) => {
    const share = casesOfLane(cases, lane);
    return {
      extends: true,
      // Within a group the lanes run side by side: vitest needs the same worker count on each of them.
      // Each worker is handed its own cases only (the whole selection is megabytes to decode).
      test: { ...conformanceProject(), name, provide: { iamConformanceLane: { lane, cases: share } }, sequence: { groupOrder }, fileParallelism: true, maxWorkers: lanes, execArgv: workerFlags(share.length, capture) },
    };
  };
  return [
    ...Array.from({ length: lanes }, (_, index) => project(`conformance:${index + 1}`, { index, count: lanes }, 0)),
    ...(cases.some((c) => c.serial) ? [project('conformance:account-wide', 'account-wide', 1)] : []),
  ];
}

/** The code runs as Node runs it (its own type stripping, or the built JavaScript): no Vite transform on the way. */
export const NATIVE_MODULES = { viteModuleRunner: false, nodeLoader: false } as const;
