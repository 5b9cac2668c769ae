import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from '../exit-codes.ts';

/** node:util parseArgs, with its errors turned into usage errors that name the command. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${command}: ${(e as Error).message}\n  (see: iam-conformance ${command} --help)`, EXIT.usage);
  }
}

