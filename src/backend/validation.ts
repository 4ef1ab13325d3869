/**
 * Input rules of the review API, as pure functions that throw `ReviewApiError`: used by MemoryReviewApi and
 * the reference server, so that both refuse the same requests with the same status, code, field and
 * message (the contract suite in test/contract checks each backend's answers, the server tests its own).
 * JSON Patches are applied by fast-json-patch; its errors become 400/409 here (docs/http-api.md,
 * "Search, paging and patches").
 */
import { applyPatch, JsonPatchError } from 'fast-json-patch/module/core.mjs';
import { ReviewApiError } from '../contract/errors.js';
import { isXywh } from '../contract/fragments.js';
import {
  MAX_CUSTOM_FIELDS_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_DRAWING_SHAPES,
  MAX_MENTIONS,
  MAX_NAME_LENGTH,
  MAX_SHAPE_POINTS,
  MAX_TAG_LENGTH,
  MAX_TAGS,
} from '../contract/limits.js';
import {
  EDITABLE_COMMENT_FIELDS,
  type Clip,
  type ClipAnnotation,
  type Id,
  type NewClipAnnotation,
  type Operation,
} from '../contract/types.js';

export function badRequest(field: string, message: string): ReviewApiError {
  return new ReviewApiError(400, 'BAD_REQUEST', message, field);
}

/** A stored text over its limit (src/contract/limits.ts): 400 naming the field and the limit. */
export function checkTextLength(field: string, value: unknown, max: number): void {
  if (typeof value === 'string' && value.length > max) throw badRequest(field, `${field} is longer than ${max} characters`);
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
  if (!Array.isArray(c.mentionIds) || !c.mentionIds.every((id) => isInt(id) && id > 0)) {
    throw badRequest('mentionIds', 'mentionIds must be an array of user ids');
  }
  if (c.mentionIds.length > MAX_MENTIONS) throw badRequest('mentionIds', `mentionIds has more than ${MAX_MENTIONS} entries`);
  if (!Array.isArray(c.tags) || !c.tags.every((t) => typeof t === 'string' && t.length > 0)) {
    throw badRequest('tags', 'tags must be an array of non-empty strings');
  }
  if (c.tags.length > MAX_TAGS) throw badRequest('tags', `tags has more than ${MAX_TAGS} entries`);
  const longTag = c.tags.find((t) => t.length > MAX_TAG_LENGTH);
  if (longTag !== undefined) {
    throw badRequest('tags', `tags: ${JSON.stringify(longTag.slice(0, 20) + '…')} is longer than ${MAX_TAG_LENGTH} characters`);
  }
  for (const field of ['spatial', 'uiLocation'] as const) {
    const v = c[field];
    if (v !== null && (typeof v !== 'string' || !isXywh(v))) {
      throw badRequest(field, `${field} must be null or a media fragment xywh=percent:x,y,w,h inside 0..100`);
    }
  }
  if (!isObject(c.customFields)) throw badRequest('customFields', 'customFields must be an object');
  if (JSON.stringify(c.customFields).length > MAX_CUSTOM_FIELDS_LENGTH) {
    throw badRequest('customFields', `customFields is larger than ${MAX_CUSTOM_FIELDS_LENGTH} characters of JSON`);
  }
  // Only the server marks a deleted root (a tombstone); a request never does.
  if (c.customFields.deleted !== undefined) throw badRequest('customFields.deleted', 'customFields.deleted is set by the server only');
  const drawing = c.customFields.drawing;
  if (drawing !== undefined && (!isObject(drawing) || !Array.isArray(drawing.shapes))) {
    throw badRequest('customFields.drawing', 'customFields.drawing must be {shapes: [...]}');
  }
  if (drawing !== undefined) {
    const shapes: unknown[] = drawing.shapes as unknown[];
    if (shapes.length > MAX_DRAWING_SHAPES) {
      throw badRequest('customFields.drawing.shapes', `customFields.drawing has more than ${MAX_DRAWING_SHAPES} shapes`);
    }
    const big = shapes.findIndex((s) => isObject(s) && Array.isArray(s.points) && s.points.length > MAX_SHAPE_POINTS);
    if (big >= 0) {
      throw badRequest(`customFields.drawing.shapes[${big}].points`, `a drawing shape has more than ${MAX_SHAPE_POINTS} points`);
    }
  }
  const internal = c.customFields.internal;
  if (internal !== undefined && typeof internal !== 'boolean') {
    throw badRequest('customFields.internal', 'customFields.internal must be a boolean');
  }
}

/**
 * Mentions must name members of the production (`isMember`; for a client on a share, the studio people on
 * it, docs/http-api.md). `mentionIds` and `tags` are otherwise taken as the client sends them, as the
 * production API does: they need not match the description's markers.
 */
export function validateMentions(mentionIds: readonly Id[], isMember: (userId: Id) => boolean, client = false): void {
  const strangers = [...new Set(mentionIds)].filter((id) => !isMember(id));
  if (strangers.length) {
    const why = client ? 'is not someone the clients of this share may mention' : 'is not in this production';
    throw badRequest('mentionIds', `mentionIds: user ${strangers.join(', ')} ${why}`);
  }
}

/**
 * Checks a new comment against its clip and, for a reply, the comment it replies to (`parent`, already
 * looked up by the caller; pass undefined when `relatedToId` names no visible comment).
 */
export function validateNewComment(input: NewClipAnnotation, clip: Pick<Clip, 'id' | 'media'>, parent: ClipAnnotation | undefined): void {
  if (!isObject(input)) throw badRequest('body', 'the body must be a ClipAnnotation object');
  // Optional, as in the production API: the route says what is created.
  if (input.objectType !== undefined && input.objectType !== 'ClipAnnotation') {
    throw badRequest('objectType', "objectType must be 'ClipAnnotation'");
  }
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

const PATCH_OPS: readonly string[] = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

/** The JSON Pointer names `__proto__` or `constructor/prototype`, which fast-json-patch refuses to touch. */
const namesPrototype = (pointer: string) => /(^|\/)__proto__(\/|$)|(^|\/)constructor\/prototype(\/|$)/.test(pointer);

/**
 * Checks the shape of a JSON Patch: a non-empty array of RFC 6902 ops (fast-json-patch would also run its
 * internal `_get`), each with a string path, and a `from` for move/copy. 400 naming the op.
 */
function checkPatchShape(ops: unknown): asserts ops is Operation[] {
  if (!Array.isArray(ops) || ops.length === 0) throw badRequest('body', 'the body must be a non-empty JSON Patch array');
  ops.forEach((op: unknown, i) => {
    if (!isObject(op)) throw badRequest(`[${i}]`, `[${i}] must be a JSON Patch op object`);
    if (typeof op.op !== 'string' || !PATCH_OPS.includes(op.op))
      throw badRequest(`[${i}].op`, `[${i}].op must be one of: ${PATCH_OPS.join(', ')}`);
    if (typeof op.path !== 'string') throw badRequest(`[${i}].path`, `[${i}].path is required`);
    if ((op.op === 'move' || op.op === 'copy') && typeof op.from !== 'string')
      throw badRequest(`[${i}].from`, `[${i}].from is required for ${op.op}`);
    for (const pointer of [op.path, op.from]) {
      if (typeof pointer === 'string' && namesPrototype(pointer)) {
        throw badRequest(`[${i}].path`, `[${i}] ${pointer}: a patch may not name __proto__ or constructor/prototype`);
      }
    }
  });
}

/** The top-level field a JSON Pointer starts with ('' for the whole document). */
const topField = (pointer: string) => pointer.split('/')[1] ?? '';

/**
 * Checks that every op of a patch touches one of `allowed` top-level fields (`test` ops may read any).
 * `what` names the document in messages.
 */
export function validatePatchPaths(ops: unknown, allowed: readonly string[], what: string): asserts ops is Operation[] {
  checkPatchShape(ops);
  for (const op of ops) {
    if (op.op === 'test') continue;
    for (const pointer of [op.path, 'from' in op ? op.from : undefined]) {
      if (typeof pointer !== 'string') continue;
      const field = topField(pointer);
      if (!allowed.includes(field)) throw badRequest(field || 'path', `${field || pointer} is not an editable field of ${what}`);
    }
  }
}

/**
 * Checks a comment edit: JSON Patch ops that change only the editable fields. A leading
 * `{op:'test', path:'/version', value:n}` is what the elements send (a stale one answers 409), but it is
 * optional, as in the production API: without it the last write wins.
 */
export function validateCommentPatchOps(ops: unknown): asserts ops is Operation[] {
  validatePatchPaths(ops, EDITABLE_COMMENT_FIELDS, 'a comment');
}

/** Why fast-json-patch refused an op, by its error name, in words an integrator can act on. */
const PATCH_ERROR_REASONS: Partial<Record<InstanceType<typeof JsonPatchError>['name'], string>> = {
  OPERATION_PATH_UNRESOLVABLE: 'the path names nothing in the document',
  OPERATION_FROM_UNRESOLVABLE: '"from" names nothing in the document',
  OPERATION_PATH_CANNOT_ADD: 'the parent of the path does not exist',
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'an array index must be a whole number or "-"',
  OPERATION_VALUE_OUT_OF_BOUNDS: 'the index is past the end of the array',
  OPERATION_VALUE_REQUIRED: 'add, replace and test need a value',
  OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED: 'the value must be plain JSON',
  OPERATION_PATH_INVALID: 'the path must be a JSON Pointer starting with "/"',
};

/**
 * Applies a JSON Patch to a copy of `doc`: `doc` and `ops` are never modified, and the result shares
 * nothing with either, so the caller may set fields on it. All or nothing: when any op fails, nothing of
 * the patch is kept. A failed `test` op becomes 409 CONFLICT (the document changed since it was read);
 * any other patch error becomes 400 naming the op and the field.
 */
export function applyPatchCopy<T>(doc: T, ops: readonly Operation[]): T {
  checkPatchShape(ops);
  // mutateDocument=false patches a deep copy of doc; the ops are copied too, as their values are inserted
  // by reference.
  const copies = structuredClone(ops) as Operation[];
  try {
    return applyPatch(doc, copies, true, false).newDocument;
  } catch (e) {
    // The failing op by identity: fast-json-patch reports index 0 for errors its validator finds.
    const index = e instanceof JsonPatchError ? copies.indexOf(e.operation) : -1;
    if (!(e instanceof JsonPatchError) || index < 0) throw badRequest('body', `invalid JSON Patch: ${(e as Error).message}`);
    const op = ops[index];
    const field = topField(op.path) || 'body';
    if (e.name === 'TEST_OPERATION_FAILED') {
      throw new ReviewApiError(
        409,
        'CONFLICT',
        `test of ${op.path} failed: it was changed by someone else since you loaded it (the patch expects ${JSON.stringify((op as { value?: unknown }).value)})`,
        field,
      );
    }
    const reason = PATCH_ERROR_REASONS[e.name] ?? e.message;
    throw badRequest(field, `JSON Patch op ${index} (${op.op} ${op.path}): ${reason}`);
  }
}

/** A name as compared for impersonation: case, spaces and Unicode compatibility forms ignored. */
const nameKey = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * A client at the share gate may not take the name of a member of the studio (`studioNames`): 400 naming
 * `name`. Their notes would otherwise read as the studio's.
 */
export function checkClientName(name: string, studioNames: readonly string[]): void {
  checkTextLength('name', name, MAX_NAME_LENGTH);
  const key = nameKey(name);
  if (key !== '' && studioNames.some((n) => nameKey(n) === key)) {
    throw badRequest('name', 'This name belongs to a member of the studio; use your own.');
  }
}

/**
 * A deleted root comment kept for the `replies` of others under it: no text, marks or drawing, only who
 * wrote it and when (docs/http-api.md, "Deleting comments"). `modified` is the time of the deletion. Kept
 * only by internal replies, it is internal too: a client seeing it would learn that the studio answered.
 */
export function tombstoneOf(c: ClipAnnotation, replies: readonly ClipAnnotation[], modified: string): ClipAnnotation {
  const internal = !!c.customFields.internal || replies.every((r) => r.customFields.internal);
  return {
    ...c,
    description: '',
    mentionIds: [],
    tags: [],
    spatial: null,
    uiLocation: null,
    customFields: { deleted: true, ...(internal ? { internal: true } : {}) },
    version: c.version + 1,
    modified,
  };
}
