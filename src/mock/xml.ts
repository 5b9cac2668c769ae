import { XMLBuilder } from 'fast-xml-parser';

export const NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: false, processEntities: true });

/** `<XResponse><XResult>…</XResult><ResponseMetadata>…</ResponseMetadata></XResponse>`; no result element for Unit outputs. */
export function successXml(action: string, result: Record<string, unknown> | undefined, requestId: string, namespace = NAMESPACE): string {
  const body: Record<string, unknown> = { '@xmlns': namespace };
  if (result) body[`${action}Result`] = result;
  body.ResponseMetadata = { RequestId: requestId };
  return builder.build({ [`${action}Response`]: body });
}

/** The awsQuery error body; Type is Sender for 4xx and Receiver for 5xx. */
export function errorXml(code: string, message: string, status: number, requestId: string, namespace = NAMESPACE, senderType = 'Sender'): string {
  return builder.build({
    ErrorResponse: {
      '@xmlns': namespace,
      Error: { Type: status >= 500 ? 'Receiver' : senderType, Code: code, Message: message },
      RequestId: requestId,
    },
  });
}

/** Lists in awsQuery XML are `<Name><member>…</member></Name>`. */
export function members<T>(items: T[]): { member: T[] } | string {
  return items.length ? { member: items } : '';
}
