/**
 * Input rules of the review API, as pure functions that throw `ReviewApiError`: used by MemoryReviewApi and
 * meant for the reference server too, so that both refuse the same requests with the same status, code,
 * field and message.
 */
import { applyPatch, JsonPatchError, type Operation } from './json-patch.js';
import { ReviewApiError } from './errors.js';
import { isXywh } from './fragments.js';
import { deriveMentionIds, deriveTags } from './markup.js';
import {
  EDITABLE_COMMENT_FIELDS,
  MAX_DESCRIPTION_LENGTH,
  type Clip,
  type ClipAnnotation,
  type NewClipAnnotation,
} from './types.js';

export function badRequest(field: string, message: string): ReviewApiError {
  return new ReviewApiError(400, 'BAD_REQUEST', message, field);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Checks the fields a comment may carry (on create and after a patch). */
export function validateCommentFields(c: Pick<ClipAnnotation, (typeof EDITABLE_COMMENT_FIELDS)[number]>): void {
  if (typeof c.description !== 'string') throw badRequest('description', 'description must be a string');
  if (c.description.trim() === '') throw badRequest('description', 'description must not be empty');
  if (c.description.length > MAX_DESCRIPTION_LENGTH) {
    throw badRequest('description', `description is longer than ${MAX_DESCRIPTION_LENGTH} characters`);
  }
  if (!Array.isArray(c.mentionIds) || !c.mentionIds.every(isInt)) {
    throw badRequest('mentionIds', 'mentionIds must be an array of user ids');
  }
  if (!Array.isArray(c.tags) || !c.tags.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 100)) {
    throw badRequest('tags', 'tags must be an array of non-empty strings');
  }
  for (const field of ['spatial', 'uiLocation'] as const) {
    const v = c[field];
    if (v !== null && (typeof v !== 'string' || !isXywh(v))) {
      throw badRequest(field, `${field} must be null or a media fragment xywh=percent:x,y,w,h inside 0..100`);
    }
  }
  if (!isObject(c.customFields)) throw badRequest('customFields', 'customFields must be an object');
  const drawing = c.customFields.drawing;
  if (drawing !== undefined && (!isObject(drawing) || !Array.isArray(drawing.shapes))) {
    throw badRequest('customFields.drawing', 'customFields.drawing must be {shapes: [...]}');
  }
  const internal = c.customFields.internal;
  if (internal !== undefined && typeof internal !== 'boolean') {
    throw badRequest('customFields.internal', 'customFields.internal must be a boolean');
  }
}

const sameSet = <T>(given: readonly T[], expected: readonly T[]) =>
  new Set(given).size === given.length && given.length === expected.length && expected.every((v) => given.includes(v));

/**
 * `mentionIds` and `tags` must list exactly what the description's `@{id,Name}` and `#{tag}` markers say
 * (a backend checks rather than guesses, so a client bug shows up as a 400), and mentions name members
 * (`isMember`, when given). Same rule and messages as the reference server.
 */
export function validateMarkup(
  c: Pick<ClipAnnotation, 'description' | 'mentionIds' | 'tags'>,
  isMember?: (userId: number) => boolean,
): void {
  const mentions = deriveMentionIds(c.description);
  if (!sameSet(c.mentionIds, mentions)) {
    throw badRequest('mentionIds', `mentionIds must list exactly the users mentioned in description: [${mentions.join(', ')}]`);
  }
  const tags = deriveTags(c.description);
  if (!sameSet(c.tags, tags)) {
    throw badRequest('tags', `tags must list exactly the #{tag} markers of description: [${tags.map((t) => JSON.stringify(t)).join(', ')}]`);
  }
  const strangers = isMember ? mentions.filter((id) => !isMember(id)) : [];
  if (strangers.length) throw badRequest('mentionIds', `mentionIds: user ${strangers.join(', ')} is not in this production`);
}

/**
 * Checks a new comment against its clip and, for a reply, the comment it replies to (`parent`, already
 * looked up by the caller; pass undefined when `relatedToId` names no visible comment).
 */
export function validateNewComment(
  input: NewClipAnnotation,
  clip: Pick<Clip, 'id' | 'media'>,
  parent: ClipAnnotation | undefined,
): void {
  if (!isObject(input)) throw badRequest('body', 'the body must be a ClipAnnotation object');
  if (input.objectType !== 'ClipAnnotation') throw badRequest('objectType', "objectType must be 'ClipAnnotation'");
  if (input.funnel !== 'ReviewComment') throw badRequest('funnel', "funnel must be 'ReviewComment'");
  if (input.mediaObjectId !== undefined && input.mediaObjectId !== clip.id) {
    throw badRequest('mediaObjectId', `mediaObjectId ${input.mediaObjectId} does not match the clip ${clip.id}`);
  }
  if (!isInt(input.start) || input.start < 0) throw badRequest('start', 'start must be a frame number ≥ 0');
  if (input.start >= clip.media.frameCount) {
    throw badRequest('start', `start ${input.start} is past the last frame (${clip.media.frameCount - 1})`);
  }
  if (input.end !== input.start + 1) throw badRequest('end', 'end must be start + 1 for a ReviewComment');
  validateCommentFields({
    description: input.description,
    mentionIds: input.mentionIds,
    tags: input.tags,
    spatial: input.spatial ?? null,
    uiLocation: input.uiLocation ?? null,
    customFields: input.customFields ?? {},
  });
  if (input.relatedToId != null) {
    if (!isInt(input.relatedToId)) throw badRequest('relatedToId', 'relatedToId must be a comment id or null');
    if (!parent) throw badRequest('relatedToId', `relatedToId ${input.relatedToId} is not a comment`);
    if (parent.mediaObjectId !== clip.id) {
      throw badRequest('relatedToId', 'a reply must be on the same clip as the comment it answers');
    }
    if (parent.relatedToId != null) {
      throw badRequest('relatedToId', 'replies go one level deep: reply to the root comment instead');
    }
  }
}

/**
 * Checks a comment edit: an array of JSON Patch ops whose first op is `{op:'test', path:'/version'}`, and
 * whose other ops touch only the editable fields (`test` ops may read any field).
 */
export function validateCommentPatchOps(ops: unknown): asserts ops is Operation[] {
  if (!Array.isArray(ops) || ops.length === 0) throw badRequest('body', 'the body must be a non-empty JSON Patch array');
  const first = ops[0] as Operation;
  if (!isObject(first) || first.op !== 'test' || first.path !== '/version') {
    throw badRequest('version', "the patch must start with {op:'test', path:'/version', value:<version>}");
  }
  for (const op of ops as Operation[]) {
    if (!isObject(op) || typeof op.path !== 'string') throw badRequest('body', 'every JSON Patch op needs a path');
    if (op.op === 'test') continue;
    const field = op.path.split('/')[1] ?? '';
    if (!(EDITABLE_COMMENT_FIELDS as readonly string[]).includes(field)) {
      throw badRequest(field || 'path', `${field || op.path} is not an editable field of a comment`);
    }
    if ('from' in op && typeof op.from === 'string') {
      const fromField = op.from.split('/')[1] ?? '';
      if (!(EDITABLE_COMMENT_FIELDS as readonly string[]).includes(fromField)) {
        throw badRequest(fromField || 'from', `${fromField || op.from} is not an editable field of a comment`);
      }
    }
  }
}

/**
 * Checks that every op of a patch touches one of `allowed` top-level fields (`test` ops excepted).
 * `what` names the document in messages.
 */
export function validatePatchPaths(ops: unknown, allowed: readonly string[], what: string): asserts ops is Operation[] {
  if (!Array.isArray(ops) || ops.length === 0) throw badRequest('body', 'the body must be a non-empty JSON Patch array');
  for (const op of ops as Operation[]) {
    if (!isObject(op) || typeof op.path !== 'string') throw badRequest('body', 'every JSON Patch op needs a path');
    if (op.op === 'test') continue;
    for (const path of [op.path, 'from' in op ? op.from : undefined]) {
      if (typeof path !== 'string') continue;
      const field = path.split('/')[1] ?? '';
      if (!allowed.includes(field)) throw badRequest(field || 'path', `${field || path} is not an editable field of ${what}`);
    }
  }
}

/**
 * Applies a JSON Patch to a copy of `doc` (never mutates it; the result shares nothing with it, so the
 * caller may set fields on it). A failed `test` op becomes 409 CONFLICT (someone changed the document
 * since it was read); any other patch error becomes 400 naming the path.
 */
export function applyPatchCopy<T>(doc: T, ops: Operation[]): T {
  try {
    return structuredClone(applyPatch(doc, ops));
  } catch (e) {
    if (!(e instanceof JsonPatchError)) throw badRequest('body', `invalid JSON Patch: ${(e as Error).message}`);
    const path = e.operation.path;
    const field = path?.split('/')[1] || 'body';
    if (e.code === 'TEST_FAILED') {
      throw new ReviewApiError(
        409,
        'CONFLICT',
        field === 'version'
          ? 'the comment was changed by someone else since you loaded it (version mismatch)'
          : `test of ${path} failed: the document changed`,
        field,
      );
    }
    throw badRequest(field, `invalid JSON Patch op on ${path ?? 'the document'}: ${e.reason}`);
  }
}
