import { createHash } from 'node:crypto';

export function sha256Hex(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The spec digest: `sha256:<hex>` of what `expand` prints (cases.json), as CHANGELOG.md and manifests quote it. */
export function specDigest(casesJson: string | Buffer): string {
  return `sha256:${sha256Hex(casesJson)}`;
}

/** SHA256SUMS in sha256sum's own format (`<hex>  <name>`, text mode), so `sha256sum -c SHA256SUMS` checks it. */
export function formatSums(files: ReadonlyMap<string, Buffer>): string {
  return [...files.keys()].sort().map((name) => `${sha256Hex(files.get(name)!)}  ${name}\n`).join('');
}

/** The entries of a SHA256SUMS file; lines that are not `<64 hex>  <name>` (or `*name`, binary mode) come back as problems. */
export function parseSums(text: string): { entries: Map<string, string>; problems: string[] } {
  const entries = new Map<string, string>();
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) problems.push(`SHA256SUMS line ${i + 1} is not "<sha256>  <file>"`);
    else if (entries.has(m[2]!)) problems.push(`SHA256SUMS lists ${m[2]} twice`);
    else entries.set(m[2]!, m[1]!);
  });
  return { entries, problems };
}
