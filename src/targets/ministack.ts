import { localEmulator } from './local-emulator.ts';
import { reportedVersion } from './reported-version.ts';

/**
 * ministack (pip install ministack), a LocalStack-compatible emulator. Its default key "test" is the
 * account's root user (arn:aws:iam::000000000000:root), so it is both administrator and root here.
 */
const ROOT = { accessKeyId: 'test', secretAccessKey: 'test' };

export const ministackTarget = localEmulator({
  name: 'ministack',
  summary: 'ministack: started locally (ministack on PATH or in the tools cache), or at --endpoint',
  program: 'ministack',
  programEnv: 'IAM_CONFORMANCE_MINISTACK',
  distribution: 'ministack',
  installHint: 'install it with: pip install ministack   (or run ci/install-emulators.sh; or pass --endpoint)',
  args: () => [],
  env: (port) => ({ GATEWAY_PORT: String(port), BIND_HOST: '127.0.0.1', MINISTACK_HOST: '127.0.0.1', LOG_LEVEL: 'WARNING' }),
  readyPath: '/_ministack/health',
  resetPath: '/_ministack/reset',
  admin: ROOT,
  root: ROOT,
  capabilities: { root: true, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false },
  endpointVersion: (endpoint) => reportedVersion(`${endpoint}/_ministack/health`),
});
