import type { NoteAttachment } from './attachments.js';
import type { Capabilities } from './capabilities.js';
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
  OpenAnswer,
  OpenRequest,
  NewClipAnnotation,
  NleExportFormat,
  NewShare,
  NotificationList,
  NotificationPreferences,
  OrgSettings,
  Page,
  Playlist,
  ProductionSettings,
  PublicShare,
  ReviewEvent,
  RoomAction,
  RoomEvent,
  RoomJoin,
  RoomMinutesFormat,
  RoomState,
  Share,
  ShareChanges,
  ShareSession,
  User,
} from './types.js';

export type { Operation } from './types.js';

/**
 * Per-call options, the optional last argument of every call. `signal` aborts the call: `RestReviewApi`
 * then aborts the request and rejects with a `ReviewApiError` of code `ABORTED` (so a caller still needs
 * one `catch`, and can tell a call it gave up from a failure). A backend may ignore the options.
 */
export interface RequestOptions {
  signal?: AbortSignal;
}

/**
 * What an export does with internal notes (studio only, never shown to clients): `mark` keeps them, each
 * marked `[Internal]` in the file (CSV and JSON carry the flag as data), `omit` leaves them (and their
 * replies) out, for a file that may be forwarded. Default `mark`: nothing is dropped silently, nothing
 * unmarked. A client never gets them either way.
 */
export type InternalNotesInExport = 'mark' | 'omit';

/** Options of an export call. */
export interface ExportRequestOptions extends RequestOptions {
  internalNotes?: InternalNotesInExport;
}

/** Stops a subscription. */
export type Unsubscribe = () => void;

/**
 * Everything the elements ask of a review backend (docs/http-api.md). `RestReviewApi` speaks it over HTTP;
 * `MemoryReviewApi` keeps it in the browser. Every method rejects with a `ReviewApiError`.
 */
export interface ReviewApi {
  readonly productionId: string;

  // — users and rights —
  /**
   * Which optional parts the backend offers (`GET /production/:pid/capabilities`). Optional: a backend
   * without it offers the core only (`CORE_ONLY` of src/contract/capabilities.ts).
   */
  getCapabilities?(options?: RequestOptions): Promise<Capabilities>;
  getMe(options?: RequestOptions): Promise<Me>;
  /**
   * `GET /production/:pid/open`: me, the settings, the capabilities, a playlist, the clips and the first
   * clip in one answer, so a page opens in one round trip (capability `open`). Optional: the elements use
   * it when the backend offers it and make the separate calls when it does not (or answers 404).
   */
  open?(request: OpenRequest, options?: RequestOptions): Promise<OpenAnswer>;
  /** Mention autocomplete: users whose name or e-mail contains `q`. */
  searchUsers(q: string, options?: RequestOptions): Promise<User[]>;

  // — settings —
  getSettings(options?: RequestOptions): Promise<ProductionSettings>;
  /** JSON Patch on the production settings (SETTINGS_EDIT). */
  patchSettings(ops: Operation[], options?: RequestOptions): Promise<ProductionSettings>;
  getOrgSettings(options?: RequestOptions): Promise<OrgSettings>;
  patchOrgSettings(ops: Operation[], options?: RequestOptions): Promise<OrgSettings>;

  // — clips —
  listClips(options?: RequestOptions): Promise<Clip[]>;
  getClip(moId: Id, options?: RequestOptions): Promise<Clip>;
  updateClip(moId: Id, changes: ClipChanges, options?: RequestOptions): Promise<Clip>;
  /**
   * `GET /production/:pid/mo/:moId/versions`: the clips of the same shot or asset as `moId` (itself
   * included), newest version first, shaped as `getClip` answers. A clip of no entity is its only version.
   * A client token sees only the versions inside its share.
   */
  getVersions(moId: Id, options?: RequestOptions): Promise<Clip[]>;
  /** Bulk reason-for-review update of several clips. */
  bulkUpdateReasonForReview(moIds: Id[], reasonForReview: string, options?: RequestOptions): Promise<Clip[]>;

  // — review status —
  /** `GET /production/:pid/mo/:moId/moa`. */
  getMediaObjectAnnotation(moId: Id, options?: RequestOptions): Promise<MediaObjectAnnotation>;
  /** `PATCH /production/:pid/an/:moaId` with `[{op:'add', path:'/reviewStatus', value}]`. */
  setReviewStatus(moaId: Id, reviewStatus: string, options?: RequestOptions): Promise<MediaObjectAnnotation>;

  // — comments —
  searchComments(query: CommentQuery, options?: RequestOptions): Promise<Page<ClipAnnotation>>;
  /** `POST /production/:pid/mo/:moId/clip`. */
  createComment(input: NewClipAnnotation, options?: RequestOptions): Promise<ClipAnnotation>;
  /** `PATCH /production/:pid/an/:anId`, ops led by `{op:'test', path:'/version'}`; 409 when stale. */
  patchComment(id: Id, ops: Operation[], options?: RequestOptions): Promise<ClipAnnotation>;
  /** `DELETE /production/:pid/an/bulk` `{actions:[{action:'DELETE', ids}]}`. */
  deleteComments(ids: Id[], options?: RequestOptions): Promise<void>;
  /**
   * The clip's comments as a file's text in the given format: subtitles, CSV, JSON, or NLE markers (EDL,
   * FCP 7 XML, Premiere, Resolve EDL, OpenTimelineIO; docs/http-api.md, "Exports").
   */
  exportComments(moId: Id, format: ExportFormat, options?: ExportRequestOptions): Promise<string>;
  /**
   * `GET /production/:pid/playlist/:plId/comments/export`: the playlist's clips one after another on one
   * timeline in an NLE format, each with its notes as markers. A client token reaches only its share's
   * playlist. Optional: a backend without it offers no playlist export (the elements then leave it out).
   */
  exportPlaylistComments?(plId: Id, format: NleExportFormat, options?: ExportRequestOptions): Promise<string>;

  // — attachments (capability `attachments`; docs/http-api.md, "Attachments") —
  /** `GET /production/:pid/mo/:moId/attachments`: the files on the clip's notes that the caller may see. */
  listAttachments?(moId: Id, options?: RequestOptions): Promise<NoteAttachment[]>;
  /**
   * `POST /production/:pid/an/:anId/attachments` (multipart, field `file`): attaches a file to a note the
   * caller may edit. Refused with 413 over `MAX_ATTACHMENT_BYTES`, 415 when the content is not one of
   * `ATTACHMENT_TYPES` (whatever its name says).
   */
  uploadAttachment?(commentId: Id, file: Blob, name: string, options?: RequestOptions): Promise<NoteAttachment>;
  /** `DELETE /production/:pid/attachments/:id`: by whoever may edit the note. */
  deleteAttachment?(id: Id, options?: RequestOptions): Promise<void>;

  // — playlists and sharing —
  listPlaylists(options?: RequestOptions): Promise<Playlist[]>;
  getPlaylist(plId: Id, options?: RequestOptions): Promise<Playlist>;
  /** JSON Patch on a playlist; reorder with `move` ops on `/clipIds/i`. */
  patchPlaylist(plId: Id, ops: Operation[], options?: RequestOptions): Promise<Playlist>;
  listShares(plId?: Id, options?: RequestOptions): Promise<Share[]>;
  createShare(plId: Id, input: NewShare, options?: RequestOptions): Promise<Share>;
  getShare(shareId: Id, options?: RequestOptions): Promise<Share>;
  updateShare(shareId: Id, changes: ShareChanges, options?: RequestOptions): Promise<Share>;
  /** Revokes the share: its link answers 410 from then on. */
  deleteShare(shareId: Id, options?: RequestOptions): Promise<void>;
  invite(shareId: Id, invitation: Invitation, options?: RequestOptions): Promise<InvitationResult>;
  listClientUsers(options?: RequestOptions): Promise<ClientUser[]>;
  createClientUser(input: { name: string; email: string }, options?: RequestOptions): Promise<ClientUser>;

  // — client side (no production token needed) —
  getPublicShare(shareToken: string, options?: RequestOptions): Promise<PublicShare>;
  openShareSession(
    shareToken: string,
    input: { password?: string; name?: string; email?: string },
    options?: RequestOptions,
  ): Promise<ShareSession>;

  /**
   * The studio's Preview of a share (needs SHARE_MANAGE in its production): a session that sees exactly what
   * the share's clients see, with no password or name asked, acting as the studio user with no rights
   * (`me.share.preview` is true), so nothing is posted as a client. Optional: without it the client page's
   * Preview mode says the backend cannot preview.
   */
  openSharePreview?(shareToken: string, options?: RequestOptions): Promise<ShareSession>;

  /**
   * The same backend acting with another bearer token (e.g. the one `openShareSession` returned), for the
   * client page. Optional: a custom backend may leave it out and the host then builds the client itself.
   */
  withToken?(token: string): ReviewApi;

  // — notifications (capability `notifications`; docs/http-api.md, "Notifications") —
  /** `GET /production/:pid/notifications?limit=`: the signed-in user's notifications, newest first, and the unread count. */
  listNotifications?(query?: { limit?: number }, options?: RequestOptions): Promise<NotificationList>;
  /** `POST /production/:pid/notifications/read` `{ids}` or `{all: true}`: marks them read; answers the unread count left. */
  markNotificationsRead?(which: Id[] | 'all', options?: RequestOptions): Promise<{ unread: number }>;
  /** `GET /production/:pid/notifications/preferences`. */
  getNotificationPreferences?(options?: RequestOptions): Promise<NotificationPreferences>;
  /** `PUT /production/:pid/notifications/preferences`: how often e-mail brings them (`off`: never). */
  setNotificationPreferences?(preferences: NotificationPreferences, options?: RequestOptions): Promise<NotificationPreferences>;

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

  // — synced review rooms (capability `rooms`; docs/http-api.md, "Rooms") —
  /**
   * `POST /production/:pid/rooms/:plId/join`: enters the playlist's room (opening it when nobody is in; the
   * first in drives). A client needs a share that allows rooms (`allowRoom`). Optional, as are all room calls.
   */
  joinRoom?(plId: Id, options?: RequestOptions): Promise<RoomJoin>;
  /** `POST /production/:pid/rooms/:plId/leave`: leaves at once (a driver who leaves hands control to the next). */
  leaveRoom?(plId: Id, options?: RequestOptions): Promise<void>;
  /**
   * `POST /production/:pid/rooms/:plId/actions`: answers the room after the action. Playback, hand-over,
   * decline and close are the driver's: anyone else gets `FORBIDDEN`.
   */
  sendRoomAction?(plId: Id, action: RoomAction, options?: RequestOptions): Promise<RoomState>;
  /**
   * The room's stream (`GET /production/:pid/rooms/:plId/events`), for a participant who joined: the room in
   * full on every change, and `room.ended` when the caller's place in it ends. `onConnection` as in `subscribe`.
   */
  subscribeRoom?(plId: Id, listener: (event: RoomEvent) => void, onConnection?: (connected: boolean) => void): Unsubscribe;
  /** `GET /production/:pid/rooms/:plId/minutes?format=`: the room's log as Markdown or JSON text (the driver's). */
  exportRoomMinutes?(plId: Id, format: RoomMinutesFormat, options?: RequestOptions): Promise<string>;
}
