/**
 * Domain types of the review API (docs/http-api.md). Field names follow the production API of the seed
 * (`ClipAnnotation`, `MediaObjectAnnotation`, `reviewStatus`, `relatedToId` …). Ids are numbers, as in the
 * seed's bulk-delete example (`ids: [12345]`).
 */
import type { Capabilities } from './capabilities.js';

export type Id = number;

/**
 * One RFC 6902 JSON Patch operation, fast-json-patch's type (the backends apply patches with it). Elements
 * take it from here with `import type`, so the library stays out of bundles that only build patches.
 */
export type { Operation } from 'fast-json-patch';

/** Rights of the seed plus the two added by this project (docs/http-api.md). */
export type Right = 'REVIEW_EDIT' | 'REVIEW_EDIT_ALL' | 'REVIEW_STATUS_EDIT' | 'SHARE_MANAGE' | 'SETTINGS_EDIT';

export const ALL_RIGHTS: readonly Right[] = ['REVIEW_EDIT', 'REVIEW_EDIT_ALL', 'REVIEW_STATUS_EDIT', 'SHARE_MANAGE', 'SETTINGS_EDIT'];

export interface User {
  id: Id;
  name: string;
  email?: string;
  avatarUrl?: string | null;
  /** `studio` users work at the studio; `client` users come in through a share. */
  kind: 'studio' | 'client';
}

/** `GET /production/:pid/me`. */
export interface Me {
  user: User;
  rights: Right[];
  /** Set when the bearer token came from a share session: what the share allows. */
  share?: ShareSessionScope | null;
}

/** What a client token may see and do, from the share's settings. */
export interface ShareSessionScope {
  shareId: Id;
  playlistId: Id;
  commentsVisible: boolean;
  commentsCreate: boolean;
  allowDownload: boolean;
  allowStatusChange: boolean;
  /** The share lets its clients compare the versions in the playlist (`getVersions`); absent is false. */
  allowCompare?: boolean;
  /** The share lets its clients join the playlist's synced review room (issue 23); absent is false. */
  allowRoom?: boolean;
  /**
   * A studio user's Preview of the share (`openSharePreview`): sees what the clients see, and may change
   * nothing (no rights), whatever the share lets clients do. Absent for a client.
   */
  preview?: boolean;
}

/** A rational frame rate: 24000/1001 is 23.976. `dropFrame` asks for SMPTE drop-frame timecode. */
export interface FrameRate {
  num: number;
  den: number;
  dropFrame: boolean;
}

export interface MediaInfo {
  url: string;
  mimeType: string;
  width: number;
  height: number;
  /** Number of frames; 1 for a still image. */
  frameCount: number;
  frameRate: FrameRate;
}

/** A clip (a media object, `mo`). Its id is the `moId` of the API and the `clip-id` of the elements. */
export interface Clip {
  id: Id;
  /** Internal version name. */
  name: string;
  /** The version name shown to clients when the production says so. */
  clientName: string | null;
  reasonForReview: string;
  media: MediaInfo;
  /** The originally uploaded file, offered as "Download source" when a share allows it. */
  sourceUrl: string | null;
  thumbnailUrl: string | null;
  /**
   * The shot or asset this clip is a version of: `entityType`, `entityId` and `entityName` together, with
   * `versionNumber`. Absent on a clip that belongs to no entity (it is then its only version).
   * `GET /production/:pid/mo/:moId/versions` lists the clips of the same entity, newest first.
   */
  entityType?: EntityType;
  entityId?: Id;
  /** The entity's code, e.g. `hm_010_0040`. */
  entityName?: string;
  /** The version number of this clip within its entity (v012 → 12). */
  versionNumber?: number;
  /**
   * The source timecode of the clip's first frame, as a frame count at `media.frameRate` (the unambiguous
   * form: `parseTimecode('01:00:00:00', rate)` of src/contract/timecode.ts gives 86400 at 23.976, 90000 at 25
   * and 107892 at 29.97 drop-frame). Absent is 0, `00:00:00:00`. Read-only over the API; the NLE exports
   * write their timecodes from it (docs/http-api.md, "Exports").
   */
  timecodeStart?: number;
}

/** What a clip can be a version of. */
export type EntityType = 'Shot' | 'Asset';

/** The editable fields of a clip (`PATCH /production/:pid/mo/:moId`). */
export type ClipChanges = Partial<Pick<Clip, 'clientName' | 'reasonForReview'>>;

/** The clip's MediaObjectAnnotation; it carries the review status. */
export interface MediaObjectAnnotation {
  id: Id;
  mediaObjectId: Id;
  reviewStatus: string;
  modified?: string;
}

/** A shape of a drawing, coordinates normalised to 0..1 of the frame. */
export interface DrawingShape {
  type: 'pen' | 'line' | 'arrow' | 'rect' | 'ellipse' | 'text';
  color: string;
  width: number;
  /** pen: every point; line/arrow/rect/ellipse: two points (start, end); text: one point (anchor). */
  points: Array<[number, number]>;
  text?: string;
}

export interface Drawing {
  shapes: DrawingShape[];
}

export interface CommentCustomFields {
  /** Studio-only comment: never shown to clients. */
  internal?: boolean;
  drawing?: Drawing;
  /**
   * Set by the backend, never by a request: this root comment was deleted but is kept, with an empty
   * description, for the replies of others under it (a tombstone; docs/http-api.md, "Deleting comments").
   */
  deleted?: boolean;
  [key: string]: unknown;
}

/** A review comment: an Annotation with objectType ClipAnnotation and funnel ReviewComment. */
export interface ClipAnnotation {
  id: Id;
  objectType: 'ClipAnnotation';
  funnel: 'ReviewComment';
  mediaObjectId: Id;
  description: string;
  mentionIds: Id[];
  tags: string[];
  /** Media fragment `xywh=percent:x,y,w,h` of the spot on the frame, or null. */
  spatial: string | null;
  /** Media fragment `xywh=percent:x,y,w,h` of the comment box, or null. */
  uiLocation: string | null;
  /** The root comment this one replies to; null for a root. */
  relatedToId: Id | null;
  /** The root comment's id (its own id for a root). */
  threadGroupId: Id;
  /** 0-based media frame. */
  start: number;
  /** Always `start + 1` for a ReviewComment. */
  end: number;
  creatorId: Id;
  /** Display name of the creator, denormalised so a list needs no user lookup. */
  creatorName?: string;
  /**
   * Read-only, set by the backend from the creator's account: `client` for someone who came in through a
   * share, whatever name they gave. Always present in answers; a request's value is ignored.
   */
  creatorKind?: User['kind'];
  created: string;
  modified: string;
  version: number;
  customFields: CommentCustomFields;
}

/** What a client sends to create a comment (`POST /production/:pid/mo/:moId/clip`). */
export interface NewClipAnnotation {
  objectType: 'ClipAnnotation';
  funnel: 'ReviewComment';
  mediaObjectId: Id;
  description: string;
  mentionIds: Id[];
  tags: string[];
  spatial: string | null;
  uiLocation: string | null;
  relatedToId: Id | null;
  start: number;
  end: number;
  customFields: CommentCustomFields;
}

/** Fields of a comment that a JSON Patch may change. */
export const EDITABLE_COMMENT_FIELDS = ['description', 'mentionIds', 'tags', 'spatial', 'uiLocation', 'customFields'] as const;

export interface Page<T> {
  items: T[];
  /** From the `X-Pagination-Total-Results` header. */
  total: number;
  offset: number;
  limit: number;
}

export interface CommentQuery {
  mediaObjectId: Id;
  /** Default `start ASC`. */
  sort?: 'start ASC' | 'start DESC' | 'created ASC' | 'created DESC';
  offset?: number;
  /** Default 200, the seed's page size. */
  limit?: number;
}

/**
 * The files a clip's notes export to: subtitles and data (`vtt`, `srt`, `csv`, `json`) and the NLE marker
 * formats (`edl` CMX 3600 with locators, `fcp7` Final Cut Pro 7 XML, `premiere` the FCP 7 XML Premiere
 * reads with its marker colours, `resolve` DaVinci Resolve's marker EDL, `otio` OpenTimelineIO).
 */
export type ExportFormat = DataExportFormat | NleExportFormat;

/** The subtitle and data export formats. */
export type DataExportFormat = 'vtt' | 'srt' | 'csv' | 'json';

/** The export formats that are timelines with markers; a playlist exports to these. */
export type NleExportFormat = 'edl' | 'fcp7' | 'premiere' | 'resolve' | 'otio';

export interface ReviewStatusOption {
  id: string;
  label: string;
  /** Optional CSS colour of the status chip. */
  color?: string;
}

export interface ShareSettings {
  requirePassword: boolean;
  /** Days until a new share expires; null for never. */
  expiresInDays: number | null;
  commentsVisible: boolean;
  commentsCreate: boolean;
  allowDownload: boolean;
  emailThumbnails: boolean;
  allowStatusChange: boolean;
  /**
   * Clients may compare the versions of a shot that are in the shared playlist (issue 20). Off unless set:
   * without it a client's `getVersions` answers the clip alone. Absent is false.
   */
  allowCompare?: boolean;
  /** Clients may join the playlist's synced review room, follow the driver and ask for control. Absent is false. */
  allowRoom?: boolean;
}

export interface ProductionSettings {
  reviewStatusConfig: { possibleValues: ReviewStatusOption[] };
  shareDefaults: ShareSettings;
  /** Which version name clients see: the internal `name` or the `clientName`. */
  clientVersionName: 'name' | 'clientName';
}

/** The client page's theme: light, dark, or following the client's device (`auto`). */
export type ClientTheme = 'light' | 'dark' | 'auto';
export const CLIENT_THEMES: readonly ClientTheme[] = ['light', 'dark', 'auto'];

export interface OrgSettings {
  studioName: string;
  logoUrl: string | null;
  /** CSS colour, e.g. `#e4572e`; themes the client page and the invitation e-mail. */
  accentColor: string;
  senderName: string;
  senderEmail: string;
  /** The client page's theme, as the studio chooses it (absent: `light`). */
  clientTheme?: ClientTheme;
}

export interface Playlist {
  id: Id;
  name: string;
  /** Clip ids in review order. Reordered with JSON Patch `move` on `/clipIds/i`. */
  clipIds: Id[];
}

export interface ClientUser {
  id: Id;
  name: string;
  email: string;
}

export interface Share {
  id: Id;
  playlistId: Id;
  token: string;
  /** Link the client opens. */
  url: string;
  settings: ShareSettings;
  hasPassword: boolean;
  /** ISO date, or null for never. */
  expiresAt: string | null;
  revoked: boolean;
  created: string;
}

export interface NewShare {
  /** Overrides of the production's share defaults. */
  settings?: Partial<ShareSettings>;
  password?: string | null;
  /** ISO date; overrides `settings.expiresInDays`. */
  expiresAt?: string | null;
}

export type ShareChanges = Partial<Pick<Share, 'settings' | 'expiresAt' | 'revoked'>> & {
  password?: string | null;
};

export interface InviteRecipient {
  /** An existing client user … */
  clientUserId?: Id;
  /** … or a new one by e-mail and name. */
  email?: string;
  name?: string;
}

export interface Invitation {
  recipients: InviteRecipient[];
  message: string;
}

export interface InvitationResult {
  sent: Array<{ email: string; name: string }>;
}

/** `GET /share/:token` — public, no auth. */
export interface PublicShare {
  studioName: string;
  logoUrl: string | null;
  accentColor: string;
  playlistName: string;
  requiresPassword: boolean;
  expired: boolean;
  /** The theme the studio chose for its client pages (absent: the page's own, light by default). */
  theme?: ClientTheme;
  /** Whether clients may write notes on this link (absent: unknown). The gate words its request for a name by it. */
  commentsCreate?: boolean;
}

/** `POST /share/:token/session` answer. */
export interface ShareSession {
  token: string;
  productionId: string;
  playlistId: Id;
}

/** What `GET /production/:pid/open` is asked for: a playlist and a clip (either may be left out). */
export interface OpenRequest {
  playlistId?: Id;
  /** The clip the page shows first; default: the playlist's first clip. */
  moId?: Id;
}

/**
 * `GET /production/:pid/open`: the answers of the calls a page makes to open, in one (docs/http-api.md,
 * "Open"), each as its own call answers it.
 */
export interface OpenAnswer {
  me: Me;
  settings: ProductionSettings;
  /** Null when the caller may not read them (as `GET /org/settings` would refuse). */
  org: OrgSettings | null;
  capabilities: Capabilities;
  /** The playlist asked for (null when none was asked). */
  playlist: Playlist | null;
  /** `GET /production/:pid/mo`'s answer. */
  clips: Clip[];
  /** The clip asked for, else the playlist's first (null when there is none). */
  clip: Clip | null;
}

/** A change pushed by `GET /production/:pid/events`. */
export type ReviewEvent =
  | { type: 'comment.created'; comment: ClipAnnotation }
  | { type: 'comment.updated'; comment: ClipAnnotation }
  | { type: 'comment.deleted'; ids: Id[]; mediaObjectId: Id }
  | { type: 'status.changed'; moa: MediaObjectAnnotation }
  | { type: 'clip.updated'; clip: Clip }
  | { type: 'playlist.updated'; playlist: Playlist }
  /** A file was attached to, or deleted from, a note (docs/http-api.md, "Attachments"): list the clip's again. */
  | { type: 'attachments.changed'; mediaObjectId: Id; commentId: Id };

export const DEFAULT_STATUS_VALUES: ReviewStatusOption[] = [
  { id: 'NOT_APPROVED', label: 'Not Approved' },
  { id: 'APPROVED', label: 'Approved' },
];

export const DEFAULT_SHARE_SETTINGS: ShareSettings = {
  requirePassword: true,
  expiresInDays: 30,
  commentsVisible: true,
  commentsCreate: true,
  allowDownload: false,
  emailThumbnails: true,
  allowStatusChange: false,
};

// The limits live in src/contract/limits.ts; these four are re-exported for the modules that took them from here.
export { MAX_DESCRIPTION_LENGTH, MAX_MENTIONS, MAX_TAGS, MAX_TAG_LENGTH } from './limits.js';

// — synced review rooms (issue 23; docs/http-api.md, "Rooms") —

/** What a participant does in a room: one driver; annotators may point and draw; viewers follow. */
export type RoomRole = 'driver' | 'annotator' | 'viewer';

/** How the driver compares versions: off, or one of `<review-compare>`'s modes with the B version. */
export type RoomCompareMode = 'off' | 'toggle' | 'wipe' | 'side-by-side' | 'difference' | 'blend';

/** What the driver shows: the room's picture, which every follower reproduces. */
export interface RoomPlayback {
  /** The clip on show (one of the room's playlist); null before the driver picks one. */
  clipId: Id | null;
  /** The frame on show when paused, or the frame at `at` while playing (0-based media frame). */
  frame: number;
  playing: boolean;
  /** Playback rate (1 = real time). */
  rate: number;
  /**
   * Server time (ms since epoch) at which `frame` was on the driver's screen: while playing, a follower
   * expects `frame + (now - at) / 1000 * fps * rate`.
   */
  at: number;
  compare: RoomCompareMode;
  /** The B version when comparing; null otherwise. */
  compareClipId: Id | null;
  /** In and out frames of the loop, or null. */
  loop: { in: number; out: number } | null;
  /** Zoom factor (1 = fit) and pan (normalised 0..1 of the frame, the centre shown). */
  zoom: { scale: number; x: number; y: number };
}

/** One person in the room. */
export interface RoomParticipant {
  /** Stable for a session (its sign-in); not the user id (a user may join from two devices). */
  id: string;
  userId: Id;
  name: string;
  kind: User['kind'];
  role: RoomRole;
  /** Where they are as they reported it (a follower is where the driver is, once in step). */
  clipId: Id | null;
  frame: number;
  /** False while their stream is down (reconnecting); they stay in the room for a short grace. */
  connected: boolean;
  /** They asked the driver for control. */
  asksControl: boolean;
}

/** The whole room, sent in full on every change: a late joiner needs nothing else. */
export interface RoomState {
  /** The room of a playlist is `pl<playlistId>`. */
  id: string;
  playlistId: Id;
  /** Grows with every change; a state older than the one held is stale and dropped. */
  seq: number;
  /** The participant id of the driver (null for a moment when the driver left and nobody else is in). */
  driverId: string | null;
  participants: RoomParticipant[];
  playback: RoomPlayback;
  /** False once the driver closed the room; no action is taken then. */
  open: boolean;
}

/** What a participant sends (`POST /production/:pid/rooms/:plId/actions`). */
export type RoomAction =
  /** Driver only: change what everyone sees (the fields given; the rest stays). */
  | { type: 'playback'; changes: Partial<Omit<RoomPlayback, 'at'>> }
  /** Driver only: another participant drives from now on. */
  | { type: 'hand-over'; to: string }
  /** Anyone but the driver: ask for control (`ask: false` withdraws the request). */
  | { type: 'ask-control'; ask: boolean }
  /** Driver only: turn down a participant's request for control. */
  | { type: 'decline'; participantId: string }
  /** Anyone: where I am (clip, frame), shown in the list. */
  | { type: 'where'; clipId: Id | null; frame: number }
  /** Driver only: end the room for everyone. */
  | { type: 'close' };

/** `POST /production/:pid/rooms/:plId/join`: the caller's participant id and the room as it is. */
export interface RoomJoin {
  participantId: string;
  state: RoomState;
}

/** A line of the room's minutes. */
export interface RoomMinute {
  /** ISO time. */
  at: string;
  kind: 'joined' | 'left' | 'clip' | 'frame' | 'play' | 'pause' | 'compare' | 'hand-over' | 'note' | 'status' | 'closed';
  /** Who did it (their name). */
  who: string;
  clipId: Id | null;
  frame: number | null;
  /** What happened, in words (the note's plain text, the status, who got control). */
  text: string;
}

/** The export formats of the minutes. */
export type RoomMinutesFormat = 'markdown' | 'json';

/**
 * A message of a room's stream (`GET /production/:pid/rooms/:plId/events`): the room in full on every
 * change, or the end of the caller's place in it (the room closed, or the caller lost the right to it).
 */
export type RoomEvent = { type: 'room.state'; state: RoomState } | { type: 'room.ended'; reason: 'closed' | 'removed' | 'not-allowed' };

// ——— notifications (issue 25; docs/http-api.md, "Notifications") ———

/**
 * Why someone is told: they were mentioned, someone answered a thread they wrote in, the status changed on a
 * clip they commented on, or a client wrote a note on a playlist they shared.
 */
export type NotificationKind = 'mention' | 'reply' | 'status' | 'client-note';

/** One notification of the signed-in user. Never about their own action; never about an internal note for a client. */
export interface ReviewNotification {
  id: Id;
  kind: NotificationKind;
  /** Who acted. */
  actor: { id: Id; name: string };
  clipId: Id;
  /** The clip's name as the recipient sees it (a client sees the client version name). */
  clipName: string;
  /** The frame of the note (0-based); for a status change, 0. */
  frame: number;
  /** The note (null for a status change). */
  commentId: Id | null;
  /** The note's text as plain text (mentions as names), at most 200 characters; '' for a status change. */
  excerpt: string;
  /** The new review status (its id) for a status change; null otherwise. */
  status: string | null;
  created: string;
  read: boolean;
}

/** `GET /production/:pid/notifications`: the newest first, and how many are unread in all. */
export interface NotificationList {
  items: ReviewNotification[];
  unread: number;
}

/** How often e-mail brings pending notifications: at once, batched by the hour or by the day, or never. */
export type DigestFrequency = 'immediately' | 'hourly' | 'daily' | 'off';

export const DIGEST_FREQUENCIES: readonly DigestFrequency[] = ['immediately', 'hourly', 'daily', 'off'];

/** A user's notification preferences. */
export interface NotificationPreferences {
  digest: DigestFrequency;
}
