/**
 * Building comment requests the way the seed wants them: a new comment is a `NewClipAnnotation` pinned to
 * one frame (`end = start + 1`) with `mentionIds`/`tags` derived from the description markup, and an edit
 * is a JSON Patch over the editable fields only, led by `{op:'test', path:'/version'}` so that a stale
 * edit is refused with 409 instead of overwriting someone else's change.
 */
import { compare } from 'fast-json-patch/module/duplex.mjs';
import { deriveMentionIds, deriveTags } from './markup.js';
import {
  EDITABLE_COMMENT_FIELDS,
  type Operation,
  type ClipAnnotation,
  type CommentCustomFields,
  type Drawing,
  type Id,
  type NewClipAnnotation,
} from './types.js';

export type EditableCommentField = (typeof EDITABLE_COMMENT_FIELDS)[number];
export type CommentEdits = Partial<Pick<ClipAnnotation, EditableCommentField>>;

function pickEditable(source: CommentEdits): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of EDITABLE_COMMENT_FIELDS) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out;
}

/**
 * The JSON Patch turning `old` into `next` (only the editable fields are compared; other fields of `next`
 * are ignored, a field missing from `next` is left unchanged). When `next.description` changes and
 * `next` does not say otherwise, `mentionIds` and `tags` are re-derived from it.
 * Returns `[]` when nothing changes (send nothing); otherwise the ops are led by
 * `{op:'test', path:'/version', value: old.version}`.
 */
export function commentPatch(old: ClipAnnotation, next: CommentEdits): Operation[] {
  const wanted: CommentEdits = { ...next };
  if (next.description !== undefined && next.description !== old.description) {
    wanted.mentionIds ??= deriveMentionIds(next.description);
    wanted.tags ??= deriveTags(next.description);
  }
  const before = pickEditable(old);
  const after = { ...before, ...pickEditable(wanted) };
  const ops = compare(before, after);
  if (ops.length === 0) return [];
  return [{ op: 'test', path: '/version', value: old.version }, ...ops];
}

export interface NewCommentInput {
  mediaObjectId: Id;
  description: string;
  /** 0-based media frame the comment is pinned to. */
  start: number;
  /** Root comment id when this is a reply. */
  relatedToId?: Id | null;
  /** `xywh=percent:…` of the dot on the frame. */
  spatial?: string | null;
  /** `xywh=percent:…` of the comment box. */
  uiLocation?: string | null;
  drawing?: Drawing | null;
  /** Studio-only comment, never shown to clients. */
  internal?: boolean;
  customFields?: CommentCustomFields;
}

/** A `NewClipAnnotation` for `createComment`: one frame long, mentions and tags derived from the text. */
export function newComment(input: NewCommentInput): NewClipAnnotation {
  const customFields: CommentCustomFields = { ...input.customFields };
  if (input.drawing && input.drawing.shapes.length > 0) customFields.drawing = input.drawing;
  if (input.internal) customFields.internal = true;
  return {
    objectType: 'ClipAnnotation',
    funnel: 'ReviewComment',
    mediaObjectId: input.mediaObjectId,
    description: input.description,
    mentionIds: deriveMentionIds(input.description),
    tags: deriveTags(input.description),
    spatial: input.spatial ?? null,
    uiLocation: input.uiLocation ?? null,
    relatedToId: input.relatedToId ?? null,
    start: input.start,
    end: input.start + 1,
    customFields,
  };
}
