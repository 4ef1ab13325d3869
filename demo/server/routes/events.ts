/**
 * GET /production/:pid/events — Server-Sent Events of review changes: `event: <ReviewEvent.type>`,
 * `data: <ReviewEvent JSON>`, `id:` for Last-Event-ID catch-up, a comment line every 15 s to keep proxies
 * from closing the stream. The token may come as `?access_token=` (EventSource sends no headers). Each
 * event is filtered for the caller exactly as the same data would be over the REST routes.
 */
import type { ReviewEvent } from '../../../src/api/types.js';
import type { RouteModule } from '../context.js';
import { canReachClip, canSeeComment, principalOf, type Principal } from '../auth.js';
import type { Repo } from '../db.js';
import type { HubEntry } from '../hub.js';
import { errors, params } from '../schemas.js';
import { clipFor } from './clips.js';

/** The event as this caller may see it, or null. */
export function eventFor(repo: Repo, p: Principal, entry: HubEntry): ReviewEvent | null {
  const e = entry.event;
  if (!p.share) return e;
  switch (e.type) {
    case 'comment.created':
    case 'comment.updated':
      return canReachClip(repo, p, e.comment.mediaObjectId) && canSeeComment(p, e.comment) ? e : null;
    case 'comment.deleted':
      return canReachClip(repo, p, e.mediaObjectId) && p.share.commentsVisible && !entry.meta.internal ? e : null;
    case 'status.changed':
      return canReachClip(repo, p, e.moa.mediaObjectId) ? e : null;
    case 'clip.updated':
      return canReachClip(repo, p, e.clip.id) ? { type: e.type, clip: clipFor(repo, p, e.clip) } : null;
    case 'playlist.updated':
      return e.playlist.id === p.share.playlistId ? e : null;
  }
}

export const eventRoutes: RouteModule = {
  name: 'events',
  register(app, { repo, hub, auth }) {
    app.get(
      '/production/:pid/events',
      {
        onRequest: auth.productionQueryToken,
        schema: {
          summary: 'Live changes as Server-Sent Events',
          description:
            'Each message: `id: <id>`, `event: <ReviewEvent.type>`, `data: <ReviewEvent JSON>`. Reconnect with `Last-Event-ID` to receive what was missed (recent history only). The token may be sent as `?access_token=` because EventSource cannot send headers.',
          tags: ['events'],
          params: params(),
          querystring: {
            type: 'object',
            properties: { access_token: { type: 'string', description: 'The bearer token, when no Authorization header can be sent.' } },
            additionalProperties: false,
          },
          produces: ['text/event-stream'],
          response: { 200: { description: 'An endless event stream', type: 'string' }, ...errors(401, 403, 404) },
        },
      },
      (request, reply) => {
        const p = principalOf(request);
        reply.hijack();
        const res = reply.raw;
        // Headers set by hooks (CORS) are on the reply; a hijacked reply must write them itself.
        res.writeHead(200, {
          ...reply.getHeaders(),
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
        } as Record<string, string>);
        res.write('retry: 2000\n\n');
        const send = (entry: HubEntry) => {
          const event = eventFor(repo, p, entry);
          if (event) res.write(`id: ${entry.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        };
        const last = request.headers['last-event-id'];
        const unsubscribe = hub.subscribe(p.productionId!, send, typeof last === 'string' ? last : undefined);
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        const stop = () => {
          clearInterval(ping);
          unsubscribe();
        };
        request.raw.on('close', stop);
        res.on('error', stop);
      },
    );
  },
};
