import { dirname, join } from 'node:path';
import { commandOutput, findProgram, freePort, startProcess, waitForHttp } from './process.ts';
import { TargetUnavailable, type TargetAdapter } from './types.ts';

/**
 * moto's standalone server (pip install 'moto[server]'). Started on a free loopback port for the run,
 * or reached at --endpoint (then reset through its /moto-api/reset before the run). moto accepts any
 * credentials; the suite's administrator is moto's default account.
 */
export const motoTarget: TargetAdapter = {
  name: 'moto',
  summary: "moto's server: started locally (moto_server on PATH or in the tools cache), or at --endpoint",
  async start(options) {
    const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    const capabilities = { root: false, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false };
    if (options.endpoint) {
      const endpoint = options.endpoint.replace(/\/$/, '');
      await reset(endpoint);
      return { target: 'moto', endpoint, region: options.region ?? 'us-east-1', admin: credentials, capabilities, async stop() {} };
    }
    const program = findProgram('moto_server', 'IAM_CONFORMANCE_MOTO_SERVER');
    if (!program) {
      throw new TargetUnavailable('moto_server was not found', "install it with: pip install 'moto[server]'   (or run ci/install-emulators.sh; or pass --endpoint)");
    }
    const port = await freePort();
    const proc = startProcess(program, ['-H', '127.0.0.1', '-p', String(port)]);
    const endpoint = `http://127.0.0.1:${port}`;
    options.log?.(`starting moto on ${endpoint}`);
    await waitForHttp(`${endpoint}/moto-api/`, proc, 'moto_server', 60_000);
    const version = await commandOutput(join(dirname(program), 'python'), ['-c', 'import moto; print(moto.__version__)'])
      ?? await commandOutput('python3', ['-c', 'import moto; print(moto.__version__)']);
    return { target: 'moto', endpoint, region: options.region ?? 'us-east-1', admin: credentials, capabilities, ...(version ? { version } : {}), stop: () => proc.stop() };
  },
};

async function reset(endpoint: string): Promise<void> {
  try {
    const r = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
  } catch (e) {
    throw new TargetUnavailable(`cannot reset moto at ${endpoint}: ${(e as Error).message}`);
  }
}
