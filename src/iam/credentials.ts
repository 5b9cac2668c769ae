/** AWS credentials as the SDKs and our SigV4 signer take them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}
