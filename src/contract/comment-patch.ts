/**
 * Building comment edits the way the seed wants them: an edit is a JSON Patch (fast-json-patch's
 * `compare`) over the editable fields only, led by `{op:'test', path:'/version'}` so that a stale
 * edit is refused with 409 instead of overwriting someone else's change.
 */
import { compare } from 'fast-json-patch/module/duplex.mjs';
import { deriveMentionIds, deriveTags } from './markup.js';
import { EDITABLE_COMMENT_FIELDS, type ClipAnnotation, type Operation } from './types.js';

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

// New comments need no JSON Patch: built in ./new-comment.ts, re-exported here where they always were.
export { newComment, type NewCommentInput } from './new-comment.js';
