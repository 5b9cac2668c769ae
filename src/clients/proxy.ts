import * as http from 'node:http';
import * as https from 'node:https';

/** The variables a proxy is named by, as curl, the AWS SDKs and Node read them (NO_PROXY exempts hosts). */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARIABLES.some((v) => (env[v] ?? '') !== '');
}

let applied = false;

/**
 * The proxy settings with loopback exempt: local emulators (the mock over loopback, moto, ministack,
 * LocalStack) listen on 127.0.0.1 and never sit behind a proxy, whatever HTTPS_PROXY the machine has.
 */
export function withLoopbackExempt(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const noProxy = [env.NO_PROXY ?? env.no_proxy, 'localhost', '127.0.0.1', '::1'].filter((v) => v !== undefined && v !== '').join(',');
  return { ...env, NO_PROXY: noProxy, no_proxy: noProxy };
}

/**
 * A vendor's endpoint may be reachable only through a proxy. Node's fetch (the raw query client, the
 * pre-flight request) and its global agents use the one the environment names once this has run
 * (Node's http.setGlobalProxyFromEnv, 24.x; an older Node needs NODE_USE_ENV_PROXY=1). Nothing changes
 * when no proxy variable is set. A private CA needs nothing here: Node reads NODE_EXTRA_CA_CERTS itself.
 */
export function useEnvironmentProxy(env: NodeJS.ProcessEnv = process.env): void {
  if (applied || !proxyConfigured(env)) return;
  applied = true;
  (http as unknown as { setGlobalProxyFromEnv?: (e: NodeJS.ProcessEnv) => unknown }).setGlobalProxyFromEnv?.(withLoopbackExempt(env));
}

/**
 * The agents for the JS SDK's request handler, which makes its own and so is not reached by the global
 * setting: with a proxy named, agents that tunnel through it (Node's `proxyEnv`; NO_PROXY and loopback exempt).
 */
export function proxyAgents(env: NodeJS.ProcessEnv = process.env): { httpAgent?: http.Agent; httpsAgent?: https.Agent } {
  useEnvironmentProxy(env);
  if (!proxyConfigured(env)) return {};
  const options = { keepAlive: true, proxyEnv: withLoopbackExempt(env) } as http.AgentOptions;
  return { httpAgent: new http.Agent(options), httpsAgent: new https.Agent(options) };
}
