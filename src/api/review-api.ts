import type { Operation } from './types.js';
import type {
  ClientUser,
  Clip,
  ClipAnnotation,
  ClipChanges,
  CommentQuery,
  ExportFormat,
  Id,
  Invitation,
  InvitationResult,
  Me,
  MediaObjectAnnotation,
  NewClipAnnotation,
  NewShare,
  OrgSettings,
  Page,
  Playlist,
  ProductionSettings,
  PublicShare,
  ReviewEvent,
  Share,
  ShareChanges,
  ShareSession,
  User,
} from './types.js';

export type { Operation } from './types.js';

/** Stops a subscription. */
export type Unsubscribe = () => void;

/**
 * Everything the elements ask of a review backend (DESIGN §3). `RestReviewApi` speaks it over HTTP;
 * `MemoryReviewApi` keeps it in the browser. Every method rejects with a `ReviewApiError`.
 */
export interface ReviewApi {
  readonly productionId: string;

  // — users and rights —
  getMe(): Promise<Me>;
  /** Mention autocomplete: users whose name or e-mail contains `q`. */
  searchUsers(q: string): Promise<User[]>;

  // — settings —
  getSettings(): Promise<ProductionSettings>;
  /** JSON Patch on the production settings (SETTINGS_EDIT). */
  patchSettings(ops: Operation[]): Promise<ProductionSettings>;
  getOrgSettings(): Promise<OrgSettings>;
  patchOrgSettings(ops: Operation[]): Promise<OrgSettings>;

  // — clips —
  listClips(): Promise<Clip[]>;
  getClip(moId: Id): Promise<Clip>;
  updateClip(moId: Id, changes: ClipChanges): Promise<Clip>;
  /** Bulk reason-for-review update of several clips. */
  bulkUpdateReasonForReview(moIds: Id[], reasonForReview: string): Promise<Clip[]>;

  // — review status —
  /** `GET /production/:pid/mo/:moId/moa`. */
  getMediaObjectAnnotation(moId: Id): Promise<MediaObjectAnnotation>;
  /** `PATCH /production/:pid/an/:moaId` with `[{op:'add', path:'/reviewStatus', value}]`. */
  setReviewStatus(moaId: Id, reviewStatus: string): Promise<MediaObjectAnnotation>;

  // — comments —
  searchComments(query: CommentQuery): Promise<Page<ClipAnnotation>>;
  /** `POST /production/:pid/mo/:moId/clip`. */
  createComment(input: NewClipAnnotation): Promise<ClipAnnotation>;
  /** `PATCH /production/:pid/an/:anId`, ops led by `{op:'test', path:'/version'}`; 409 when stale. */
  patchComment(id: Id, ops: Operation[]): Promise<ClipAnnotation>;
  /** `DELETE /production/:pid/an/bulk` `{actions:[{action:'DELETE', ids}]}`. */
  deleteComments(ids: Id[]): Promise<void>;
  /** The clip's comments as a file's text in the given format. */
  exportComments(moId: Id, format: ExportFormat): Promise<string>;

  // — playlists and sharing —
  listPlaylists(): Promise<Playlist[]>;
  getPlaylist(plId: Id): Promise<Playlist>;
  /** JSON Patch on a playlist; reorder with `move` ops on `/clipIds/i`. */
  patchPlaylist(plId: Id, ops: Operation[]): Promise<Playlist>;
  listShares(plId?: Id): Promise<Share[]>;
  createShare(plId: Id, input: NewShare): Promise<Share>;
  getShare(shareId: Id): Promise<Share>;
  updateShare(shareId: Id, changes: ShareChanges): Promise<Share>;
  /** Revokes the share: its link answers 410 from then on. */
  deleteShare(shareId: Id): Promise<void>;
  invite(shareId: Id, invitation: Invitation): Promise<InvitationResult>;
  listClientUsers(): Promise<ClientUser[]>;
  createClientUser(input: { name: string; email: string }): Promise<ClientUser>;

  // — client side (no production token needed) —
  getPublicShare(shareToken: string): Promise<PublicShare>;
  openShareSession(
    shareToken: string,
    input: { password?: string; name?: string; email?: string },
  ): Promise<ShareSession>;

  /**
   * The same backend acting with another bearer token (e.g. the one `openShareSession` returned), for the
   * client page. Optional: a custom backend may leave it out and the host then builds the client itself.
   */
  withToken?(token: string): ReviewApi;

  // — live —
  /**
   * Pushes changes made elsewhere (`GET /production/:pid/events`). Returns null when the backend has no
   * events stream; the elements then simply do not update live.
   *
   * `onConnection`, optional on both sides, follows the stream's connection: false when it drops, true
   * when it is (re)connected, and the current state soon after subscribing when known. Events sent while
   * it was down are not replayed, so a subscriber reloads what it shows on every reconnection. A backend
   * that never calls it is taken to be connected.
   */
  subscribe(listener: (event: ReviewEvent) => void, onConnection?: (connected: boolean) => void): Unsubscribe | null;
}
