/** Review status: GET /production/:pid/mo/:moId/moa; the PATCH of a MOA is dispatched from comments.ts. */
import type { Operation } from '../../../src/contract/types.js';
import { applyPatchCopy, validatePatchPaths } from '../../../src/backend/validation.js';
import type { MediaObjectAnnotation } from '../../../src/contract/types.js';
import type { RouteModule, ServerContext } from '../context.js';
import { canReachClip, principalOf, requireRight, type Principal } from '../auth.js';
import { badRequest, noSuchComment, notFound } from '../errors.js';
import { errors, params, ref } from '../schemas.js';
import { reachableClip } from './clips.js';

/** `PATCH /an/:moaId` on a MediaObjectAnnotation: `[{op:'add', path:'/reviewStatus', value}]` (REVIEW_STATUS_EDIT). */
export function patchMoa(ctx: ServerContext, p: Principal, moa: MediaObjectAnnotation, ops: Operation[]): MediaObjectAnnotation {
  const { repo, hub } = ctx;
  // As for a comment id: an unreachable clip's MOA answers like an id that does not exist.
  if (!canReachClip(repo, p, moa.mediaObjectId)) throw noSuchComment(moa.id);
  requireRight(p, 'REVIEW_STATUS_EDIT', 'changing the review status');
  validatePatchPaths(ops, ['reviewStatus'], 'a review status (MediaObjectAnnotation)');
  const next = applyPatchCopy(moa, ops);
  const allowed = repo.settings(p.productionId!).reviewStatusConfig.possibleValues.map((v) => v.id);
  if (typeof next.reviewStatus !== 'string' || !allowed.includes(next.reviewStatus)) {
    throw badRequest('reviewStatus', `reviewStatus must be one of ${allowed.join(', ')}`);
  }
  next.modified = new Date().toISOString();
  repo.tx(() => repo.saveMoa(next));
  hub.publish(p.productionId!, { type: 'status.changed', moa: next });
  if (next.reviewStatus !== moa.reviewStatus) ctx.notifier?.statusChanged(p, next);
  return next;
}

export const statusRoutes: RouteModule = {
  name: 'status',
  register(app, { repo, auth }) {
    app.get<{ Params: { moId: number } }>(
      '/production/:pid/mo/:moId/moa',
      {
        onRequest: auth.production,
        schema: {
          summary: "The clip's MediaObjectAnnotation, which carries its review status",
          description:
            'Set the status with `PATCH /production/{pid}/an/{moaId}` `[{"op":"add","path":"/reviewStatus","value":"NEEDS_WORK"}]`.',
          tags: ['review status'],
          params: params('moId'),
          response: { 200: ref('MediaObjectAnnotation'), ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        reachableClip(repo, p, request.params.moId);
        const moa = repo.moaOfClip(p.productionId!, request.params.moId);
        if (!moa) throw notFound(`review status of clip ${request.params.moId}`, 'moId');
        return moa;
      },
    );
  },
};
