import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadBaseline } from './baseline.ts';

/** One committed baseline: the cases a version of a target is known to fail. */
export interface VersionFailures {
  target: string;
  version: string;
  file: string;
  failing: string[];
}

/** A target's conformance over its versions, oldest first, each against the one before. */
export interface TargetHistory {
  target: string;
  versions: Array<VersionFailures & { fixed: string[]; regressed: string[]; previous?: string }>;
}

/**
 * The conformance history of every target with committed baselines: fixtures/baselines/<target>/<version>.yaml
 * (one file per version; a flat <target>.yaml, the older layout, counts as the version it names).
 * For each version: how many cases it fails, which the previous version failed and this one no longer
 * does (fixed) and which it newly fails (regressed).
 */
export function baselineHistory(dir: string): TargetHistory[] {
  if (!existsSync(dir)) return [];
  const byTarget = new Map<string, VersionFailures[]>();
  const add = (file: string, targetFromPath?: string) => {
    const b = loadBaseline(file);
    const target = targetFromPath ?? b.target;
    const version = b.version ?? basename(file).replace(/\.ya?ml$/, '');
    byTarget.set(target, [...(byTarget.get(target) ?? []), { target, version, file, failing: Object.keys(b.cases).sort() }]);
  };
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      for (const f of readdirSync(path).filter((x) => /\.ya?ml$/.test(x)).sort()) add(join(path, f), name);
    } else if (/\.ya?ml$/.test(name)) add(path);
  }
  return [...byTarget.keys()].sort().map((target) => {
    const versions = byTarget.get(target)!.sort((a, b) => compareVersions(a.version, b.version));
    return {
      target,
      versions: versions.map((v, i) => {
        const prev = versions[i - 1];
        if (!prev) return { ...v, fixed: [], regressed: [] };
        const before = new Set(prev.failing);
        const now = new Set(v.failing);
        return { ...v, previous: prev.version, fixed: prev.failing.filter((id) => !now.has(id)), regressed: v.failing.filter((id) => !before.has(id)) };
      }),
    };
  });
}

/** 5.2.1 < 5.2.10 < 2026.3.0: numeric parts compared as numbers, anything else as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const c = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}
