/**
 * A new comment as the seed wants it: a `NewClipAnnotation` pinned to one frame (`end = start + 1`) with
 * `mentionIds`/`tags` derived from the description markup. Apart from the edits (./comment-patch.ts) so that
 * a page that only writes new comments does not load the JSON Patch library.
 */
import { deriveMentionIds, deriveTags } from './markup.js';
import type { CommentCustomFields, Drawing, Id, NewClipAnnotation } from './types.js';

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
