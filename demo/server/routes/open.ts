/**
 * GET /production/:pid/open — what a page needs to open, in one answer (docs/http-api.md, "Open"): on a
 * phone network each call a page waits for costs a round trip (about 0.6 s), and a page that opens asks
 * for me, the settings, the capabilities, its playlist, the clips and the first clip. The answer is made of
 * the answers of those calls, asked inside the server with the caller's credentials, so the rights, the
 * signed media URLs and the errors are exactly theirs.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clip, Id, OpenAnswer, Playlist } from '../../../src/contract/types.js';
import type { RouteModule } from '../context.js';
import { errors, params, ref } from '../schemas.js';
import { CAPABILITIES_SCHEMA } from './capabilities.js';

/** One inner call's answer: its body, or the caller's error answer as it would have been sent. */
class InnerError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
  ) {
    super(`inner call failed with ${statusCode}`);
  }
}

export const openRoutes: RouteModule = {
  name: 'open',
  register(app, { auth }) {
    app.get<{ Params: { pid: string }; Querystring: { playlistId?: number; moId?: number } }>(
      '/production/:pid/open',
      {
        onRequest: auth.production,
        schema: {
          summary: 'What a page needs to open, in one answer (capability `open`)',
          description:
            'Optional call (capability `open`). The answers of GET /me, /settings, /org/settings (null when refused), /capabilities, ' +
            '/playlist/{playlistId} (null without playlistId), /mo, and /mo/{moId} (default: the playlist’s first clip; null when none). ' +
            'Fails as the first of those calls that fails would.',
          tags: ['users'],
          params: params(),
          querystring: {
            type: 'object',
            properties: { playlistId: { type: 'integer', minimum: 1 }, moId: { type: 'integer', minimum: 1 } },
            additionalProperties: false,
          },
          response: {
            200: {
              type: 'object',
              required: ['me', 'settings', 'org', 'capabilities', 'playlist', 'clips', 'clip'],
              properties: {
                me: ref('Me'),
                settings: ref('ProductionSettings'),
                org: { anyOf: [ref('OrgSettings'), { type: 'null' }] },
                capabilities: CAPABILITIES_SCHEMA,
                playlist: { anyOf: [ref('Playlist'), { type: 'null' }] },
                clips: { type: 'array', items: ref('Clip') },
                clip: { anyOf: [ref('Clip'), { type: 'null' }] },
              },
            },
            ...errors(400, 401, 403, 404, 410),
          },
        },
      },
      async (request, reply) => {
        const base = `/api/production/${encodeURIComponent(request.params.pid)}`;
        const get = innerGet(app, request);
        const { playlistId, moId } = request.query;
        try {
          const [me, settings, org, capabilities, playlist, clips] = await Promise.all([
            get(`${base}/me`),
            get(`${base}/settings`),
            get('/api/org/settings').catch(() => null),
            get(`${base}/capabilities`),
            playlistId ? (get(`${base}/playlist/${playlistId}`) as Promise<Playlist>) : null,
            get(`${base}/mo`) as Promise<Clip[]>,
          ]);
          const firstId: Id | undefined = moId ?? playlist?.clipIds[0];
          const clip = firstId ? ((await get(`${base}/mo/${firstId}`)) as Clip) : null;
          return { me, settings, org, capabilities, playlist, clips, clip } as OpenAnswer;
        } catch (e) {
          if (!(e instanceof InnerError)) throw e;
          return reply.code(e.statusCode).send(e.body);
        }
      },
    );
  },
};

/** GET `url` inside the server with the caller's credentials and language. */
function innerGet(app: FastifyInstance, request: FastifyRequest) {
  const headers: Record<string, string> = {};
  for (const name of ['authorization', 'accept-language']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return async (url: string): Promise<unknown> => {
    const res = await app.inject({ method: 'GET', url, headers });
    const body: unknown = res.body ? JSON.parse(res.body) : null;
    if (res.statusCode !== 200) throw new InnerError(res.statusCode, body);
    return body;
  };
}
