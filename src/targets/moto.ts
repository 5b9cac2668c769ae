import { localEmulator } from './local-emulator.ts';

/**
 * moto's standalone server (pip install 'moto[server]'). It accepts any credentials; its default
 * caller is an IAM user, and it offers no root identity, so root-caller cases are skipped.
 */
export const motoTarget = localEmulator({
  name: 'moto',
  summary: "moto's server: started locally (moto_server on PATH or in the tools cache), or at --endpoint",
  program: 'moto_server',
  programEnv: 'IAM_CONFORMANCE_MOTO_SERVER',
  distribution: 'moto',
  installHint: "install it with: pip install 'moto[server]'   (or run ci/install-emulators.sh; or pass --endpoint)",
  args: (port) => ['-H', '127.0.0.1', '-p', String(port)],
  env: () => ({}),
  readyPath: '/moto-api/',
  resetPath: '/moto-api/reset',
  admin: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  capabilities: { root: false, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false },
});
