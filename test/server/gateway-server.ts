/**
 * A backend whose routes differ from the contract's, for the mapPath tests of the conformance kit: a gateway
 * in front of the reference server with the routes of docs/examples/map-path.mjs (`/gw/v2/productions/:pid/
 * comments` for the search, `…/annotations/:id` for patches, …). It forwards each request to the reference
 * server's contract route (the event stream and media Range included) and answers 404 to the contract's own
 * paths, as a real backend with other routes would.
 */
import Fastify from 'fastify';
import { Readable } from 'node:stream';

/** The gateway's route → the reference server's contract path (below `/api`), or null: no such route. */
function contractPath(url: string): string | null {
  const [path, query] = url.split(/\?(.*)/s, 2);
  const q = query !== undefined ? `?${query}` : '';
  const rules: Array<[RegExp, string]> = [
    [/^\/gw\/v2\/productions\/([^/]+)\/comments$/, '/api/production/$1/an/search'],
    [/^\/gw\/v2\/productions\/([^/]+)\/comments\/bulk$/, '/api/production/$1/an/bulk'],
    [/^\/gw\/v2\/productions\/([^/]+)\/annotations\/(\d+)$/, '/api/production/$1/an/$2'],
    [/^\/gw\/v2\/productions\/([^/]+)\/annotations\/(\d+)\/attachments$/, '/api/production/$1/an/$2/attachments'],
    [/^\/gw\/v2\/productions\/([^/]+)\/(?!an\/)(.+)$/, '/api/production/$1/$2'],
    [/^\/gw\/v2\/org\/(.+)$/, '/api/org/$1'],
    [/^\/gw\/v2\/public\/shares\/(.+)$/, '/api/share/$1'],
    [/^\/media\/(.+)$/, '/media/$1'],
    [/^\/attachments\/(.+)$/, '/attachments/$1'],
  ];
  for (const [re, to] of rules) if (re.test(path)) return path.replace(re, to) + q;
  return null;
}

const FORWARDED = ['authorization', 'content-type', 'range', 'accept', 'last-event-id'];
const RETURNED = [
  'content-type',
  'content-range',
  'accept-ranges',
  'cache-control',
  'x-pagination-total-results',
  'x-pagination-offset',
  'retry-after',
  'x-content-type-options',
  'content-security-policy',
  'content-disposition',
];

export async function gatewayServer(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ forceCloseConnections: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.all('/*', async (request, reply) => {
    const target = contractPath(request.url);
    if (!target)
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const v = request.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    const abort = new AbortController();
    // The answer done or the caller gone (an event stream closed): stop the upstream request.
    reply.raw.on('close', () => abort.abort());
    const res = await fetch(`${upstream}${target}`, {
      method: request.method,
      headers,
      body: request.body instanceof Buffer && request.body.length ? request.body : undefined,
      signal: abort.signal,
    });
    reply.code(res.status);
    for (const name of RETURNED) {
      const v = res.headers.get(name);
      if (v !== null) reply.header(name, v);
    }
    if (!res.body) return reply.send();
    return reply.send(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
