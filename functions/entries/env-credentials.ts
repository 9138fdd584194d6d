/**
 * The credentials a Lambda finds in its environment, standing in for the SDK's default provider chain in the
 * Lambda bundles (an esbuild alias of `@aws-sdk/credential-provider-node`, see infra/front-door-function.ts).
 * Lambda puts the role's keys in the environment; the chain's files, SSO, STS and metadata lookups (and their
 * nested clients, ~130 KB minified) are never needed there and only cost load time.
 */

interface EnvCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Same name and shape as the chain's export, so the SDK clients pick it up unchanged. */
export const defaultProvider = (_init?: unknown) => async (): Promise<EnvCredentials> => {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!accessKeyId || !secretAccessKey) throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
};
