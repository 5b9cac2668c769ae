/**
 * Attempts a client makes per request: one. The runner owns retries (src/runner/retry-policy.ts), the
 * same way for every client: the JS SDK runs with maxAttempts 1, botocore and the AWS CLI with
 * max_attempts 1, so a 500 answer costs one request and a compare across clients shows client
 * differences, not differences of retry machinery.
 */
export const CLIENT_ATTEMPTS = 1;
