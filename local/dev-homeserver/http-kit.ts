// Owns the wire: reading request bodies, JSON parsing, access-token extraction and writing JSON replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrCode, SynapseErrorReply } from './errors.js';

/** What a route handler answers; the dispatcher writes it (or replaces it when a fault says so). */
export interface Reply {
  status: number;
  body: unknown;
}

export type JsonObject = Record<string, unknown>;

const MAX_BODY_BYTES = 1024 * 1024;

// Synapse sends these on every JSON answer so browser clients can call it directly.
const COMMON_HEADERS = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-cache, no-store, must-revalidate',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'X-Requested-With, Content-Type, Authorization, Date',
};

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  if (size > MAX_BODY_BYTES) throw new SynapseErrorReply(413, ErrCode.TooLarge, 'Request content is too large');
  return Buffer.concat(chunks);
}

/** Parses a body that must be a JSON object; an empty body counts as `{}` only when `allowEmpty`. */
export function parseJsonObject(raw: Buffer, allowEmpty: boolean): JsonObject {
  if (raw.length === 0 && allowEmpty) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new SynapseErrorReply(400, ErrCode.NotJson, 'Content not JSON.');
  }
  if (!isJsonObject(value)) throw new SynapseErrorReply(400, ErrCode.BadJson, 'Content must be a JSON object.');
  return value;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The access token from `Authorization: Bearer` or `?access_token=`, as Synapse reads it. */
export function readAccessToken(req: IncomingMessage, url: URL): string {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const parts = header.split(' ');
    if (parts.length !== 2 || parts[0] !== 'Bearer' || !parts[1]) {
      throw new SynapseErrorReply(401, ErrCode.MissingToken, 'Invalid Authorization header.');
    }
    return parts[1];
  }
  const fromQuery = url.searchParams.get('access_token');
  if (fromQuery) return fromQuery;
  throw new SynapseErrorReply(401, ErrCode.MissingToken, 'Missing access token');
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...COMMON_HEADERS, 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

export function errorReply(error: SynapseErrorReply): Reply {
  return { status: error.status, body: error.toBody() };
}
