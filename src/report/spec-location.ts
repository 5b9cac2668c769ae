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
  const parsed = new Map<string, ReturnType<typeof parseYaml> | null>();
  const source = (file: string) => {
    if (!parsed.has(file)) {
      try {
        parsed.set(file, parseYaml(file, readFileSync(file, 'utf8')));
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
    const yaml = source(op.file);
    if (!yaml) return undefined;
    const scenario = op.scenarios.findIndex((s) => `${op.operation}/${s.id}` === caseId);
    const pointer = scenario >= 0 ? `/scenarios/${scenario}` : op.input.some((m) => m.name === second) ? `/input/${second}` : '';
    const at = yaml.position(pointer);
    return at ? { file: repoPath(op.file), line: at.line } : undefined;
  };
}

/** `specs/iam/X.yaml` however the spec folder was reached (the package's own, or under node_modules). */
function repoPath(file: string): string {
  const norm = file.replace(/\\/g, '/');
  const i = norm.lastIndexOf('specs/iam/');
  return i >= 0 ? norm.slice(i) : norm;
}
