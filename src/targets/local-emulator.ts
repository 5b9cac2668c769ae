import { dirname, join } from 'node:path';
import { commandOutput, findProgram, freePort, startProcess, waitForHttp } from './process.ts';
import { TargetUnavailable, type Capabilities, type TargetAdapter } from './types.ts';
import type { Credentials } from './credentials.ts';

/** What differs between emulators that run as a local Python program. */
export interface LocalEmulatorSpec {
  name: string;
  summary: string;
  /** The program, found on PATH or in the tools cache's virtual environments; env var to override. */
  program: string;
  programEnv: string;
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
}

/**
 * A target adapter for a local emulator process: started on a free loopback port for the run and
 * stopped on every exit path — or, with --endpoint, one already running, reset before the run.
 */
export function localEmulator(spec: LocalEmulatorSpec): TargetAdapter {
  const session = (endpoint: string, region: string, version: string | undefined, stop: () => Promise<void>) => ({
    target: spec.name,
    endpoint,
    region,
    admin: spec.admin,
    ...(spec.root ? { rootCredentials: spec.root } : {}),
    ...(version ? { version } : {}),
    capabilities: spec.capabilities,
    stop,
  });
  return {
    name: spec.name,
    summary: spec.summary,
    async start(options) {
      const region = options.region ?? 'us-east-1';
      if (options.endpoint) {
        const endpoint = options.endpoint.replace(/\/$/, '');
        try {
          const r = await fetch(endpoint + spec.resetPath, { method: 'POST', signal: AbortSignal.timeout(10_000) });
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
        } catch (e) {
          throw new TargetUnavailable(`cannot reset ${spec.name} at ${endpoint}${spec.resetPath}: ${(e as Error).message}`);
        }
        return session(endpoint, region, undefined, async () => {});
      }
      const program = findProgram(spec.program, spec.programEnv);
      if (!program) throw new TargetUnavailable(`${spec.program} was not found (on PATH or under the tools cache)`, spec.installHint);
      const port = await freePort();
      const endpoint = `http://127.0.0.1:${port}`;
      options.log?.(`starting ${spec.name} on ${endpoint}`);
      const proc = startProcess(program, spec.args(port), spec.env(port));
      await waitForHttp(endpoint + spec.readyPath, proc, spec.program, 90_000);
      const python = join(dirname(program), 'python');
      const script = `import importlib.metadata as m; print(m.version(${JSON.stringify(spec.distribution)}))`;
      const version = (await commandOutput(python, ['-c', script])) ?? (await commandOutput('python3', ['-c', script]));
      return session(endpoint, region, version, () => proc.stop());
    },
  };
}
