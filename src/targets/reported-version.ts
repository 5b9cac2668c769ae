/**
 * The version a running emulator reports at a JSON endpoint of its own (`{"version": "..."}`: LocalStack's
 * /_localstack/info, ministack's /_ministack/health, fakecloud's /_fakecloud/health), reduced to its
 * release number ("4.14.0:abc123" or "2026.3.0.dev12" name no baseline file), or undefined.
 */
export async function reportedVersion(url: string, timeoutMs = 5000): Promise<string | undefined> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await r.json()) as { version?: unknown };
    return typeof body.version === 'string' ? body.version.match(/^\d+(?:\.\d+)*/)?.[0] : undefined;
  } catch {
    return undefined;
  }
}
