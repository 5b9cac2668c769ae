import { fileURLToPath } from 'node:url';

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

/** The code runs as Node runs it (its own type stripping, or the built JavaScript): no Vite transform on the way. */
export const NATIVE_MODULES = { viteModuleRunner: false, nodeLoader: false } as const;

