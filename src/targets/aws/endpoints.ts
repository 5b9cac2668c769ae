/**
 * Where IAM answers for a region, and the region its requests are signed for: IAM is a global service
 * with one endpoint per partition. The standard settings AWS_ENDPOINT_URL_IAM (or AWS_ENDPOINT_URL)
 * override it, as they do for every AWS SDK — which is also how the suite is pointed at a simulated AWS.
 */
export function iamEndpoint(region: string, env: NodeJS.ProcessEnv = process.env): { endpoint: string; signingRegion: string } {
  const partition = region.startsWith('cn-')
    ? { endpoint: 'https://iam.cn-north-1.amazonaws.com.cn', signingRegion: 'cn-north-1' }
    : region.startsWith('us-gov-')
      ? { endpoint: 'https://iam.us-gov.amazonaws.com', signingRegion: 'us-gov-west-1' }
      : { endpoint: 'https://iam.amazonaws.com', signingRegion: 'us-east-1' };
  const override = env.AWS_ENDPOINT_URL_IAM || env.AWS_ENDPOINT_URL;
  return override ? { ...partition, endpoint: override.replace(/\/$/, '') } : partition;
}
