import { parse } from './args.ts';
import { CliError, EXIT } from './exit-codes.ts';
import { startMockServer } from '../mock/server.ts';

export const MOCK_SERVER_HELP = `iam-conformance mock-server [--port N] [--host ADDR]

Serves the reference emulator over HTTP, so any client (boto3, the AWS CLI, another tool) can use it
as an IAM endpoint. Prints the endpoint and the administrator's and root's access keys (emulator
keys, not secrets of any real account). Ctrl-C stops it.

  --port N      port to listen on (default 4599; 0 picks a free one)
  --host ADDR   address to bind (default 127.0.0.1)
`;

export async function mockServerCommand(args: string[]): Promise<number> {
  const { values } = parse('mock-server', args, { port: { type: 'string' }, host: { type: 'string' } });
  if (values.help) {
    process.stdout.write(MOCK_SERVER_HELP);
    return EXIT.ok;
  }
  const port = values.port === undefined ? 4599 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`mock-server: --port must be 0..65535, not ${values.port}`, EXIT.usage);
  let server;
  try {
    server = await startMockServer({ port, host: values.host ?? '127.0.0.1' });
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
