/**
 * What the reference server's Server-Sent Events routes share (the production's events, a room's stream):
 * the `?access_token=` query (EventSource sends no headers), and opening the stream on a hijacked reply.
 */
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { JsonSchema } from './schemas.js';

/** The querystring of a stream route: the bearer token, when no Authorization header can be sent. */
export const TOKEN_QUERY: JsonSchema = {
  type: 'object',
  properties: { access_token: { type: 'string', description: 'The bearer token, when no Authorization header can be sent.' } },
  additionalProperties: false,
};

/**
 * Hijacks `reply` and starts an event stream: the headers (with those hooks set, e.g. CORS, which a hijacked
 * reply must write itself), the client's reconnection delay, and a comment every 15 s so that proxies keep
 * the connection. `stopPing` ends the comments (call it when the stream ends).
 */
export function openEventStream(reply: FastifyReply, retryMs: number): { res: ServerResponse; stopPing: () => void } {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    ...reply.getHeaders(),
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  } as Record<string, string>);
  res.write(`retry: ${retryMs}\n\n`);
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  return { res, stopPing: () => clearInterval(ping) };
}
