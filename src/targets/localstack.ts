import { reportedVersion } from './reported-version.ts';
import { TargetUnavailable, type TargetAdapter } from './types.ts';

/**
 * The newest LocalStack that starts without an auth token: localstack-core 2026.3.0 (LocalStack's own IAM
 * provider, no longer moto's), as an image built here by ci/build-localstack-image.sh — LocalStack's
 * published images newer than 4.14.0 refuse to start without LOCALSTACK_AUTH_TOKEN. The earlier
 * versions stay selectable with --image: iam-conformance/localstack:4.14.0 (built the same way) or
 * localstack/localstack:4.14.0 from Docker Hub.
 */
export const DEFAULT_LOCALSTACK_IMAGE = 'iam-conformance/localstack:2026.3.0';

/** Images this project builds (no registry has them): a missing one is built, not pulled. */
const LOCAL_BUILD = /^iam-conformance\/localstack:(.+)$/;

/**
 * LocalStack in a container started by @testcontainers/localstack, one per run, stopped on every exit
 * path. The image comes from --image, IAM_CONFORMANCE_LOCALSTACK_IMAGE, or the default above;
 * LOCALSTACK_AUTH_TOKEN is passed through when set. LocalStack's default key ("test") is its account's
 * root, so root-caller cases can run.
 */
export const localstackTarget: TargetAdapter = {
  name: 'localstack',
  summary: `LocalStack in a container via testcontainers (needs a container engine)`,
  options: [
    { key: 'image', flag: 'image', env: 'IAM_CONFORMANCE_LOCALSTACK_IMAGE', type: 'string', value: 'IMAGE', help: 'the LocalStack image to start', defaultText: DEFAULT_LOCALSTACK_IMAGE },
    { key: 'authToken', env: 'LOCALSTACK_AUTH_TOKEN', type: 'string', secret: true, help: 'passed to the container (newer LocalStack images need one)' },
  ],
  async start({ options: settings, region, log }) {
    const image = (settings.image as string | undefined) ?? DEFAULT_LOCALSTACK_IMAGE;
    const { getContainerRuntimeClient } = await import('testcontainers');
    try {
      await getContainerRuntimeClient();
    } catch (e) {
      throw new TargetUnavailable(
        `no container engine is reachable for the localstack target (${firstLine(e)})`,
        'start Docker or another engine testcontainers supports (or set DOCKER_HOST); where the Ryuk image cannot be pulled, set TESTCONTAINERS_RYUK_DISABLED=true. Without an engine, run LocalStack yourself and use --target endpoint.',
      );
    }
    const { LocalstackContainer } = await import('@testcontainers/localstack');
    const env: Record<string, string> = { SERVICES: 'iam,sts' };
    if (settings.authToken) env.LOCALSTACK_AUTH_TOKEN = settings.authToken as string;
    log?.(`starting LocalStack (${image}) with testcontainers`);
    let started;
    try {
      started = await new LocalstackContainer(image).withEnvironment(env).withStartupTimeout(180_000).start();
    } catch (e) {
      const built = LOCAL_BUILD.exec(image);
      throw new TargetUnavailable(
        `the LocalStack container (${image}) did not start: ${firstLine(e)}`,
        built
          ? `${image} is built here, not pulled: bash ci/install-docker.sh && bash ci/build-localstack-image.sh ${built[1]}   (or --image localstack/localstack:4.14.0 from a registry)`
          : 'check that the image exists locally or can be pulled (--image to choose another); newer LocalStack images need LOCALSTACK_AUTH_TOKEN',
      );
    }
    const endpoint = started.getConnectionUri();
    log?.(`LocalStack is up at ${endpoint} (container ${started.getId().slice(0, 12)})`);
    const version = await healthVersion(endpoint);
    // LocalStack's first answer at "/" loads its request handlers: 15 s and more on a busy machine, beyond
    // the run's pre-flight patience. Asked here, once, with time to spare; the pre-flight then answers at once.
    await fetch(endpoint, { signal: AbortSignal.timeout(90_000) }).catch(() => undefined);
    const key = { accessKeyId: 'test', secretAccessKey: 'test' };
    return {
      target: 'localstack',
      endpoint,
      region: region ?? 'us-east-1',
      admin: key,
      rootCredentials: key,
      ...(version ? { version } : {}),
      capabilities: { root: true, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false },
      async stop() {
        await started.stop();
      },
    };
  },
};

/**
 * The version LocalStack reports: /_localstack/info, else /_localstack/health ("4.14.0", "2026.3.0").
 * Asked until it answers (up to a minute): "Ready." is printed before a busy machine's LocalStack serves
 * its first requests quickly, and a run without the version could not pick its baseline.
 */
async function healthVersion(endpoint: string, timeoutMs = 60_000): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  do {
    const version = (await reportedVersion(`${endpoint}/_localstack/info`, 15_000)) ?? (await reportedVersion(`${endpoint}/_localstack/health`, 15_000));
    if (version) return version;
    await new Promise((r) => setTimeout(r, 1000));
  } while (Date.now() < deadline);
  return undefined;
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!;
}
