import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolsCacheDir } from '../../iam/tools-cache.ts';
import { parseQueryResponse, queryClient } from '../query.ts';
import { rawResponse, sentRequest, type CallRequest, type Client, type ClientError, type Outcome, type TargetAddress } from '../types.ts';
import { ClientUnavailable } from '../unavailable.ts';
import { Worker } from '../worker.ts';
import { withLoopbackExempt } from '../proxy.ts';

/** The pinned versions ci/install-clients.sh installs (keep the two equal). */
export const PINNED = { boto3: '1.44.8', awscli: '1.46.3' } as const;
const WORKERS_DIR = fileURLToPath(new URL('./', import.meta.url));
const INSTALL = 'bash ci/install-clients.sh';


/** The virtual environment ci/install-clients.sh makes. */
export function pinnedVenv(toolsDir?: string): string {
  return join(toolsCacheDir(toolsDir), `clients-boto3-${PINNED.boto3}-awscli-${PINNED.awscli}`);
}

/**
 * The Python that runs a worker: IAM_CONFORMANCE_PYTHON, else the tools cache's (for `boto3@<version>`,
 * its own environment, installed on first use by `installBoto3`). Throws ClientUnavailable when missing.
 */
export function pythonFor(client: 'boto3' | 'aws-cli', toolsDir?: string, boto3Version?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.IAM_CONFORMANCE_PYTHON && !boto3Version) return env.IAM_CONFORMANCE_PYTHON;
  const python = join(boto3Version ? boto3VersionVenv(boto3Version, toolsDir) : pinnedVenv(toolsDir), 'bin', 'python');
  if (existsSync(python)) return python;
  if (boto3Version) throw new ClientUnavailable(`--client boto3@${boto3Version}: not installed in ${python}`, 'it installs on first use; did that fail?');
  throw new ClientUnavailable(
    `--client ${client}: no Python with boto3 ${PINNED.boto3} and awscli ${PINNED.awscli} (looked for ${python}; IAM_CONFORMANCE_PYTHON is not set)`,
    `install them with: ${INSTALL}`,
  );
}

function boto3VersionVenv(version: string, toolsDir?: string): string {
  return join(toolsCacheDir(toolsDir), `boto3-${version}`);
}

/** `boto3@<version>`: a virtual environment of its own under the tools cache, made on first use. */
export function installBoto3(version: string, toolsDir: string | undefined, log: (line: string) => void): void {
  const dir = boto3VersionVenv(version, toolsDir);
  if (existsSync(join(dir, 'bin', 'python'))) return;
  log(`iam-conformance: installing boto3 ${version} into ${dir} (once)`);
  try {
    execFileSync('python3', ['-m', 'venv', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync(join(dir, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `boto3==${version}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    execFileSync('rm', ['-rf', dir]);
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '').trim().split('\n').at(-1);
    throw new ClientUnavailable(`--client boto3@${version}: pip could not install it: ${stderr || (e as Error).message}`, `try: python3 -m venv ${dir} && ${dir}/bin/pip install boto3==${version}`);
  }
}

interface WorkerResult {
  kind: 'response' | 'client-rejected' | 'no-response';
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  clientError?: ClientError;
  message?: string;
  command?: string;
  cause?: string;
  /** The request as botocore sent it (its before-send event). */
  sent?: { method: string; path: string; contentType?: string; body: string };
}

/** Starts `count` workers of one kind and waits for each one's hello. */
async function startWorkers(kind: 'boto3' | 'aws-cli', address: TargetAddress, python: string, count: number): Promise<Worker[]> {
  const timeoutMs = address.timeoutMs ?? 20_000;
  const workers = Array.from({ length: count }, () =>
    new Worker({
      client: kind,
      command: python,
      args: [join(WORKERS_DIR, kind === 'boto3' ? 'boto3_worker.py' : 'awscli_worker.py')],
      // botocore reads HTTPS_PROXY, NO_PROXY and AWS_CA_BUNDLE itself; loopback is exempted from the proxy
      // here as for the Node clients, since local emulators never sit behind one.
      env: withLoopbackExempt({
        ...process.env,
        PYTHONDONTWRITEBYTECODE: '1',
        PYTHONUNBUFFERED: '1',
        IAM_CONFORMANCE_WORKER_ENDPOINT: address.endpoint,
        IAM_CONFORMANCE_WORKER_REGION: address.region,
        IAM_CONFORMANCE_WORKER_TIMEOUT_S: String(timeoutMs / 1000),
      }),
      // Its own timeouts come first (botocore's read timeout is the run's request timeout).
      timeoutMs: timeoutMs + 15_000,
    }),
  );
  try {
    await Promise.all(workers.map((w) => w.hello));
  } catch (e) {
    for (const w of workers) w.close();
    throw e;
  }
  return workers;
}

/**
 * A client whose requests a Python worker makes. The worker hands back the response's wire form and
 * what the client surfaced; the wire code is read here from the body, as for every client.
 */
async function pythonClient(kind: 'boto3' | 'aws-cli', address: TargetAddress, python: string, count: number): Promise<Client> {
  const workers = await startWorkers(kind, address, python, count);
  const hello = (await workers[0]!.hello) as { versions?: Record<string, string> };
  const versions = hello.versions ?? {};
  const raw = queryClient(address);
  const load = new Map(workers.map((w) => [w, 0]));
  return {
    name: kind,
    version: (kind === 'boto3' ? versions.boto3 : versions.awscli) ?? 'unknown',
    details: Object.fromEntries(Object.entries(versions).filter(([k]) => k !== (kind === 'boto3' ? 'boto3' : 'awscli'))),
    async call(request: CallRequest): Promise<Outcome> {
      // Exact wire parameters: no SDK can express them; the raw client sends them, whatever the run's client.
      if (request.wire) return raw.call(request);
      // The least busy worker (the CLI's driver takes one call at a time).
      const worker = [...load.entries()].sort((a, b) => a[1] - b[1])[0]![0];
      load.set(worker, load.get(worker)! + 1);
      let result: WorkerResult;
      try {
        result = (await worker.request({ operation: request.operation, input: request.input ?? {}, credentials: request.credentials })) as WorkerResult;
      } finally {
        load.set(worker, load.get(worker)! - 1);
      }
      if (result.kind === 'no-response') return { kind: 'no-response', cause: result.cause ?? 'no response', attempts: 1 };
      if (result.kind === 'client-rejected') {
        return { kind: 'client-rejected', clientError: result.clientError ?? { name: 'unknown' }, message: (result.message ?? '').replace(/\s+/g, ' ').trim(), attempts: 0, ...(result.command ? { command: result.command } : {}) };
      }
      const status = result.status ?? 0;
      const body = result.body ?? '';
      const outcome = parseQueryResponse(request.operation, status, body);
      if (outcome.kind !== 'response') return outcome;
      return {
        ...outcome,
        ...(result.clientError ? { clientError: result.clientError } : {}),
        ...(result.command ? { command: result.command } : {}),
        ...(address.capture ? { raw: rawResponse(status, (h) => result.headers?.[h], body) } : {}),
        ...(address.captureSent && result.sent ? { sent: sentRequest(result.sent.method, result.sent.path, result.sent.contentType, result.sent.body) } : {}),
      };
    },
    close() {
      for (const w of workers) w.close();
      raw.close();
    },
  };
}

export function boto3Client(address: TargetAddress, version?: string): Promise<Client> {
  // botocore's clients are thread-safe: one worker, several threads.
  return pythonClient('boto3', address, pythonFor('boto3', address.toolsDir, version), 1).then((c) => (version ? { ...c, name: `boto3@${version}` } : c));
}

export function awsCliClient(address: TargetAddress): Promise<Client> {
  // The CLI's driver takes one call at a time: a few workers side by side.
  return pythonClient('aws-cli', address, pythonFor('aws-cli', address.toolsDir), 3);
}
