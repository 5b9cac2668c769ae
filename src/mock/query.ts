/** The parameters of an awsQuery request: the form body of a POST, or the query string of a GET. */
export interface QueryRequest {
  action: string;
  version: string;
  params: Map<string, string>;
}

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
