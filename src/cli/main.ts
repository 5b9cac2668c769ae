import { CliError, EXIT } from '../exit-codes.ts';
import { SpecErrors } from '../specfile/errors.ts';
import { TargetRefused, TargetUnavailable } from '../targets/types.ts';
import { COMMANDS, usage, versionText } from './commands.ts';

/**
 * Entry point: dispatch to a command; turn every expected failure into a message on stderr and an
 * exit code. A stack trace is printed only for a bug of the tool itself (and with DEBUG=1).
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(await versionText());
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`unknown command "${name}"\n\n${usage()}`, EXIT.usage);
  return command.run(rest);
}

// `iam-conformance expand | head`, `run ... | head`: the reader went away. That ends the output, not the
// command: a run still finishes, writes its reports and exits with its verdict. Without this Node prints
// an unhandled EPIPE with its stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.stdout.write = (() => true) as typeof process.stdout.write;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`iam-conformance: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else if (error instanceof SpecErrors) {
      process.stderr.write(`iam-conformance: ${error.errors.length} problem(s) in the spec files:\n${error.message}\n`);
      process.exitCode = EXIT.usage;
    } else if (error instanceof TargetRefused) {
      process.stderr.write(`iam-conformance: ${error.message}\n`);
      process.exitCode = EXIT.usage;
    } else if (error instanceof TargetUnavailable) {
      process.stderr.write(`iam-conformance: the run could not be carried out: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      process.exitCode = EXIT.unavailable;
    } else {
      const e = error as Error;
      process.stderr.write(`iam-conformance: internal error: ${e?.message ?? String(error)}\n`);
      if (process.env.DEBUG) process.stderr.write(`${e?.stack}\n`);
      process.exitCode = EXIT.unavailable;
    }
  },
);
