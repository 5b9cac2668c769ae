/**
 * What a command costs on this machine, all its processes together (Linux /proc): peak resident memory
 * summed over the process tree at each sample, and CPU seconds. CPU comes from the kernel's own count:
 * the command runs under `sh`, whose cutime/cstime (fields 16 and 17 of /proc/<sh>/stat), read after it
 * has waited for the command, hold the CPU of every descendant that was waited for - exact, not sampled.
 *
 * Two sums of memory: resident (RSS), each process's pages counted in full, and proportional (PSS,
 * /proc/<pid>/smaps_rollup), a page shared by k processes counted 1/k in each. Every Node process of a
 * run maps the same Node binary and libraries (about 60 MiB resident each): RSS counts them once per
 * process, PSS once for the machine, which is what the run takes from it.
 */
import { spawn, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Usage {
  code: number | null;
  wallMs: number;
  cpuSeconds: number;
  peakRssMiB: number;
  peakPssMiB: number;
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const SAMPLE_MS = 25;

export function measure(command: string, args: string[], cwd: string): Promise<Usage> {
  const start = performance.now();
  // The shell runs the command, then prints its own stat line: cutime and cstime include the command's tree.
  const script = '"$@" >/dev/null 2>&1; code=$?; cat /proc/$$/stat; exit $code';
  const sh = spawn('sh', ['-c', script, 'sh', command, ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let peak = 0;
  let peakPss = 0;
  const timer = setInterval(() => {
    const now = treeMemoryKiB(sh.pid!);
    peak = Math.max(peak, now.rss);
    peakPss = Math.max(peakPss, now.pss);
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
      resolve({ code, wallMs: performance.now() - start, cpuSeconds: (cutime + cstime) / TICKS, peakRssMiB: Math.round(peak / 1024), peakPssMiB: Math.round(peakPss / 1024) });
    });
  });
}

/** Resident and proportional memory of a process and all its descendants now, in KiB (0 for a process already gone). */
function treeMemoryKiB(pid: number): { rss: number; pss: number } {
  let rss = 0;
  let pss = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      const rollup = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // exited between two reads
    }
  }
  return { rss, pss };
}
