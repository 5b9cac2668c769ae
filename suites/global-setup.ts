import type { TestProject } from 'vitest/node';
import { runConfigFromEnv } from '../src/config.ts';
import { handedOverSession, publishRun } from '../src/run-state.ts';
import { findTarget } from '../src/targets/index.ts';
import type { SessionInfo } from '../src/targets/types.ts';

/**
 * Starts the target once, in the main process, before any case runs, and stops it afterwards.
 * When the CLI has already started it (to own its lifecycle and exit codes), it is only passed on.
 */
export default async function setup(project: TestProject) {
  const config = runConfigFromEnv();
  let session: SessionInfo;
  let stop: (() => Promise<void>) | undefined;
  const handedOver = handedOverSession();
  if (handedOver) {
    session = handedOver;
  } else {
    const adapter = findTarget(config.target);
    if (!adapter) throw new Error(`unknown target "${config.target}"`);
    const started = await adapter.start({ endpoint: config.endpoint, region: config.region, image: config.image, log: (l) => console.log(l) });
    const { stop: stopFn, ...info } = started;
    session = info;
    stop = stopFn;
  }
  publishRun({ session, config });
  project.provide('iamConformance', { config, session });
  return async () => {
    await stop?.();
  };
}
