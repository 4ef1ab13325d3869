/** Playlists: list, one, reorder with JSON Patch `move` ops on /clipIds (SHARE_MANAGE). */
import type { Operation } from '../../../src/contract/types.js';
import { applyPatchCopy, validatePatchPaths } from '../../../src/backend/validation.js';
import type { Id, Playlist } from '../../../src/contract/types.js';
import type { RouteModule } from '../context.js';
import { principalOf, requireRight, type Principal } from '../auth.js';
import type { Repo } from '../db.js';
import { badRequest, notFound } from '../errors.js';
import { errors, params, ref } from '../schemas.js';
import { checkDocument } from '../validate.js';
import { PATCH_CONSUMES } from './settings.js';

/** The playlist, or 404 when unknown or (client token) not the share's. */
export function reachablePlaylist(repo: Repo, p: Principal, plId: Id): Playlist {
  const pl = repo.playlist(p.productionId!, plId);
  if (!pl || (p.share && p.share.playlistId !== plId)) throw notFound(`playlist ${plId}`, 'plId');
  return pl;
}

export const playlistRoutes: RouteModule = {
  name: 'playlists',
  register(app, { repo, hub, auth }) {
    app.get(
      '/production/:pid/playlist',
      {
        onRequest: auth.production,
        schema: {
          summary: "The playlists of the production (a client token: only its share's)",
          tags: ['playlists'],
          params: params(),
          response: { 200: { type: 'array', items: ref('Playlist') }, ...errors(401, 403, 404) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const all = repo.playlists(p.productionId!);
        return p.share ? all.filter((pl) => pl.id === p.share!.playlistId) : all;
      },
    );

    app.get<{ Params: { plId: number } }>(
      '/production/:pid/playlist/:plId',
      {
        onRequest: auth.production,
        schema: {
          summary: 'One playlist',
          tags: ['playlists'],
          params: params('plId'),
          response: { 200: ref('Playlist'), ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => reachablePlaylist(repo, principalOf(request), request.params.plId),
    );

    app.patch<{ Params: { plId: number }; Body: Operation[] }>(
      '/production/:pid/playlist/:plId',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Reorder (or rename) a playlist with a JSON Patch (SHARE_MANAGE)',
          description:
            'Reorder: `[{"op":"move","from":"/clipIds/3","path":"/clipIds/0"}]`; rename: `replace /name`. The result must list existing clips, each once.',
          tags: ['playlists'],
          params: params('plId'),
          consumes: PATCH_CONSUMES,
          body: ref('JsonPatch'),
          response: { 200: ref('Playlist'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        requireRight(p, 'SHARE_MANAGE', 'changing a playlist');
        const pl = reachablePlaylist(repo, p, request.params.plId);
        validatePatchPaths(request.body, ['clipIds', 'name'], 'a playlist');
        const next = repo.tx(() => {
          const patched = applyPatchCopy(pl, request.body);
          checkDocument('Playlist', patched);
          if (!patched.name.trim()) throw badRequest('name', 'name must not be empty');
          const known = new Set(repo.clips(p.productionId!).map((c) => c.id));
          if (new Set(patched.clipIds).size !== patched.clipIds.length || !patched.clipIds.every((id) => known.has(id))) {
            throw badRequest('clipIds', 'clipIds must list existing clips, each once');
          }
          repo.savePlaylist(patched);
          return patched;
        });
        hub.publish(p.productionId!, { type: 'playlist.updated', playlist: next });
        return next;
      },
    );
  },
};
