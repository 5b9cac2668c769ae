import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { toolsCacheDir } from '../iam/tools-cache.ts';
import { TargetUnavailable } from './types.ts';

/**
 * Emulators that run as a local process (moto, ministack): find the program, start it on a free
 * loopback port, wait until it answers HTTP, and stop it on every exit path — including the CLI's own
 * exit, so a crashed run leaves no server behind.
 */

/**
 * A program: the tools cache's installations (<tools>/<name>-<version>/bin/<program>: the pinned versions
 * the baselines were recorded with; the newest if several), else PATH.
 */
export function findProgram(name: string, toolsDir?: string): string | undefined {
  const cache = toolsCacheDir(toolsDir);
  if (existsSync(cache)) {
    // moto-5.2.10 is newer than moto-5.2.5: compare the numbers in the folder names as numbers.
    const newestFirst = readdirSync(cache).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    const found = newestFirst.map((entry) => join(cache, entry, 'bin', name)).find((p) => existsSync(p));
    if (found) return found;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface StartedProcess {
  child: ChildProcess;
  /** The last lines it printed, for messages when it fails to start. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function startProcess(command: string, args: string[], env: Record<string, string> = {}): StartedProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  running.add(child);
  const lines: string[] = [];
  const keep = (d: Buffer) => {
    lines.push(...d.toString().split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('exit', () => running.delete(child));
  return {
    child,
    output: () => lines.join('\n'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers any HTTP status, the process dies, or the time runs out. */
export async function waitForHttp(url: string, proc: StartedProcess, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new TargetUnavailable(`${what} exited during start-up (code ${proc.child.exitCode})`, tail(proc.output()));
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await proc.stop();
  throw new TargetUnavailable(`${what} did not answer at ${url} within ${timeoutMs / 1000} s`, tail(proc.output()));
}

function tail(text: string): string {
  const lines = text.split('\n').slice(-8);
  return lines.length ? `its last output:\n    ${lines.join('\n    ')}` : '';
}

/** Runs a short command and returns its trimmed stdout, or undefined when it fails. */
export function commandOutput(command: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 ? out.trim() : undefined));
  });
}
