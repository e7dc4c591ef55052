import { BUNDLE_CONTENT_TYPES } from '../shared/content-type';
import {
  keyAllowed,
  normaliseKeyPrefix,
  PRESIGN_BATCH_MAX,
  type PresignRefusal,
  type PresignRequest,
  type PresignResponse,
} from '../shared/presign-protocol';
import type { PresignConfig } from './config';
import type { Presigner } from './presigner';

export interface EndpointRequest {
  method: string;
  path: string;
  origin: string | undefined;
  body: string;
}

export interface EndpointResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const BODY_MAX_CHARS = 1024 * 1024;
const CACHE_CONTROL = /^[\x20-\x7e]{0,256}$/;

/** The endpoint, free of any server framework: the Node server and the Lambda handler both call it. */
export function createEndpoint(config: PresignConfig, presigner: Presigner) {
  return async (request: EndpointRequest): Promise<EndpointResponse> => {
    const cors = corsHeaders(config, request.origin);
    const reply = (status: number, json: unknown): EndpointResponse => ({
      status,
      headers: { ...cors, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
      body: JSON.stringify(json),
    });
    const refuse = (status: number, refusal: PresignRefusal) => reply(status, refusal);
    if (request.origin !== undefined && !cors['Access-Control-Allow-Origin']) {
      return refuse(403, { error: `Origin ${request.origin} is not in PRESIGN_ALLOWED_ORIGINS` });
    }
    if (request.method === 'OPTIONS') return { status: 204, headers: cors, body: '' };
    if (request.method !== 'POST') return refuse(405, { error: 'Use POST' });
    if (request.body.length > BODY_MAX_CHARS) return refuse(413, { error: 'Request body too large' });
    let input: unknown;
    try {
      input = JSON.parse(request.body);
    } catch {
      return refuse(400, { error: 'The body is not JSON' });
    }
    if (request.path === '/presign') return presignBatch(config, presigner, input, reply, refuse);
    if (request.path === '/post-policy') {
      const prefix = typeof input === 'object' && input !== null ? (input as { prefix?: unknown }).prefix : undefined;
      let normalised: string;
      try {
        normalised = normaliseKeyPrefix(typeof prefix === 'string' ? prefix : '');
      } catch (error) {
        return refuse(400, { error: (error as Error).message });
      }
      if (!config.allowedPrefixes.some((allowed) => normalised.startsWith(allowed)))
        return refuse(403, { error: 'Prefix outside the allowed prefixes', refused: [normalised] });
      return reply(200, await presigner.postPolicy(normalised));
    }
    return refuse(404, { error: 'Unknown path: use /presign or /post-policy' });
  };
}

async function presignBatch(
  config: PresignConfig,
  presigner: Presigner,
  input: unknown,
  reply: (status: number, json: PresignResponse) => EndpointResponse,
  refuse: (status: number, refusal: PresignRefusal) => EndpointResponse,
): Promise<EndpointResponse> {
  const objects = (input as Partial<PresignRequest> | null)?.objects;
  if (!Array.isArray(objects) || objects.length === 0 || objects.length > PRESIGN_BATCH_MAX) {
    return refuse(400, { error: `objects must be a list of 1 to ${PRESIGN_BATCH_MAX} entries` });
  }
  const malformed = objects.filter(
    (o) =>
      typeof o?.key !== 'string' ||
      !BUNDLE_CONTENT_TYPES.includes(o.contentType) ||
      typeof o.cacheControl !== 'string' ||
      !CACHE_CONTROL.test(o.cacheControl),
  );
  if (malformed.length > 0) {
    return refuse(400, {
      error: `Each object needs a key, a bundle content type (${BUNDLE_CONTENT_TYPES.join(', ')}) and a Cache-Control`,
      refused: malformed.map((o) => String(o?.key)),
    });
  }
  const outside = objects.filter((o) => !keyAllowed(o.key, config.allowedPrefixes)).map((o) => o.key);
  if (outside.length > 0) return refuse(403, { error: 'Keys outside the allowed prefixes', refused: outside });
  const expiresAt = new Date(Date.now() + config.expiresSeconds * 1000).toISOString();
  return reply(200, { expiresAt, objects: await Promise.all(objects.map((o) => presigner.put(o))) });
}

function corsHeaders(config: PresignConfig, origin: string | undefined): Record<string, string> {
  if (origin === undefined || !config.allowedOrigins.includes(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}
