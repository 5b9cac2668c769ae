/**
 * Telling "no response" apart from "a response we did not like". Only the former is an error of
 * the run; any HTTP response, even an HTML error page, is behaviour to judge.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ECONNABORTED',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'NetworkingError']);

export function networkCause(error: unknown): string | undefined {
  // The most specific reason first: fetch's "fetch failed" wraps the socket's ECONNREFUSED.
  let generic: string | undefined;
  for (let e: any = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return `${e.code}${e.message ? `: ${e.message}` : ''}`;
    if (typeof e.name === 'string' && NETWORK_NAMES.has(e.name)) return `${e.name}${e.message ? `: ${e.message}` : ''}`;
    if (e instanceof TypeError && /fetch failed|socket|network/i.test(e.message)) generic ??= e.message;
  }
  return generic;
}
