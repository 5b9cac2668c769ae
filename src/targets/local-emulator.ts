import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { networkCause } from '../clients/transport-errors.ts';
import { commandOutput, findProgram, freePort, startProcess, waitForHttp } from './process.ts';
import { TargetUnavailable, type Capabilities, type TargetAdapter } from './types.ts';
import type { Credentials } from '../iam/credentials.ts';

/** What differs between emulators that run as a local Python program. */
export interface LocalEmulatorSpec {
  name: string;
  summary: string;
  /** The program, found on PATH or in the tools cache's virtual environments; env var to override. */
  program: string;
  programEnv: string;
  /** Defaults that differ from the common ones. */
  defaults?: TargetAdapter['defaults'];
  /** Its PyPI distribution, for the version and the install hint. */
  distribution: string;
  installHint: string;
  args(port: number): string[];
  env(port: number): Record<string, string>;
  readyPath: string;
  /** POSTed before a run against an emulator someone else started (--endpoint). */
  resetPath: string;
  admin: Credentials;
  root?: Credentials;
  capabilities: Capabilities;
  /** Its version (default: the PyPI distribution's, from the program's virtual environment). */
  version?(program: string): Promise<string | undefined>;
  /** Its version as the running emulator reports it (an --endpoint someone else started). */
  endpointVersion?(endpoint: string): Promise<string | undefined>;
  /** Work once it answers, before any case: the administrator to run as, when it must be made (fakecloud). */
  prepare?(endpoint: string, region: string): Promise<{ admin: Credentials }>;
}

/**
 * A target adapter for a local emulator process: started on a free loopback port for the run and
 * stopped on every exit path — or, with --endpoint, one already running, reset before the run.
 */
export function localEmulator(spec: LocalEmulatorSpec): TargetAdapter {
  const session = (endpoint: string, region: string, version: string | undefined, stop: () => Promise<void>, admin = spec.admin) => ({
    target: spec.name,
    endpoint,
    region,
    admin,
    ...(spec.root ? { rootCredentials: spec.root } : {}),
    ...(version ? { version } : {}),
    capabilities: spec.capabilities,
    stop,
  });
  const programKey = `${spec.name}Program`;
  return {
    name: spec.name,
    summary: spec.summary,
    options: [
      { key: 'endpoint', flag: 'endpoint', env: 'IAM_CONFORMANCE_ENDPOINT', type: 'string', value: 'URL', help: 'an emulator already running there (reset before the run) instead of starting one' },
      { key: programKey, env: spec.programEnv, type: 'string', help: `the ${spec.program} program to start`, defaultText: `the tools cache's, else PATH's` },
    ],
    ...(spec.defaults ? { defaults: spec.defaults } : {}),
    checkPlan: ({ targetOptions: o }) => (o.endpoint !== undefined && !URL.canParse(String(o.endpoint)) ? `--endpoint is not a URL: ${String(o.endpoint)}` : undefined),
    async start(options) {
      const region = options.region ?? 'us-east-1';
      const given = options.options.endpoint as string | undefined;
      if (given) {
        const endpoint = given.replace(/\/$/, '');
        try {
          const r = await fetch(endpoint + spec.resetPath, { method: 'POST', signal: AbortSignal.timeout(10_000) });
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
        } catch (e) {
          const cause = networkCause(e);
          throw new TargetUnavailable(`cannot reach ${spec.name} at ${endpoint} (POST ${spec.resetPath}): ${cause ?? (e as Error).message}`, 'is it running there? Without --endpoint the run starts its own');
        }
        const version = await spec.endpointVersion?.(endpoint);
        const prepared = await spec.prepare?.(endpoint, region);
        return session(endpoint, region, version, async () => {}, prepared?.admin);
      }
      const program = (options.options[programKey] as string | undefined) ?? findProgram(spec.program, options.toolsDir);
      if (!program) throw new TargetUnavailable(`${spec.program} was not found (on PATH or under the tools cache)`, spec.installHint);
      if (!existsSync(program)) throw new TargetUnavailable(`${spec.programEnv} names ${program}, which does not exist`, spec.installHint);
      const port = await freePort();
      const endpoint = `http://127.0.0.1:${port}`;
      options.log?.(`starting ${spec.name} on ${endpoint}`);
      const proc = startProcess(program, spec.args(port), spec.env(port));
      await waitForHttp(endpoint + spec.readyPath, proc, spec.program, 90_000);
      let prepared;
      try {
        prepared = await spec.prepare?.(endpoint, region);
      } catch (e) {
        await proc.stop();
        throw e;
      }
      const version = spec.version ? await spec.version(program) : await pythonDistributionVersion(program, spec.distribution);
      return session(endpoint, region, version, () => proc.stop(), prepared?.admin);
    },
  };
}

/** A PyPI distribution's version, asked of the Python beside the program (its virtual environment), else python3. */
async function pythonDistributionVersion(program: string, distribution: string): Promise<string | undefined> {
  const python = join(dirname(program), 'python');
  const script = `import importlib.metadata as m; print(m.version(${JSON.stringify(distribution)}))`;
  return (await commandOutput(python, ['-c', script])) ?? (await commandOutput('python3', ['-c', script]));
}
