import { useEnvironmentProxy } from '../clients/proxy.ts';
import { networkCause } from '../clients/transport-errors.ts';
import { TargetUnavailable } from './types.ts';

/**
 * One request before any case: an endpoint that is down or refuses connections ends the run at once,
 * naming the URL, instead of failing every case's retries. Any HTTP answer will do.
 */
export async function preflight(endpoint: string, timeoutMs = 8_000): Promise<void> {
  useEnvironmentProxy(); // through the proxy the cases will use, if one is named
  try {
    await fetch(endpoint, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const why = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (networkCause(e) ?? (e as Error).cause?.toString() ?? (e as Error).message);
    throw new TargetUnavailable(`cannot reach ${endpoint}: ${why}`, 'is the endpoint up, and the URL right (scheme, host, port)?');
  }
}
