/**
 * Synced review rooms (issue 23; docs/http-api.md, "Rooms"): one room per playlist, in memory
 * (src/backend/rooms.ts). Join, leave and act are plain POSTs; the room comes back over its own
 * Server-Sent Events stream, the whole room on every change, so a late joiner needs nothing else.
 *
 * Who may join: a member of the production, or a client whose share is of this playlist and allows rooms
 * (`allowRoom`); a studio Preview may not. Each participant is one sign-in (the token's selector). When
 * sessions or shares change (the hub's `accessChanged`: a logout, a share revoked or its settings changed),
 * everyone in a room is checked again and whoever may no longer be there is out at once.
 */
import { markupToPlainText } from '../../../src/contract/markup.js';
import type { Id, RoomAction, RoomEvent, RoomMinutesFormat } from '../../../src/contract/types.js';
import { formatRoomMinutes, Rooms, type RoomCaller } from '../../../src/backend/rooms.js';
import type { RouteModule } from '../context.js';
import { principalOf, reauthorize, type Principal } from '../auth.js';
import type { Repo } from '../db.js';
import { forbidden, notFound } from '../errors.js';
import { errors, params, ref, type JsonSchema } from '../schemas.js';
import { openEventStream, TOKEN_QUERY } from '../event-stream.js';

/** The caller as a room participant, or 403/404 when they may not be in this playlist's room. */
export function roomCaller(repo: Repo, p: Principal, plId: Id): RoomCaller {
  if (!repo.playlist(p.productionId!, plId)) throw notFound(`playlist ${plId}`, 'plId');
  if (p.share) {
    if (p.share.playlistId !== plId) throw notFound(`playlist ${plId}`, 'plId');
    if (p.share.preview) throw forbidden('a Preview cannot join the review room; open the room from the portal');
    if (!p.share.allowRoom) throw forbidden('this share does not let its clients join the review room');
  }
  return { key: p.selector, user: p.user, annotates: p.rights.includes('REVIEW_EDIT') };
}

const roomParams = (): JsonSchema => params('plId');

export const roomRoutes: RouteModule = {
  name: 'rooms',
  register(app, { repo, hub, auth }) {
    const rooms = new Rooms({ clipsOf: (pid, plId) => repo.playlist(pid, plId)?.clipIds ?? null });
    const watched = new Map<string, () => void>();
    /** The minutes keep the notes written and the statuses changed on the room's clips. */
    const watch = (pid: string) => {
      if (watched.has(pid)) return;
      watched.set(
        pid,
        hub.subscribe(pid, ({ event: e }) => {
          if (e.type === 'comment.created' && e.comment.customFields?.internal !== true) {
            const who = repo.user(e.comment.creatorId)?.name ?? '';
            rooms.record(pid, e.comment.mediaObjectId, 'note', who, e.comment.start, markupToPlainText(e.comment.description));
          } else if (e.type === 'status.changed') {
            const label = repo.settings(pid).reviewStatusConfig.possibleValues.find((v) => v.id === e.moa.reviewStatus)?.label;
            rooms.record(pid, e.moa.mediaObjectId, 'status', '', null, label ?? e.moa.reviewStatus);
          }
        }),
      );
    };
    const stopAccess = hub.onAccessChange(() =>
      rooms.recheck((pid, plId, key) => {
        try {
          roomCaller(repo, reauthorize(repo, key, pid), plId);
          return true;
        } catch {
          return false;
        }
      }),
    );
    app.addHook('onClose', async () => {
      stopAccess();
      for (const stop of watched.values()) stop();
      rooms.dispose();
    });

    type Req = { Params: { pid: string; plId: number } };

    app.get<Req>(
      '/production/:pid/rooms/:plId',
      {
        onRequest: auth.production,
        schema: {
          summary: 'The playlist’s review room as it is',
          description: 'For anyone who may join it. 404 when nobody has opened it.',
          tags: ['rooms'],
          params: roomParams(),
          response: { 200: ref('RoomState'), ...errors(401, 403, 404) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        roomCaller(repo, p, request.params.plId);
        const state = rooms.state(p.productionId!, request.params.plId);
        if (!state) throw notFound(`no open room for playlist ${request.params.plId}`, 'plId');
        return state;
      },
    );

    app.post<Req>(
      '/production/:pid/rooms/:plId/join',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Join the playlist’s review room',
          description:
            'Opens the room when nobody is in (the first in drives). Joining again from the same sign-in keeps one’s place. Then open the room’s events stream within 10 s, or the place is given up.',
          tags: ['rooms'],
          params: roomParams(),
          response: { 200: ref('RoomJoin'), ...errors(401, 403, 404) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const caller = roomCaller(repo, p, request.params.plId);
        watch(p.productionId!);
        return rooms.join(p.productionId!, request.params.plId, caller);
      },
    );

    app.post<Req>(
      '/production/:pid/rooms/:plId/leave',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Leave the room at once',
          description: 'A driver who leaves hands control to the next participant (a studio user first).',
          tags: ['rooms'],
          params: roomParams(),
          response: { 204: { type: 'null', description: 'Left (or was not in).' }, ...errors(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        rooms.leave(p.productionId!, request.params.plId, p.selector);
        return reply.code(204).send();
      },
    );

    app.post<Req & { Body: RoomAction }>(
      '/production/:pid/rooms/:plId/actions',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Act in the room: playback, hand over, ask for control, where I am, close',
          description:
            'Answers the room after the action (the same state every participant receives on the stream). Actions apply in the order they arrive; each bumps `seq`, and the last one wins.',
          tags: ['rooms'],
          params: roomParams(),
          body: ref('RoomAction'),
          response: { 200: ref('RoomState'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        roomCaller(repo, p, request.params.plId);
        return rooms.act(p.productionId!, request.params.plId, p.selector, request.body);
      },
    );

    app.get<Req & { Querystring: { format?: RoomMinutesFormat } }>(
      '/production/:pid/rooms/:plId/minutes',
      {
        onRequest: auth.production,
        schema: {
          summary: 'The room’s minutes as Markdown or JSON (the driver’s)',
          description:
            'Who joined and left, clip and frame changes, play and pause, compare, hand-overs, notes written and statuses changed. The driver of the open room may export them, and after the room closed, its last driver.',
          tags: ['rooms'],
          params: roomParams(),
          querystring: {
            type: 'object',
            properties: { format: { type: 'string', enum: ['markdown', 'json'], default: 'markdown' } },
            additionalProperties: false,
          },
          produces: ['text/markdown', 'application/json'],
          response: { 200: { type: 'string', description: 'The minutes.' }, ...errors(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const plId = request.params.plId;
        roomCaller(repo, p, plId);
        const format = request.query.format ?? 'markdown';
        const minutes = rooms.minutes(p.productionId!, plId, p.selector);
        const pid = p.productionId!;
        const text = formatRoomMinutes(minutes, format, {
          title: repo.playlist(pid, plId)?.name ?? `Playlist ${plId}`,
          clipName: (id) => repo.clip(pid, id)?.name ?? `clip ${id}`,
        });
        const filename = `room-${plId}-minutes.${format === 'json' ? 'json' : 'md'}`;
        return reply
          .header('content-type', format === 'json' ? 'application/json; charset=utf-8' : 'text/markdown; charset=utf-8')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(text);
      },
    );

    app.get<Req>(
      '/production/:pid/rooms/:plId/events',
      {
        onRequest: auth.productionQueryToken,
        schema: {
          summary: 'The room as Server-Sent Events',
          description:
            'For a participant who joined: `event: room.state` with the whole room now and on every change, then `event: room.ended` (`closed`, `removed`, `not-allowed`) when their place ends, and the stream ends. While no stream is open the place is held for 10 s. The token may be sent as `?access_token=`.',
          tags: ['rooms'],
          params: roomParams(),
          querystring: TOKEN_QUERY,
          produces: ['text/event-stream'],
          response: { 200: { description: 'A stream of RoomEvent', type: 'string' }, ...errors(401, 403, 404) },
        },
      },
      (request, reply) => {
        const p = principalOf(request);
        const plId = request.params.plId;
        roomCaller(repo, p, plId);
        const { res, stopPing } = openEventStream(reply, 1000);
        let detach: (() => void) | null = null;
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          stopPing();
          detach?.();
          res.end();
        };
        const send = (event: RoomEvent) => {
          if (ended) return;
          res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
          // The place is gone: end the stream (the client does not reconnect after `room.ended`).
          if (event.type === 'room.ended') queueMicrotask(end);
        };
        detach = rooms.attach(p.productionId!, plId, p.selector, send);
        if (!detach) send({ type: 'room.ended', reason: 'removed' });
        request.raw.on('close', end);
        res.on('error', end);
      },
    );
  },
};
