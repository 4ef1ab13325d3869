/** Clips (media objects): list, one, JSON Patch of clientName/reasonForReview, bulk reason for review. */
import type { Operation } from '../../../src/contract/types.js';
import { applyPatchCopy, validatePatchPaths } from '../../../src/backend/validation.js';
import type { Clip, Id } from '../../../src/contract/types.js';
import type { RouteModule } from '../context.js';
import { canReachClip, principalOf, reachableClipIds, requireRight, type Principal } from '../auth.js';
import type { Repo } from '../db.js';
import { notFound } from '../errors.js';
import type { MediaUrls } from '../media-urls.js';
import { errors, MAX_REASON_LENGTH, params, ref } from '../schemas.js';
import { checkDocument } from '../validate.js';
import { PATCH_CONSUMES } from './settings.js';

/** A clip as the caller may see it: clients get the client name as `name` when the production says so, and no source without download. */
export function clipFor(repo: Repo, p: Principal, clip: Clip): Clip {
  if (!p.share) return clip;
  const { clientVersionName } = repo.settings(p.productionId!);
  return {
    ...clip,
    name: clientVersionName === 'clientName' ? (clip.clientName ?? clip.name) : clip.name,
    sourceUrl: p.share.allowDownload ? clip.sourceUrl : null,
  };
}

/** The clip as answered to `p`: `clipFor`, with media URLs signed for `p` (media-urls.ts). */
export function clipShown(repo: Repo, media: MediaUrls, p: Principal, clip: Clip): Clip {
  return media.forClip(p, clipFor(repo, p, clip));
}

/** The clip, or 404 when it does not exist or the caller may not reach it. */
export function reachableClip(repo: Repo, p: Principal, moId: Id): Clip {
  const clip = repo.clip(p.productionId!, moId);
  if (!clip || !canReachClip(repo, p, moId)) throw notFound(`clip ${moId}`, 'moId');
  return clip;
}

export const clipRoutes: RouteModule = {
  name: 'clips',
  register(app, { repo, hub, auth, media }) {
    const shown = (p: Principal, clip: Clip) => clipShown(repo, media, p, clip);
    app.get(
      '/production/:pid/mo',
      {
        onRequest: auth.production,
        schema: {
          summary: "The clips of the production (a client token: its playlist's, in playlist order)",
          tags: ['clips'],
          params: params(),
          response: { 200: { type: 'array', items: ref('Clip') }, ...errors(401, 403, 404) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const reachable = reachableClipIds(repo, p);
        const clips = reachable
          ? [...reachable].map((id) => repo.clip(p.productionId!, id)).filter((c): c is Clip => !!c)
          : repo.clips(p.productionId!);
        return clips.map((c) => shown(p, c));
      },
    );

    app.get<{ Params: { moId: number } }>(
      '/production/:pid/mo/:moId',
      {
        onRequest: auth.production,
        schema: {
          summary: 'One clip',
          tags: ['clips'],
          params: params('moId'),
          response: { 200: ref('Clip'), ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        return shown(p, reachableClip(repo, p, request.params.moId));
      },
    );

    app.get<{ Params: { moId: number } }>(
      '/production/:pid/mo/:moId/versions',
      {
        onRequest: auth.production,
        schema: {
          summary: "The versions of the clip's shot or asset, newest first (a client token: those inside its share)",
          description:
            'Every clip with the same `entityType` and `entityId` as this one, itself included, by `versionNumber` descending ' +
            '(then id descending); shaped as `GET /mo/:moId`. A clip of no entity answers itself alone.',
          tags: ['clips'],
          params: params('moId'),
          response: { 200: { type: 'array', items: ref('Clip') }, ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const clip = reachableClip(repo, p, request.params.moId);
        const reachable = reachableClipIds(repo, p);
        // A client compares only when its share allows it (allowCompare); it sees the versions in the share.
        if (p.share && !p.share.allowCompare) return [shown(p, clip)];
        return repo
          .versions(p.productionId!, clip)
          .filter((c) => reachable === null || reachable.has(c.id))
          .map((c) => shown(p, c));
      },
    );

    app.patch<{ Params: { moId: number }; Body: Operation[] }>(
      '/production/:pid/mo/:moId',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Edit clientName / reasonForReview with a JSON Patch (SHARE_MANAGE)',
          description: 'Example: `[{"op":"replace","path":"/reasonForReview","value":"New grade"}]`. Other paths answer 400.',
          tags: ['clips'],
          params: params('moId'),
          consumes: PATCH_CONSUMES,
          body: ref('JsonPatch'),
          response: { 200: ref('Clip'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        requireRight(p, 'SHARE_MANAGE', 'editing a clip');
        const clip = reachableClip(repo, p, request.params.moId);
        validatePatchPaths(request.body, ['clientName', 'reasonForReview'], 'a clip');
        const next = applyPatchCopy(clip, request.body);
        checkDocument('Clip', next);
        repo.tx(() => repo.saveClip(next));
        hub.publish(p.productionId!, { type: 'clip.updated', clip: next });
        return shown(p, next);
      },
    );

    app.patch<{ Body: { ids: Id[]; reasonForReview: string } }>(
      '/production/:pid/mo/bulk',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Set the reason for review of several clips at once (SHARE_MANAGE)',
          description: 'All or nothing: an unknown id answers 404 and changes no clip.',
          tags: ['clips'],
          params: params(),
          body: {
            type: 'object',
            properties: {
              ids: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, maxItems: 1000, uniqueItems: true },
              reasonForReview: { type: 'string', maxLength: MAX_REASON_LENGTH },
            },
            required: ['ids', 'reasonForReview'],
            additionalProperties: false,
          },
          response: { 200: { type: 'array', items: ref('Clip') }, ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        requireRight(p, 'SHARE_MANAGE', 'editing clips');
        const clips = request.body.ids.map((id) => ({ ...reachableClip(repo, p, id), reasonForReview: request.body.reasonForReview }));
        repo.tx(() => clips.forEach((c) => repo.saveClip(c)));
        for (const clip of clips) hub.publish(p.productionId!, { type: 'clip.updated', clip });
        return clips.map((c) => shown(p, c));
      },
    );
  },
};
