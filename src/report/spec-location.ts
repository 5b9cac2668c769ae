import { readFileSync } from 'node:fs';
import { parseYaml } from '../specfile/yaml-source.ts';
import type { SpecSet } from '../specfile/types.ts';

export type SpecLocator = (caseId: string) => { file: string; line: number } | undefined;

/**
 * Where in the spec files a case comes from: a scenario's entry under `scenarios:`, or for a generated
 * probe the member under `input:` it probes. CI annotations point there (`::error file=...,line=N`).
 * Each operation's file is parsed once, on first use; a file that cannot be read locates nothing.
 */
export function specLocator(specs: SpecSet): SpecLocator {
  const parsed = new Map<string, { yaml: ReturnType<typeof parseYaml>; lines: string[] } | null>();
  const source = (file: string) => {
    if (!parsed.has(file)) {
      try {
        const text = readFileSync(file, 'utf8');
        parsed.set(file, { yaml: parseYaml(file, text), lines: text.split('\n') });
      } catch {
        parsed.set(file, null);
      }
    }
    return parsed.get(file) ?? undefined;
  };
  return (caseId) => {
    const [operation, second] = caseId.split('/');
    const op = specs.operations.find((o) => o.operation === operation);
    if (!op || !second) return undefined;
    const src = source(op.file);
    if (!src) return undefined;
    const scenario = op.scenarios.findIndex((s) => `${op.operation}/${s.id}` === caseId);
    if (scenario >= 0) {
      const at = src.yaml.position(`/scenarios/${scenario}`);
      return at ? { file: repoPath(op.file), line: at.line } : undefined;
    }
    if (!op.input.some((m) => m.name === second)) return undefined;
    // The member's value starts below its key: the entry's line is the key's, the nearest above it.
    const at = src.yaml.position(`/input/${second}`);
    if (!at) return undefined;
    let line = at.line;
    const key = new RegExp(`^\\s*${second}\\s*:`);
    while (line > 1 && !key.test(src.lines[line - 1]!)) line--;
    return { file: repoPath(op.file), line };
  };
}

/** `specs/iam/X.yaml` however the spec folder was reached (the package's own, or under node_modules). */
function repoPath(file: string): string {
  const norm = file.replace(/\\/g, '/');
  const i = norm.lastIndexOf('specs/iam/');
  return i >= 0 ? norm.slice(i) : norm;
}
