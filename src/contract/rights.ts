/**
 * The rights rules of the seed (DESIGN §3), in one place for the elements (to show or hide actions) and
 * the backends (to refuse with 403): REVIEW_EDIT creates comments and edits/deletes its own;
 * REVIEW_EDIT_ALL edits/deletes any; REVIEW_STATUS_EDIT changes status; SHARE_MANAGE shares playlists;
 * SETTINGS_EDIT edits production and organization settings. "If you can edit a comment, you can remove it."
 */
import type { ClipAnnotation, Id, Right } from './types.js';

type Rights = readonly Right[];

/** Creating a comment (or a reply) needs REVIEW_EDIT — the seed names no other right for it. */
export function canCreateComment(rights: Rights): boolean {
  return rights.includes('REVIEW_EDIT');
}

/** Edit and delete: REVIEW_EDIT_ALL on any comment, REVIEW_EDIT on one's own. */
export function canEditComment(rights: Rights, userId: Id | null | undefined, comment: Pick<ClipAnnotation, 'creatorId'>): boolean {
  if (rights.includes('REVIEW_EDIT_ALL')) return true;
  return rights.includes('REVIEW_EDIT') && userId != null && comment.creatorId === userId;
}

export const canDeleteComment = canEditComment;

export function canChangeStatus(rights: Rights): boolean {
  return rights.includes('REVIEW_STATUS_EDIT');
}

export function canManageShares(rights: Rights): boolean {
  return rights.includes('SHARE_MANAGE');
}

export function canEditSettings(rights: Rights): boolean {
  return rights.includes('SETTINGS_EDIT');
}
