import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { pinnedVenv } from '../../src/clients/python/python-clients.ts';
import { startMockServer } from '../../src/mock/server.ts';
import type { Report } from '../../src/report/types.ts';
import { runCli } from '../helpers/cli.ts';
import { hasOpenssl, makePrivateCa, PRIVATE_HOST, startTunnelProxy } from '../helpers/private-ca.ts';

/**
 * A vendor's endpoint behind a private CA, and reachable only through a proxy: the reference emulator
 * over HTTPS with a certificate from a CA made here, and a tunnelling proxy in front of it.
 */
describe.skipIf(!hasOpenssl)('an endpoint behind a private CA and a proxy (needs openssl to make the CA)', () => {
  let ca: ReturnType<typeof makePrivateCa>;
  let server: Awaited<ReturnType<typeof startMockServer>>;
  let proxy: Awaited<ReturnType<typeof startTunnelProxy>>;
  const noProxy = { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', NO_PROXY: '', no_proxy: '', NODE_USE_ENV_PROXY: '' };
  const ids = ['--id', 'ChangePassword/success', '--id', 'CreateLoginProfile/Password/length-*'];
  const run = (client: string, env: Record<string, string>, endpoint = server.url) => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-tls-'));
    const args = ['run', '--target', 'endpoint', '--endpoint', endpoint, '--client', client, ...ids, '--report-dir', dir, '--quiet'];
    const credentials = { AWS_ACCESS_KEY_ID: server.emulator.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: server.emulator.admin.secretAccessKey };
    return runCli(args, { ...noProxy, NODE_EXTRA_CA_CERTS: '', ...credentials, ...env }).then((r) => ({ ...r, dir }));
  };
  const outcomes = (dir: string) => (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report).cases.map((c) => `${c.id} ${c.outcome}`);

  beforeAll(async () => {
    ca = makePrivateCa();
    server = await startMockServer({ port: 0, tls: { cert: ca.cert, key: ca.key } });
    proxy = await startTunnelProxy();
  });
  afterAll(async () => {
    await server?.close();
    await proxy?.close();
  });

  test('the server speaks HTTPS', () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  test('without the CA: the run ends at once as an error of the run (exit 3), naming the URL', async () => {
    const r = await run('js-sdk', {});
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`cannot reach ${server.url}`);
  });

  for (const client of ['js-sdk', 'query']) {
    test(`NODE_EXTRA_CA_CERTS=<the CA>: every case passes (${client})`, async () => {
      const r = await run(client, { NODE_EXTRA_CA_CERTS: ca.caFile });
      expect(r.code, r.stderr).toBe(0);
      const got = outcomes(r.dir);
      expect(got.length).toBeGreaterThan(3);
      expect(got.filter((o) => !o.endsWith(' pass'))).toEqual([]);
    });

    test(`HTTPS_PROXY=<the proxy>: an endpoint only the proxy can reach; every case passes (${client})`, async () => {
      const port = new URL(server.url).port;
      const endpoint = `https://${PRIVATE_HOST}:${port}`;
      const before = proxy.tunnels.length;
      const r = await run(client, { NODE_EXTRA_CA_CERTS: ca.caFile, HTTPS_PROXY: proxy.url }, endpoint);
      expect(r.code, r.stderr).toBe(0);
      const got = outcomes(r.dir);
      expect(got.length).toBeGreaterThan(3);
      expect(got.filter((o) => !o.endsWith(' pass'))).toEqual([]);
      expect(new Set(proxy.tunnels.slice(before))).toEqual(new Set([`${PRIVATE_HOST}:${port}`]));
    });
  }

  // boto3 and the AWS CLI: botocore reads the CA from AWS_CA_BUNDLE (NODE_EXTRA_CA_CERTS is Node's, for the
  // runner's own requests) and the proxy from HTTPS_PROXY. Python's rule differs from Node's: an empty
  // lower-case https_proxy cancels HTTPS_PROXY, so both are set. Needs `bash ci/install-clients.sh`.
  const pythonClients = existsSync(join(pinnedVenv(process.env.IAM_CONFORMANCE_TOOLS), 'bin', 'python'));
  for (const client of ['boto3', 'aws-cli']) {
    test.skipIf(!pythonClients)(`${client}: AWS_CA_BUNDLE=<the CA> through HTTPS_PROXY to an endpoint only the proxy can reach; loopback never proxied`, async () => {
      const port = new URL(server.url).port;
      const endpoint = `https://${PRIVATE_HOST}:${port}`;
      const before = proxy.tunnels.length;
      const viaProxy = await run(client, { NODE_EXTRA_CA_CERTS: ca.caFile, AWS_CA_BUNDLE: ca.caFile, HTTPS_PROXY: proxy.url, https_proxy: proxy.url }, endpoint);
      expect(viaProxy.code, viaProxy.stdout + viaProxy.stderr).toBe(0);
      const got = outcomes(viaProxy.dir);
      expect(got.length).toBeGreaterThan(3);
      // botocore refuses an empty password before sending: that is the client's outcome, not a failure.
      expect(got.filter((o) => !o.endsWith(' pass') && !o.endsWith(' client-rejected'))).toEqual([]);
      expect(got.filter((o) => o.endsWith(' pass')).length).toBeGreaterThan(3);
      expect(new Set(proxy.tunnels.slice(before))).toEqual(new Set([`${PRIVATE_HOST}:${port}`]));

      const tunnels = proxy.tunnels.length;
      const loopback = await run(client, { NODE_EXTRA_CA_CERTS: ca.caFile, AWS_CA_BUNDLE: ca.caFile, HTTPS_PROXY: proxy.url, https_proxy: proxy.url });
      expect(loopback.code, loopback.stderr).toBe(0);
      expect(proxy.tunnels.length).toBe(tunnels);
    }, 120_000);

    test.skipIf(!pythonClients)(`${client}: without AWS_CA_BUNDLE the private CA is not trusted: an error of the run (exit 3), not failed cases`, async () => {
      const r = await run(client, { NODE_EXTRA_CA_CERTS: ca.caFile });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stdout + r.stderr).toMatch(/certificate|SSL/i);
    }, 120_000);
  }

  test('a loopback endpoint (a local emulator) never goes through the proxy, NO_PROXY or not', async () => {
    const before = proxy.tunnels.length;
    const r = await run('js-sdk', { NODE_EXTRA_CA_CERTS: ca.caFile, HTTPS_PROXY: proxy.url });
    expect(r.code, r.stderr).toBe(0);
    expect(proxy.tunnels.length).toBe(before);
  });

  test('without the proxy, that endpoint cannot be reached: exit 3 (so the test above proves the proxy was used)', async () => {
    const r = await run('js-sdk', { NODE_EXTRA_CA_CERTS: ca.caFile }, `https://${PRIVATE_HOST}:${new URL(server.url).port}`);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`cannot reach https://${PRIVATE_HOST}`);
  });

  test('a proxy that is down: an error of the run (exit 3), not failed cases', async () => {
    const r = await run('js-sdk', { NODE_EXTRA_CA_CERTS: ca.caFile, HTTPS_PROXY: 'http://127.0.0.1:9' }, `https://${PRIVATE_HOST}:${new URL(server.url).port}`);
    expect(r.code).toBe(3);
  });
});
