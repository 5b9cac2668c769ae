import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startProgram } from '../../helpers/cli.ts';

const BIN = fileURLToPath(new URL('../../../bin/iam-conformance.js', import.meta.url));

/**
 * The mock-server's banner is read by scripts: the administrator line stays as it is, and the exports
 * that point the AWS CLI and boto3 at the server come after it.
 */
describe('mock-server banner', () => {
  test('the administrator line, then exports for the AWS CLI and boto3, and a word on self-service', async () => {
    const { child, done } = startProgram(process.execPath, [BIN, 'mock-server', '--port', '0'], process.env);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 20_000);
      child.stdout!.on('data', () => {
        if (out.includes('Ctrl-C stops it.')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    await done;
    const lines = out.split('\n');
    const admin = lines.findIndex((l) => /^administrator: AWS_ACCESS_KEY_ID=\S+ AWS_SECRET_ACCESS_KEY=\S+$/.test(l));
    expect(admin, out).toBeGreaterThanOrEqual(0);
    const url = /^iam-conformance mock IAM endpoint: (\S+)$/m.exec(out)![1]!;
    const after = lines.slice(admin + 1).join('\n');
    const key = /AWS_ACCESS_KEY_ID=(\S+)/.exec(lines[admin]!)![1];
    expect(after).toContain(`export AWS_ENDPOINT_URL_IAM=${url}`);
    expect(after).toContain(`export AWS_ENDPOINT_URL_STS=${url}`);
    expect(after).toContain(`export AWS_ACCESS_KEY_ID=${key}`);
    expect(after).toMatch(/^export AWS_SECRET_ACCESS_KEY=\S+$/m);
    expect(after).toMatch(/^export AWS_REGION=us-east-1/m);
    expect(after).toMatch(/iam:ChangePassword/);
    expect(after).toContain('--policy-arn arn:aws:iam::aws:policy/IAMUserChangePassword');
  });
});
