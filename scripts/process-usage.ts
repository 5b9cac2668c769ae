/**
 * What a command costs on this machine, all its processes together (Linux /proc): peak resident memory
 * summed over the process tree at each sample, and CPU seconds. CPU comes from the kernel's own count:
 * the command runs under `sh`, whose cutime/cstime (fields 16 and 17 of /proc/<sh>/stat), read after it
 * has waited for the command, hold the CPU of every descendant that was waited for - exact, not sampled.
 */
import { spawn, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Usage {
  code: number | null;
  wallMs: number;
  cpuSeconds: number;
  peakRssMiB: number;
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const SAMPLE_MS = 25;

export function measure(command: string, args: string[], cwd: string): Promise<Usage> {
  const start = performance.now();
  // The shell runs the command, then prints its own stat line: cutime and cstime include the command's tree.
  const script = '"$@" >/dev/null 2>&1; code=$?; cat /proc/$$/stat; exit $code';
  const sh = spawn('sh', ['-c', script, 'sh', command, ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssKiB(sh.pid!));
  }, SAMPLE_MS);
  let out = '';
  sh.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    sh.on('error', reject);
    sh.on('close', (code) => {
      clearInterval(timer);
      // The command's name may hold spaces or parentheses: the fields are counted after the last ')'.
      const fields = out.slice(out.lastIndexOf(')') + 2).trim().split(/\s+/);
      const cutime = Number(fields[13]);
      const cstime = Number(fields[14]);
      resolve({ code, wallMs: performance.now() - start, cpuSeconds: (cutime + cstime) / TICKS, peakRssMiB: Math.round(peak / 1024) });
    });
  });
}

/** Resident memory of a process and all its descendants now, in KiB (0 for a process already gone). */
function treeRssKiB(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // exited between two reads
    }
  }
  return total;
}
