/**
 * The rights rules (README.md's table of demo logins; docs/http-api.md names the right each call needs), in
 * one place for the elements (to show or hide actions) and the backends (to refuse with 403): REVIEW_EDIT
 * creates comments and edits/deletes its own; REVIEW_EDIT_ALL edits/deletes any; REVIEW_STATUS_EDIT changes
 * status; SHARE_MANAGE shares playlists; SETTINGS_EDIT edits production and organization settings. "If you
 * can edit a comment, you can remove it." Then the rules derived from who the viewer is: `isClientViewer`,
 * `canDownload`.
 */
import type { ClipAnnotation, Id, Me, Right } from './types.js';

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

/**
 * True for people who came in through a share (clients), false for studio users: a client user, or any
 * session a share scopes (`me.share`), whatever its user's kind. Clients never see internal notes, cannot
 * write them, and download only what their share allows.
 */
export function isClientViewer(me: Me | null | undefined): boolean {
  return !!me && (me.user.kind === 'client' || !!me.share);
}

/** Downloading a clip's source file: studio users may; clients only when their share allows it. */
export function canDownload(me: Me | null | undefined): boolean {
  return !!me && (!isClientViewer(me) || !!me.share?.allowDownload);
}
