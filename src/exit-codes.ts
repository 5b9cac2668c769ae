import { constants } from 'node:os';
/** Exit codes CI can act on (README, "Exit codes"). */
export const EXIT = {
  /** Conformant, or exactly as the baseline says. */
  ok: 0,
  /** Differences from AWS (or from the baseline). */
  differences: 1,
  /** Bad usage or a bad spec file. */
  usage: 2,
  /** The run could not be carried out: target down, engine missing, cases that could not run. */
  unavailable: 3,
} as const;

/** The shell's code for a process ended by a signal: 128 + its number (SIGINT 130, SIGTERM 143, SIGHUP 129). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 2);
}

/** An error that ends the command with a message and an exit code, never a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
