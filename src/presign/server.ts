import { createServer } from 'node:http';
import { configFromEnv } from './config';
import { createEndpoint } from './handler';
import { Presigner } from './presigner';

/** `node dist-presign/server.js`: the reference presign endpoint as a plain Node HTTP server. */
const config = configFromEnv();
const endpoint = createEndpoint(config, new Presigner(config));
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    endpoint({
      method: request.method ?? 'GET',
      path: new URL(request.url ?? '/', 'http://endpoint').pathname,
      origin: request.headers.origin,
      body: Buffer.concat(chunks).toString('utf8'),
    })
      .then((reply) => response.writeHead(reply.status, reply.headers).end(reply.body))
      .catch((error: unknown) => {
        console.error(error);
        response.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"Signing failed"}');
      });
  });
});
server.listen(port, host, () =>
  console.log(
    `presign endpoint on http://${host}:${port} for bucket ${config.bucket}, prefixes ${config.allowedPrefixes.join(' ')}`,
  ),
);
