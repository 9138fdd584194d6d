/**
 * Secrets Manager's GetSecretValue on loopback, as the service speaks it: AWS JSON 1.1 over `POST /`, the code of
 * a refusal in `__type`. It checks each request's SigV4 signature itself (written here from the published
 * algorithm, not the SDK's signer), keeps each call's headers, and answers from a script of faults first when
 * one is given (a throttle, a 5xx, a cut connection), so retries can be seen.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = { status: number; type: string; message?: string } | 'cut';

export interface SecretsManagerCall {
  target: string;
  secretId: string;
  headers: IncomingHttpHeaders;
  /** Whether the signature matched the secret key the stand-in was given (undefined when it was given none). */
  signatureValid?: boolean;
}

export interface SecretsManagerStandIn {
  url: string;
  calls: SecretsManagerCall[];
  /** Answered before any value, one a call, in order. */
  faults: Fault[];
  close(): Promise<void>;
}

/** `secretAccessKey`: check signatures against it (the access key id is whatever the request names). */
export async function startSecretsManager(values: Record<string, string>, options: { secretAccessKey?: string } = {}) {
  const calls: SecretsManagerCall[] = [];
  const faults: Fault[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = String(req.headers['x-amz-target'] ?? '');
      const { SecretId: secretId } = JSON.parse(body || '{}') as { SecretId: string };
      const signatureValid = options.secretAccessKey === undefined ? undefined : sigV4Valid(req, body, options.secretAccessKey);
      calls.push({ target, secretId, headers: req.headers, ...(signatureValid === undefined ? {} : { signatureValid }) });
      const json = (status: number, answer: unknown) =>
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
      const fault = faults.shift();
      if (fault === 'cut') return void req.socket.destroy();
      if (fault) return json(fault.status, { __type: fault.type, message: fault.message ?? fault.type });
      if (signatureValid === false)
        return json(400, { __type: 'InvalidSignatureException', message: 'The request signature we calculated does not match' });
      if (target !== 'secretsmanager.GetSecretValue') return json(400, { __type: 'UnknownOperationException', message: target });
      const value = values[secretId];
      if (value === undefined) {
        return json(400, {
          __type: 'com.amazonaws.secretsmanager#ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret.",
        });
      }
      json(200, { ARN: secretId, Name: secretId.split(':').at(-1), SecretString: value, VersionId: 'v1', CreatedDate: 1_790_000_000 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const standIn: SecretsManagerStandIn = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return standIn;
}

const sha256Hex = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** The `Credential=…/date/region/service/aws4_request` scope of an Authorization header, parsed. */
export function sigV4Scope(authorization: string | undefined) {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization ?? '',
    );
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  return {
    accessKeyId: accessKeyId!,
    date: date!,
    region: region!,
    service: service!,
    signedHeaders: signedHeaders!.split(';'),
    signature: signature!,
  };
}

/** Recomputes the request's signature (AWS Signature Version 4, as AWS documents it) and compares. */
function sigV4Valid(req: IncomingMessage, body: string, secretAccessKey: string): boolean {
  const scope = sigV4Scope(req.headers.authorization);
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!scope || !amzDate.startsWith(scope.date)) return false;
  const [path, query = ''] = (req.url ?? '/').split('?');
  const canonicalHeaders = scope.signedHeaders
    .map(
      (name) =>
        `${name}:${String(req.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [req.method, path, query, canonicalHeaders, scope.signedHeaders.join(';'), sha256Hex(body)].join('\n');
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${secretAccessKey}`, scope.date);
  for (const part of [scope.region, scope.service, 'aws4_request']) key = hmac(key, part);
  return hmac(key, stringToSign).toString('hex') === scope.signature;
}
