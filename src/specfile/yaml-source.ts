import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { SpecError } from './errors.ts';

/** A parsed YAML file that can still say where each value came from. */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Line and column of the value at a JSON pointer, or of its nearest ancestor that has one. */
  position(pointer: string): { line: number; column: number } | undefined;
}

export function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [first] = doc.errors;
  if (first) {
    const offset = first.pos[0];
    const { line, col } = lineCounter.linePos(offset);
    throw new SpecError(file, '', `YAML syntax: ${first.message.split('\n')[0]}`, { line, column: col });
  }
  return {
    file,
    data: doc.toJS({ maxAliasCount: 50 }),
    position(pointer) {
      let path = pointerToPath(pointer);
      while (true) {
        const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
        if (isNode(node) && node.range) {
          const { line, col } = lineCounter.linePos(node.range[0]);
          return { line, column: col };
        }
        if (path.length === 0) return undefined;
        path = path.slice(0, -1);
      }
    },
  };
}

export function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function pathToPointer(path: ReadonlyArray<string | number>): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
