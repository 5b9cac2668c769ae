import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { toolsCacheDir } from '../iam/tools-cache.ts';
import type { JsSdk } from './js-sdk.ts';
import { ClientUnavailable } from './unavailable.ts';

/**
 * `--client js-sdk@<version>`: that exact @aws-sdk/client-iam, installed on first use into the tools
 * cache with a dependency tree of its own (its own @smithy packages: an older SDK is never handed this
 * package's request handler), so an SDK upgrade can be run and compared for real.
 */
export function jsSdkDir(version: string, toolsDir?: string): string {
  return join(toolsCacheDir(toolsDir), `js-sdk-${version}`);
}

export function installJsSdk(version: string, toolsDir: string | undefined, log: (line: string) => void): void {
  const dir = jsSdkDir(version, toolsDir);
  if (existsSync(join(dir, 'node_modules', '@aws-sdk', 'client-iam', 'package.json'))) return;
  log(`iam-conformance: installing @aws-sdk/client-iam ${version} into ${dir} (once)`);
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `@aws-sdk/client-iam@${version}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '').trim().split('\n').find((l) => /ERR/.test(l));
    throw new ClientUnavailable(`--client js-sdk@${version}: npm could not install @aws-sdk/client-iam@${version}: ${stderr ?? (e as Error).message}`, `try: npm install --prefix ${dir} @aws-sdk/client-iam@${version}`);
  }
}

/** The installed version with the request handler of its own tree. */
export async function installedSdk(version: string, toolsDir?: string): Promise<JsSdk> {
  const dir = jsSdkDir(version, toolsDir);
  const requireThere = createRequire(join(dir, 'package.json'));
  let IAM: Record<string, unknown>;
  let handler: { NodeHttpHandler: JsSdk['NodeHttpHandler'] };
  try {
    IAM = requireThere('@aws-sdk/client-iam');
    // The handler the SDK itself would load: resolved from the SDK's own folder.
    const requireSdk = createRequire(requireThere.resolve('@aws-sdk/client-iam/package.json'));
    handler = requireSdk('@smithy/node-http-handler');
  } catch (e) {
    throw new ClientUnavailable(`--client js-sdk@${version}: not installed in ${dir} (${(e as Error).message.split('\n')[0]})`, 'it installs on first use; did that fail?');
  }
  const installed = requireThere('@aws-sdk/client-iam/package.json').version as string;
  return { name: `js-sdk@${version}`, version: installed, IAM, NodeHttpHandler: handler.NodeHttpHandler };
}
