import { configFromEnv } from './config';
import { createEndpoint } from './handler';
import { Presigner } from './presigner';

/** The HTTP event of a Lambda function URL or an API Gateway HTTP API (payload format 2.0). */
interface HttpEvent {
  rawPath: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { http: { method: string } };
}

let endpoint: ReturnType<typeof createEndpoint> | undefined;

/** `dist-presign/lambda.js` exports `handler`: the same endpoint as a serverless function. */
export async function handler(event: HttpEvent) {
  if (!endpoint) {
    const config = configFromEnv();
    endpoint = createEndpoint(config, new Presigner(config));
  }
  const body = event.body ?? '';
  const reply = await endpoint({
    method: event.requestContext.http.method,
    path: event.rawPath,
    origin: event.headers?.origin,
    body: event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body,
  });
  return { statusCode: reply.status, headers: reply.headers, body: reply.body };
}
