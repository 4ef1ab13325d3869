/**
 * The rights matrix of the UI (issue 10): principals (studio users with one right set each, share clients
 * with each share setting) × actions × own/other's object. "Allowed" is never restated from the rules: it
 * is what MemoryReviewApi answers when the action is really called as that principal on a fresh store.
 */
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { newComment } from '../../src/contract/comment-patch.js';
import type { ClipAnnotation, Right, ShareSettings } from '../../src/contract/types.js';
import { createDemoFixture } from '../../demo/fixture.js';

export type Principal =
  { label: string; kind: 'studio'; rights: Right[] } | { label: string; kind: 'client'; share: Partial<ShareSettings> };

const CLIENT_BASE: Partial<ShareSettings> = {
  commentsVisible: true,
  commentsCreate: true,
  allowDownload: false,
  allowStatusChange: false,
};

export const PRINCIPALS: Principal[] = [
  { label: 'studio: no rights', kind: 'studio', rights: [] },
  { label: 'studio: REVIEW_EDIT', kind: 'studio', rights: ['REVIEW_EDIT'] },
  { label: 'studio: REVIEW_EDIT_ALL', kind: 'studio', rights: ['REVIEW_EDIT_ALL'] },
  { label: 'studio: REVIEW_STATUS_EDIT', kind: 'studio', rights: ['REVIEW_STATUS_EDIT'] },
  { label: 'studio: SHARE_MANAGE', kind: 'studio', rights: ['SHARE_MANAGE'] },
  { label: 'studio: SETTINGS_EDIT', kind: 'studio', rights: ['SETTINGS_EDIT'] },
  {
    label: 'studio: every right',
    kind: 'studio',
    rights: ['REVIEW_EDIT', 'REVIEW_EDIT_ALL', 'REVIEW_STATUS_EDIT', 'SHARE_MANAGE', 'SETTINGS_EDIT'],
  },
  { label: 'client: comments hidden', kind: 'client', share: { ...CLIENT_BASE, commentsVisible: false, commentsCreate: false } },
  { label: 'client: comments read-only', kind: 'client', share: { ...CLIENT_BASE, commentsCreate: false } },
  { label: 'client: comments writable', kind: 'client', share: { ...CLIENT_BASE } },
  { label: 'client: download on', kind: 'client', share: { ...CLIENT_BASE, allowDownload: true } },
  { label: 'client: download off', kind: 'client', share: { ...CLIENT_BASE, allowDownload: false } },
  { label: 'client: status change on', kind: 'client', share: { ...CLIENT_BASE, allowStatusChange: true } },
  { label: 'client: status change off', kind: 'client', share: { ...CLIENT_BASE, allowStatusChange: false } },
];

/** The acting studio user's id, and the client user (Casey) a share session signs in as. */
export const STUDIO_USER = 9;
export const CLIENT_USER = 401;
/** A root comment by the acting principal, and one by somebody else (Sam's, in the demo data). */
export const OWN_COMMENT = 5101;
export const OTHER_COMMENT = 5001;

function fixtureFor(p: Principal) {
  const fx = createDemoFixture();
  fx.users.push({
    id: STUDIO_USER,
    name: 'Tess Tester',
    email: 'tess@demo.test',
    kind: 'studio',
    rights: p.kind === 'studio' ? p.rights : [],
  });
  const other = fx.comments.find((c) => c.id === OTHER_COMMENT)!;
  const own: ClipAnnotation = {
    ...structuredClone(other),
    id: OWN_COMMENT,
    threadGroupId: OWN_COMMENT,
    start: 20,
    end: 21,
    description: 'My own note on frame 20.',
    mentionIds: [],
    tags: [],
    spatial: null,
    uiLocation: null,
    creatorId: p.kind === 'studio' ? STUDIO_USER : CLIENT_USER,
    creatorName: p.kind === 'studio' ? 'Tess Tester' : 'Casey Client',
  };
  fx.comments.push(own);
  return fx;
}

/** A fresh backend seeded for `p`, and the API acting as `p` on it. */
export async function apiFor(p: Principal): Promise<MemoryReviewApi> {
  const fx = fixtureFor(p);
  if (p.kind === 'studio') return new MemoryReviewApi({ fixture: fx, userId: STUDIO_USER });
  const studio = new MemoryReviewApi({ fixture: fx, userId: 1 });
  const share = await studio.createShare(301, { settings: { ...p.share, requirePassword: false }, password: null });
  const { token } = await studio.anonymous().openShareSession(share.token, { name: 'Casey Client', email: 'casey@client.test' });
  return studio.withToken(token);
}

export interface Action {
  name: string;
  /** Calls the API as the principal; resolves true when the call is allowed (for download: the URL is given). */
  probe(api: MemoryReviewApi): Promise<unknown>;
}

const edit = () => [
  { op: 'test' as const, path: '/version', value: 1 },
  { op: 'replace' as const, path: '/description', value: 'Changed.' },
  // The text no longer mentions or tags anyone: keep the derived lists consistent, as the UI's patch does.
  { op: 'replace' as const, path: '/mentionIds', value: [] },
  { op: 'replace' as const, path: '/tags', value: [] },
];

export const COMMENT_ACTIONS: Action[] = [
  { name: 'create comment', probe: (api) => api.createComment(newComment({ mediaObjectId: 101, description: 'New note.', start: 3 })) },
  {
    name: 'reply to own',
    probe: (api) => api.createComment(newComment({ mediaObjectId: 101, description: 'Reply.', start: 20, relatedToId: OWN_COMMENT })),
  },
  {
    name: 'reply to other’s',
    probe: (api) => api.createComment(newComment({ mediaObjectId: 101, description: 'Reply.', start: 12, relatedToId: OTHER_COMMENT })),
  },
  { name: 'edit own', probe: (api) => api.patchComment(OWN_COMMENT, edit()) },
  { name: 'edit other’s', probe: (api) => api.patchComment(OTHER_COMMENT, edit()) },
  { name: 'delete own', probe: (api) => api.deleteComments([OWN_COMMENT]) },
  { name: 'delete other’s', probe: (api) => api.deleteComments([OTHER_COMMENT]) },
];

export const OTHER_ACTIONS: Action[] = [
  { name: 'change status', probe: (api) => api.setReviewStatus(201, 'APPROVED') },
  { name: 'edit clip name', probe: (api) => api.updateClip(101, { clientName: 'Renamed' }) },
  { name: 'edit reason for review', probe: (api) => api.updateClip(101, { reasonForReview: 'New reason' }) },
  { name: 'reorder playlist', probe: (api) => api.patchPlaylist(301, [{ op: 'move', from: '/clipIds/3', path: '/clipIds/0' }]) },
  { name: 'bulk reason', probe: (api) => api.bulkUpdateReasonForReview([101, 102], 'Bulk reason') },
  { name: 'share', probe: (api) => api.createShare(301, { password: 'secret-1' }) },
  { name: 'edit project settings', probe: (api) => api.patchSettings([{ op: 'replace', path: '/clientVersionName', value: 'name' }]) },
  { name: 'edit org settings', probe: (api) => api.patchOrgSettings([{ op: 'replace', path: '/studioName', value: 'Elsewhere' }]) },
  {
    name: 'download source',
    probe: async (api) => {
      if (!(await api.getClip(101)).sourceUrl) throw new Error('no source URL given');
    },
  },
];

/** True when the API lets `p` do `action` (called for real, on a fresh store). */
export async function allowed(p: Principal, action: Action): Promise<boolean> {
  const api = await apiFor(p);
  try {
    await action.probe(api);
    return true;
  } catch {
    return false;
  }
}
