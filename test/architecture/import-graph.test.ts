import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../helpers/cli.ts';

/**
 * The layers of src/, lowest first: a module may import from its own layer and the layers below it,
 * never from a layer above (docs/architecture.md). What every layer shares lives in the lowest one.
 */
export const LAYERS: string[][] = [
  ['iam', 'exit-codes.ts', 'settings.ts', 'model'],
  ['specfile'],
  ['cases'],
  ['mock', 'clients'],
  ['verdict'],
  ['targets'],
  ['runner'],
  ['report', 'baseline', 'compare', 'certify'],
  ['run'],
  ['cli', 'api.ts'],
];

const SRC = join(ROOT, 'src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"](\.[^'"]+)['"]/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module of src/ with the modules of src/ it imports (static, type-only and dynamic imports alike). */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const file of files(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => resolve(dirname(file), (m[1] ?? m[2] ?? m[3])!)).filter((t) => t.startsWith(SRC) && t.endsWith('.ts'));
    g.set(relative(SRC, file), targets.map((t) => relative(SRC, t)));
  }
  return g;
}

function layerOf(module: string): number {
  const top = module.split('/')[0]!;
  const i = LAYERS.findIndex((l) => l.includes(top));
  if (i < 0) throw new Error(`src/${module} is in no layer: add its folder to LAYERS (and to docs/architecture.md)`);
  return i;
}

describe('the import graph of src/', () => {
  const g = graph();

  test('reads the modules and their imports', () => {
    expect(g.size).toBeGreaterThan(50);
    expect(g.get('run/execute.ts')).toContain('runner/run-case.ts');
  });

  test('no import runs from a lower layer to a higher one', () => {
    const upward: string[] = [];
    for (const [from, tos] of g) for (const to of tos) if (layerOf(to) > layerOf(from)) upward.push(`${from} -> ${to}`);
    expect(upward).toEqual([]);
  });

  test('no import cycles', () => {
    // Tarjan's strongly connected components: a component of more than one module is a cycle.
    let index = 0;
    const stack: string[] = [];
    const meta = new Map<string, { index: number; low: number; onStack: boolean }>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      meta.set(v, { index, low: index, onStack: true });
      index++;
      stack.push(v);
      for (const w of g.get(v) ?? []) {
        if (!meta.has(w)) {
          visit(w);
          meta.get(v)!.low = Math.min(meta.get(v)!.low, meta.get(w)!.low);
        } else if (meta.get(w)!.onStack) {
          meta.get(v)!.low = Math.min(meta.get(v)!.low, meta.get(w)!.index);
        }
      }
      if (meta.get(v)!.low === meta.get(v)!.index) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          meta.get(w)!.onStack = false;
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || (g.get(v) ?? []).includes(v)) cycles.push(component.sort());
      }
    };
    for (const v of g.keys()) if (!meta.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });
});
