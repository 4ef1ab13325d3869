/**
 * GET /production/:pid/events — Server-Sent Events of review changes: `event: <ReviewEvent.type>`,
 * `data: <ReviewEvent JSON>`, `id:` for Last-Event-ID catch-up, a comment line every 15 s to keep proxies
 * from closing the stream. The token may come as `?access_token=` (EventSource sends no headers).
 *
 * The caller is authorised again (auth.ts `reauthorize`) for every event, whenever a session or share
 * changes (the hub's `accessChanged`) and when the token expires; once the right is gone the stream ends.
 * Each event is filtered for the caller as it stands then, exactly as the REST routes would answer.
 */
import type { ReviewEvent } from '../../../src/contract/types.js';
import type { RouteModule } from '../context.js';
import { canReachClip, canSeeComment, principalOf, reauthorize, type Principal } from '../auth.js';
import type { Repo } from '../db.js';
import type { HubEntry } from '../hub.js';
import type { MediaUrls } from '../media-urls.js';
import { errors, params } from '../schemas.js';
import { openEventStream, TOKEN_QUERY } from '../event-stream.js';
import { clipShown } from './clips.js';

/** setTimeout's longest delay (about 24.8 days); a longer wait is done in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The event as this caller may see it, or null. */
export function eventFor(repo: Repo, media: MediaUrls, p: Principal, entry: HubEntry): ReviewEvent | null {
  const e = entry.event;
  if (e.type === 'clip.updated' && !p.share) return { type: e.type, clip: clipShown(repo, media, p, e.clip) };
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
      return canReachClip(repo, p, e.clip.id) ? { type: e.type, clip: clipShown(repo, media, p, e.clip) } : null;
    case 'playlist.updated':
      return e.playlist.id === p.share.playlistId ? e : null;
    case 'attachments.changed':
      return canReachClip(repo, p, e.mediaObjectId) && p.share.commentsVisible && !entry.meta.internal ? e : null;
  }
}

export const eventRoutes: RouteModule = {
  name: 'events',
  register(app, { repo, hub, auth, media }) {
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
          querystring: TOKEN_QUERY,
          produces: ['text/event-stream'],
          response: { 200: { description: 'An endless event stream', type: 'string' }, ...errors(401, 403, 404) },
        },
      },
      (request, reply) => {
        const p = principalOf(request);
        const { res, stopPing } = openEventStream(reply, 2000);
        const pid = p.productionId!;
        let timer: NodeJS.Timeout | undefined;
        let stopped = false;
        let unsubscribe = (): void => undefined;
        const stop = () => {
          if (stopped) return;
          stopped = true;
          stopPing();
          clearTimeout(timer);
          unsubscribe();
          stopWatching();
          res.end();
        };
        /** The caller as it stands now; the stream ends when the right to it is gone. */
        const current = (): Principal | null => {
          try {
            return reauthorize(repo, p.selector, pid);
          } catch {
            stop();
            return null;
          }
        };
        const armExpiry = (expires: number) => {
          clearTimeout(timer);
          timer = setTimeout(
            () => {
              const now = current();
              if (now) armExpiry(now.expires);
            },
            Math.min(Math.max(0, expires - Date.now()), MAX_TIMER_MS),
          );
        };
        const send = (entry: HubEntry) => {
          const now = current();
          const event = now && eventFor(repo, media, now, entry);
          if (event) res.write(`id: ${entry.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        };
        const last = request.headers['last-event-id'];
        const stopWatching = hub.onAccessChange(() => {
          const now = current();
          if (now) armExpiry(now.expires);
        });
        // Assigned after the replay, which may already end the stream.
        unsubscribe = hub.subscribe(pid, send, typeof last === 'string' ? last : undefined);
        armExpiry(p.expires);
        request.raw.on('close', stop);
        res.on('error', stop);
      },
    );
  },
};
