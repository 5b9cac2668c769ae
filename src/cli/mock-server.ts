import { readFileSync } from 'node:fs';
import { parse } from './args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { startMockServer } from '../mock/server.ts';
import { createEmulator } from '../mock/emulator.ts';
import { withRealism } from '../mock/realism.ts';

export const MOCK_SERVER_HELP = `iam-conformance mock-server [--port N] [--host ADDR] [--key-delay MS] [--profile-delay MS] [--user-delay MS] [--throttle-rate R]

Serves the reference emulator over HTTP, so any client (boto3, the AWS CLI, another tool) can use it
as an IAM endpoint. Prints the endpoint and the administrator's and root's access keys (emulator
keys, not secrets of any real account). Ctrl-C stops it.

  --port N      port to listen on (default 4599; 0 picks a free one)
  --host ADDR   address to bind (default 127.0.0.1)
  --tls-cert FILE --tls-key FILE   serve HTTPS with this certificate and key (PEM), e.g. one a
                private CA signed: clients then trust the CA with NODE_EXTRA_CA_CERTS (docs/certify.md)

A simulated AWS, to try --target aws without an account (it also answers STS GetCallerIdentity):
  --key-delay MS       a new access key answers InvalidClientTokenId for MS (e.g. 2000)
  --profile-delay MS   a new login profile answers EntityTemporarilyUnmodifiable for MS
  --user-delay MS      a new user answers NoSuchEntity to other calls for MS
  --throttle-rate R    answer this share of requests (0..1) with Throttling
  Then: AWS_ENDPOINT_URL_IAM=URL AWS_ENDPOINT_URL_STS=URL AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=…
        iam-conformance run --target aws --allow-aws-account 123456789012
`;

export async function mockServerCommand(args: string[]): Promise<number> {
  const { values } = parse('mock-server', args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'key-delay': { type: 'string' },
    'profile-delay': { type: 'string' },
    'user-delay': { type: 'string' },
    'throttle-rate': { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(MOCK_SERVER_HELP);
    return EXIT.ok;
  }
  const port = values.port === undefined ? 4599 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`mock-server: --port must be 0..65535, not ${values.port}`, EXIT.usage);
  const number = (name: 'key-delay' | 'profile-delay' | 'user-delay' | 'throttle-rate', max: number) => {
    if (values[name] === undefined) return undefined;
    const v = Number(values[name]);
    if (!Number.isFinite(v) || v < 0 || v > max) throw new CliError(`mock-server: --${name} must be a number from 0 to ${max}, not ${values[name]}`, EXIT.usage);
    return v;
  };
  const realism = {
    keyDelayMs: number('key-delay', 600_000),
    profileDelayMs: number('profile-delay', 600_000),
    userDelayMs: number('user-delay', 600_000),
    throttleRate: number('throttle-rate', 1),
  };
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new CliError('mock-server: --tls-cert and --tls-key go together', EXIT.usage);
  const pem = (name: 'tls-cert' | 'tls-key') => {
    try {
      return readFileSync(values[name]!);
    } catch (e) {
      throw new CliError(`mock-server: --${name} ${values[name]}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, EXIT.usage);
    }
  };
  const tls = values['tls-cert'] === undefined ? undefined : { cert: pem('tls-cert'), key: pem('tls-key') };
  const emulator = createEmulator();
  const front = Object.values(realism).some((v) => v !== undefined) ? withRealism(emulator, realism) : undefined;
  let server;
  try {
    server = await startMockServer({ port, host: values.host ?? '127.0.0.1', emulator, front, ...(tls ? { tls } : {}) });
  } catch (e) {
    throw new CliError(`mock-server: cannot listen on ${values.host ?? '127.0.0.1'}:${port}: ${(e as Error).message}`, EXIT.unavailable);
  }
  const { admin, root } = server.emulator;
  process.stdout.write(
    [
      `iam-conformance mock IAM endpoint: ${server.url}`,
      `account ${server.emulator.accountId}`,
      `administrator: AWS_ACCESS_KEY_ID=${admin.accessKeyId} AWS_SECRET_ACCESS_KEY=${admin.secretAccessKey}`,
      `root:          AWS_ACCESS_KEY_ID=${root.accessKeyId} AWS_SECRET_ACCESS_KEY=${root.secretAccessKey}`,
      `example: aws --endpoint-url ${server.url} iam get-user   (with the administrator's keys)`,
      '',
      '# to point the AWS CLI and boto3 at it as the administrator, in a shell:',
      `export AWS_ENDPOINT_URL_IAM=${server.url}`,
      `export AWS_ENDPOINT_URL_STS=${server.url}`,
      `export AWS_ACCESS_KEY_ID=${admin.accessKeyId}`,
      `export AWS_SECRET_ACCESS_KEY=${admin.secretAccessKey}`,
      'export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1',
      '# a user you create may change its own password only with a policy that allows iam:ChangePassword on',
      '# its own ARN (put-user-policy), with the AWS managed policy attached (for a user at the path /:',
      '#   aws iam attach-user-policy --user-name NAME --policy-arn arn:aws:iam::aws:policy/IAMUserChangePassword),',
      '# or with an account password policy that has AllowUsersToChangePassword',
      '',
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return EXIT.ok;
}
