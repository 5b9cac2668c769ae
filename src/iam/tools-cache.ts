import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The tools cache: where ci/ installs Node 24, the emulators and the out-of-process clients, and where
 * other SDK versions go on first use. IAM_CONFORMANCE_TOOLS (through the plan), else
 * $XDG_CACHE_HOME/iam-conformance, else ~/.cache/iam-conformance.
 */
export function toolsCacheDir(given?: string, env: NodeJS.ProcessEnv = process.env): string {
  return given ?? join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'iam-conformance');
}
