/** The parameters of an awsQuery request: the form body of a POST, or the query string of a GET. */
export interface QueryRequest {
  action: string;
  version: string;
  /** Every other parameter, flat as on the wire (`Tags.member.1.Key`). */
  params: Map<string, string>;
}

/**
 * AWS reads the query string and the form body alike, so a GET with `?Action=…` works as a POST does.
 * The body is `application/x-www-form-urlencoded`: URLSearchParams decodes `+` and percent escapes.
 * A body parameter wins over a query-string one of the same name.
 */
export function parseQuery(url: URL, body: string): QueryRequest {
  const params = new Map<string, string>();
  for (const [k, v] of url.searchParams) params.set(k, v);
  for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
  const action = params.get('Action') ?? '';
  const version = params.get('Version') ?? '';
  params.delete('Action');
  params.delete('Version');
  return { action, version, params };
}

/**
 * A list of structures as awsQuery flattens it: `Name.member.1.Field=…`, `Name.member.2.Field=…`.
 * Items come back in index order; an index missing in between ends nothing (AWS sorts by index too).
 * `Name=` alone (an empty list, as the SDKs send one) gives no items.
 */
export function decodeList(params: Map<string, string>, name: string): { index: number; fields: Map<string, string> }[] {
  const prefix = `${name}.member.`;
  const items = new Map<number, Map<string, string>>();
  for (const [k, v] of params) {
    if (!k.startsWith(prefix)) continue;
    const m = /^(\d+)\.(.+)$/.exec(k.slice(prefix.length));
    if (!m) continue;
    const index = Number(m[1]);
    if (!items.has(index)) items.set(index, new Map());
    items.get(index)!.set(m[2]!, v);
  }
  return [...items.entries()].sort(([a], [b]) => a - b).map(([index, fields]) => ({ index, fields }));
}

/** A list of scalars on the wire (`ClientIDList.member.1=a`): its items in order, 1-based as sent. */
export function decodeScalarList(params: Map<string, string>, name: string): { index: number; value: string }[] {
  const prefix = `${name}.member.`;
  const items: { index: number; value: string }[] = [];
  for (const [k, v] of params) {
    if (k.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length))) items.push({ index: Number(k.slice(prefix.length)), value: v });
  }
  return items.sort((a, b) => a.index - b.index);
}

/** Whether any parameter belongs to `name` (the list itself or one of its members). */
export function hasList(params: Map<string, string>, name: string): boolean {
  for (const k of params.keys()) if (k === name || k.startsWith(`${name}.`)) return true;
  return false;
}
