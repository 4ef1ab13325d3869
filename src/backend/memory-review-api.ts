/**
 * `MemoryReviewApi`: the whole review API in the browser, for Storybook, tests and the offline demo. It
 * behaves like the reference server (same rights, validation, status codes, events), so an element tested
 * on it behaves the same on HTTP. `test/contract/review-api-contract.ts` runs the same checks on both.
 *
 * ```ts
 * const api = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });   // Pat Producer
 * const sam = api.forUser(2);          // another user on the SAME data: his changes reach api.subscribe()
 * api.failNext('createComment', 500);  // the next createComment rejects with a 500 ReviewApiError
 * const hold = api.holdNext('patchComment'); … hold.release();  // keep a call pending (optimistic UI)
 * ```
 *
 * Every answer is a deep copy: callers cannot reach into the store. Every failure is a `ReviewApiError`.
 */
import type {
  OpenAnswer,
  OpenRequest,
  Operation,
  RoomAction,
  RoomEvent,
  RoomJoin,
  RoomMinutesFormat,
  RoomState,
} from '../contract/types.js';
import { formatRoomMinutes, Rooms, type RoomCaller } from './rooms.js';
import { ReviewApiError, codeForStatus } from '../contract/errors.js';
import type { Capabilities } from '../contract/capabilities.js';
import {
  isAttachmentType,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_NOTE,
  type AttachmentType,
  type NoteAttachment,
} from '../contract/attachments.js';
import { exportOptionsOf, formatCommentsExport, internalNotesMode, withInternalNotes } from './export-formats.js';
import type { TimelineClipInput, TimelineInput } from './nle-markers.js';
import { EXPORT_FORMATS, isExportFormat, isNleExportFormat, NLE_EXPORT_FORMATS } from '../contract/export-formats.js';
import type { ReviewFixture, FixtureUser } from './fixture.js';
import type { ExportRequestOptions, InternalNotesInExport, ReviewApi, Unsubscribe } from '../contract/review-api.js';
import { canChangeStatus, canCreateComment, canEditComment, canEditSettings, canManageShares } from '../contract/rights.js';
import {
  CLIENT_THEMES,
  DEFAULT_SHARE_SETTINGS,
  type ClientUser,
  type Clip,
  type ClipAnnotation,
  type ClipChanges,
  type CommentQuery,
  type ExportFormat,
  type NleExportFormat,
  type Id,
  type Invitation,
  type InvitationResult,
  type Me,
  type MediaObjectAnnotation,
  type NewClipAnnotation,
  type NewShare,
  type NotificationKind,
  type NotificationList,
  type NotificationPreferences,
  type OrgSettings,
  type ReviewNotification,
  DIGEST_FREQUENCIES,
  type Page,
  type Playlist,
  type ProductionSettings,
  type PublicShare,
  type ReviewEvent,
  type Right,
  type Share,
  type ShareChanges,
  type ShareSession,
  type ShareSettings,
  type User,
} from '../contract/types.js';
import {
  applyPatchCopy,
  badRequest,
  validateCommentFields,
  validateCommentPatchOps,
  validateMentions,
  checkClientName,
  checkTextLength,
  validateNewComment,
  validatePatchPaths,
  tombstoneOf,
} from './validation.js';
import {
  MAX_EMAIL_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_REASON_LENGTH,
  MAX_STATUS_ID_LENGTH,
  MAX_STATUS_LABEL_LENGTH,
  MAX_STATUS_VALUES,
  MAX_URL_LENGTH,
} from '../contract/limits.js';
import { isEmailAddress } from '../contract/email.js';
import { markupToPlainText } from '../contract/markup.js';

/** Names of the ReviewApi methods (for fault injection). */
export type ReviewApiMethod = Exclude<keyof ReviewApi, 'productionId' | 'subscribe' | 'withToken'>;

/**
 * What `failNext` injects: a ready error, an HTTP status (becomes the matching ReviewApiError), or
 * `'timeout'` / `'network'` (status 0 errors, as RestReviewApi raises them).
 */
export type InjectedFault = ReviewApiError | number | 'timeout' | 'network';

/** A pending call kept waiting by `holdNext`. */
export interface MemoryHold {
  /** Resolves when the held call has arrived (and is waiting). */
  readonly reached: Promise<void>;
  /** Lets the call proceed normally. */
  release(): void;
  /** Makes the call reject with this fault instead (nothing is stored). */
  fail(fault: InjectedFault): void;
}

export interface MemoryReviewApiOptions {
  /** Seeds a NEW backend with a deep copy of this fixture. Give this or `backend`. */
  fixture?: ReviewFixture;
  /** Shares an existing backend (another user on the same data). */
  backend?: MemoryBackend;
  /** The studio user acting (fixture user id) … */
  userId?: Id;
  /** … or the same by e-mail … */
  email?: string;
  /** … or a bearer token of the backend (from `openShareSession`). None of the three: anonymous. */
  token?: string;
  /** Milliseconds every call waits before answering: a number or `[min, max]` (random in between). */
  latency?: number | [number, number];
  /**
   * Called before every call; return a fault to make that call fail (nothing is stored), or undefined.
   * For per-test one-offs `failNext` is simpler.
   */
  faults?: (method: ReviewApiMethod, args: unknown[]) => InjectedFault | undefined;
  /** With `fixture`: the link of a new share from its token (default `<origin>/review/<token>`). */
  shareUrl?: (token: string) => string;
  /** With `fixture`: the backend's clock (tests of expiry move it). */
  now?: () => Date;
  /**
   * What `getCapabilities` announces, over its own (sharing, events and exports; no versions or rooms), e.g.
   * `{sharing: false}` to show the elements on a backend without sharing. It changes only the answer, not
   * what the backend does, except `open: false`: then `open` answers 404, as a backend without the call.
   */
  capabilities?: Partial<Capabilities>;
}

export interface MemoryBackendOptions {
  /** The link of a share, from its token. Default: `<origin>/review/<token>`. */
  shareUrl?: (token: string) => string;
  /** The clock (tests of expiry move it). */
  now?: () => Date;
}

/** `preview`: a studio user's read-only Preview of the share (`openSharePreview`). */
type Principal =
  { kind: 'user'; user: FixtureUser } | { kind: 'client'; user: User; shareId: Id; preview?: boolean } | { kind: 'anonymous' };

interface StoredShare extends Share {
  password: string | null;
  /** Who shared it (a studio user): the first person its clients may mention. */
  createdBy?: Id;
}

interface EventAudience {
  mediaObjectId?: Id;
  playlistId?: Id;
  internal?: boolean;
  isComment?: boolean;
}

const MAX_FAILED_PASSWORDS = 5;
const LOCKOUT_MS = 60_000;

const notFound = (what: string) => new ReviewApiError(404, 'NOT_FOUND', `${what} not found`);
/**
 * The one answer for a comment id the caller may not act on: missing, on a clip they cannot reach,
 * hidden from them, or a tombstone; as the reference server answers (docs/http-api.md).
 */
const noSuchComment = (id: Id) => new ReviewApiError(404, 'NOT_FOUND', `comment ${id} not found`, 'id');
const forbidden = (message: string) => new ReviewApiError(403, 'FORBIDDEN', message);

/** Versions of one entity, newest first: by version number, then by id (the later upload). */
function newestVersionFirst(a: Clip, b: Clip): number {
  return (b.versionNumber ?? 0) - (a.versionNumber ?? 0) || b.id - a.id;
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/**
 * The shared data behind any number of `MemoryReviewApi` instances (one per acting user), with the id
 * sequence, tokens, recorded invitations and the event bus.
 */
export class MemoryBackend {
  readonly productionId: string;
  users: FixtureUser[];
  settings: ProductionSettings;
  org: OrgSettings;
  clips: Clip[];
  moas: MediaObjectAnnotation[];
  comments: ClipAnnotation[];
  playlists: Playlist[];
  clientUsers: ClientUser[];
  shares: StoredShare[] = [];
  /** Files on notes; each `url` is an object URL of the uploaded blob (revoked when the file is deleted). */
  attachments: NoteAttachment[] = [];
  /** Every invitation "sent" (nothing is mailed), newest last — for tests and the demo's outbox. */
  readonly invitations: Array<{ shareId: Id; invitation: Invitation; sent: InvitationResult['sent']; at: string }> = [];
  readonly now: () => Date;
  /** Every notification, of every user, oldest first (the rules of docs/http-api.md, "Notifications"). */
  readonly notifications: Array<ReviewNotification & { userId: Id }> = [];
  /** Each user's e-mail digest frequency (nothing is mailed here); absent: `immediately`. */
  readonly digests = new Map<Id, NotificationPreferences['digest']>();
  readonly #shareUrl: (token: string) => string;
  readonly #tokens = new Map<string, { kind: 'client'; user: User; shareId: Id; preview?: boolean } | { kind: 'user'; userId: Id }>();
  readonly #failedPasswords = new Map<string, { count: number; until: number }>();
  readonly #listeners = new Set<(event: ReviewEvent, audience: EventAudience) => void>();
  readonly #connectionListeners = new Set<(connected: boolean) => void>();
  #streamConnected = true;
  #nextId: number;

  constructor(fixture: ReviewFixture, options: MemoryBackendOptions = {}) {
    const f = structuredClone(fixture);
    this.productionId = f.productionId;
    this.users = f.users;
    this.settings = f.settings;
    this.org = f.org;
    this.clips = f.clips;
    this.moas = f.moas;
    // The creator's kind, as the server reads it from its users table: fixture comments are the studio's.
    this.comments = f.comments.map((c) => ({ ...c, creatorKind: c.creatorKind ?? 'studio' }));
    this.playlists = f.playlists;
    this.clientUsers = f.clientUsers;
    this.now = options.now ?? (() => new Date());
    this.#shareUrl =
      options.shareUrl ?? ((token) => `${globalThis.location?.origin ?? 'http://localhost'}/review/${encodeURIComponent(token)}`);
    const ids = [...f.users, ...f.clips, ...f.moas, ...f.comments, ...f.playlists, ...f.clientUsers].map((x) => x.id);
    this.#nextId = Math.max(1000, ...ids) + 1;
  }

  nextId(): Id {
    return this.#nextId++;
  }

  /** The synced review rooms of this backend (src/backend/rooms.ts), shared by every instance on it. */
  readonly rooms = new Rooms({ clipsOf: (_pid, plId) => this.playlists.find((pl) => pl.id === plId)?.clipIds ?? null });
  /** Per participant key, whether that sign-in may still be in a playlist's room (checked when access changes). */
  readonly roomAccess = new Map<string, (plId: Id) => boolean>();

  /** Shares or sign-ins changed: whoever may no longer be in a room is out at once. */
  accessChanged(): void {
    this.rooms.recheck((_pid, plId, key) => this.roomAccess.get(key)?.(plId) ?? false);
  }

  /**
   * Tells `to` (user id → why) of what `actor` did, as the reference server does: never the actor, only studio
   * users who are in the production (this backend keeps no client principals to tell).
   */
  notify(
    actor: User,
    to: Map<Id, NotificationKind>,
    what: Pick<ReviewNotification, 'clipId' | 'commentId' | 'frame' | 'excerpt' | 'status'>,
  ): void {
    const clip = this.clips.find((c) => c.id === what.clipId);
    for (const [userId, kind] of to) {
      if (userId === actor.id || !this.users.some((u) => u.id === userId)) continue;
      this.notifications.push({
        ...what,
        id: this.nextId(),
        userId,
        kind,
        actor: { id: actor.id, name: actor.name },
        clipName: clip?.name ?? `#${what.clipId}`,
        created: this.now().toISOString(),
        read: false,
      });
    }
  }

  shareUrl(token: string): string {
    return this.#shareUrl(token);
  }

  /** A bearer token acting as a studio user (what a login would give). */
  tokenForUser(userId: Id): string {
    const token = randomToken();
    this.#tokens.set(token, { kind: 'user', userId });
    return token;
  }

  issueClientToken(user: User, shareId: Id, preview = false): string {
    const token = randomToken();
    this.#tokens.set(token, { kind: 'client', user, shareId, ...(preview ? { preview } : {}) });
    return token;
  }

  resolveToken(token: string) {
    return this.#tokens.get(token);
  }

  passwordLockedUntil(token: string): number {
    return this.#failedPasswords.get(token)?.until ?? 0;
  }

  notePasswordFailure(token: string): void {
    const entry = this.#failedPasswords.get(token) ?? { count: 0, until: 0 };
    entry.count++;
    if (entry.count >= MAX_FAILED_PASSWORDS) {
      entry.until = this.now().getTime() + LOCKOUT_MS;
      entry.count = 0;
    }
    this.#failedPasswords.set(token, entry);
  }

  clearPasswordFailures(token: string): void {
    this.#failedPasswords.delete(token);
  }

  /** Share state: revoked or past its expiry. */
  isShareClosed(share: Share): boolean {
    return share.revoked || (share.expiresAt !== null && Date.parse(share.expiresAt) <= this.now().getTime());
  }

  /** The 410 of a closed share, as the reference server words it (revoked wins when both). */
  shareGone(share: Share): ReviewApiError {
    return share.revoked
      ? new ReviewApiError(410, 'GONE', 'the studio revoked this share link', undefined, 'revoked')
      : new ReviewApiError(410, 'GONE', 'this share link has expired', undefined, 'expired');
  }

  listen(listener: (event: ReviewEvent, audience: EventAudience) => void, onConnection?: (connected: boolean) => void): () => void {
    this.#listeners.add(listener);
    if (onConnection) {
      this.#connectionListeners.add(onConnection);
      const known = this.#streamConnected;
      queueMicrotask(() => this.#connectionListeners.has(onConnection) && this.#streamConnected === known && onConnection(known));
    }
    return () => {
      this.#listeners.delete(listener);
      if (onConnection) this.#connectionListeners.delete(onConnection);
    };
  }

  /** Whether the simulated events stream is up (see `setStreamConnected`). */
  get streamConnected(): boolean {
    return this.#streamConnected;
  }

  /**
   * Simulates the events stream dropping (false) and coming back (true), for tests and stories: events
   * published meanwhile are lost, as over HTTP, and subscribers hear the change.
   */
  setStreamConnected(connected: boolean): void {
    if (this.#streamConnected === connected) return;
    this.#streamConnected = connected;
    queueMicrotask(() => {
      for (const listener of [...this.#connectionListeners]) listener(connected);
    });
  }

  /** The rooms' minutes keep the notes written (never internal ones) and the statuses changed. */
  #minutes(event: ReviewEvent): void {
    if (event.type === 'comment.created' && event.comment.customFields?.internal !== true) {
      const c = event.comment;
      const who = this.users.find((u) => u.id === c.creatorId)?.name ?? '';
      this.rooms.record(this.productionId, c.mediaObjectId, 'note', who, c.start, markupToPlainText(c.description));
    } else if (event.type === 'status.changed') {
      const label = this.settings.reviewStatusConfig.possibleValues.find((v) => v.id === event.moa.reviewStatus)?.label;
      this.rooms.record(this.productionId, event.moa.mediaObjectId, 'status', '', null, label ?? event.moa.reviewStatus);
    }
  }

  /** Delivers an event to every subscriber of every instance, after the current call has answered. */
  publish(event: ReviewEvent, audience: EventAudience): void {
    this.#minutes(event);
    if (!this.#streamConnected) return;
    const frozen = structuredClone(event);
    queueMicrotask(() => {
      for (const listener of [...this.#listeners]) listener(structuredClone(frozen), audience);
    });
  }
}

export class MemoryReviewApi implements ReviewApi {
  readonly backend: MemoryBackend;
  readonly #options: MemoryReviewApiOptions;
  readonly #failures = new Map<ReviewApiMethod, InjectedFault[]>();
  readonly #holds = new Map<ReviewApiMethod, Array<{ arrive: () => void; gate: Promise<InjectedFault | undefined> }>>();

  constructor(options: MemoryReviewApiOptions) {
    if (options.backend) this.backend = options.backend;
    else if (options.fixture) this.backend = new MemoryBackend(options.fixture, { shareUrl: options.shareUrl, now: options.now });
    else throw new ReviewApiError(0, 'CONFIG', 'MemoryReviewApi needs a fixture or a backend');
    this.#options = options;
  }

  get productionId(): string {
    return this.backend.productionId;
  }

  /** Another instance on the same backend acting as the fixture user with this id or e-mail. */
  forUser(user: Id | string): MemoryReviewApi {
    const base = { ...this.#options, fixture: undefined, backend: this.backend, userId: undefined, email: undefined, token: undefined };
    return new MemoryReviewApi(typeof user === 'number' ? { ...base, userId: user } : { ...base, email: user });
  }

  /** Another instance on the same backend acting with a bearer token (e.g. a share session's). */
  withToken(token: string): MemoryReviewApi {
    return new MemoryReviewApi({ ...this.#options, fixture: undefined, backend: this.backend, userId: undefined, email: undefined, token });
  }

  /** Another instance on the same backend with no credentials (the client page before its session). */
  anonymous(): MemoryReviewApi {
    return new MemoryReviewApi({
      ...this.#options,
      fixture: undefined,
      backend: this.backend,
      userId: undefined,
      email: undefined,
      token: undefined,
    });
  }

  /**
   * Makes the next `count` calls of `method` on THIS instance reject with `fault` (default 500), before
   * anything is stored. `failNext('patchComment', 409)`, `failNext('getMe', 'network')`,
   * `failNext('createComment', new ReviewApiError(0, 'TIMEOUT', '…'))`.
   */
  failNext(method: ReviewApiMethod, fault: InjectedFault = 500, count = 1): void {
    const queue = this.#failures.get(method) ?? [];
    for (let i = 0; i < count; i++) queue.push(fault);
    this.#failures.set(method, queue);
  }

  /**
   * Keeps the next call of `method` on THIS instance waiting until `release()` (or `fail(fault)`), so a
   * test can look at the pending state (spinners, optimistic entries, disabled buttons).
   */
  holdNext(method: ReviewApiMethod): MemoryHold {
    let arrive!: () => void;
    const reached = new Promise<void>((resolve) => (arrive = resolve));
    let settle!: (fault: InjectedFault | undefined) => void;
    const gate = new Promise<InjectedFault | undefined>((resolve) => (settle = resolve));
    const queue = this.#holds.get(method) ?? [];
    queue.push({ arrive, gate });
    this.#holds.set(method, queue);
    return { reached, release: () => settle(undefined), fail: (fault) => settle(fault) };
  }

  // ——— plumbing ———

  async #call<T>(method: ReviewApiMethod, args: unknown[], fn: () => T): Promise<T> {
    const latency = this.#options.latency;
    if (latency) {
      const ms = Array.isArray(latency) ? latency[0] + Math.random() * (latency[1] - latency[0]) : latency;
      await new Promise((r) => setTimeout(r, ms));
    }
    const hold = this.#holds.get(method)?.shift();
    let fault: InjectedFault | undefined;
    if (hold) {
      hold.arrive();
      fault = await hold.gate;
    }
    fault ??= this.#failures.get(method)?.shift() ?? this.#options.faults?.(method, args);
    if (fault !== undefined) throw toError(fault, method);
    // Copy in and out: the store never shares an object with a caller.
    return structuredClone(fn());
  }

  #principal(): Principal {
    const o = this.#options;
    if (o.userId !== undefined || o.email !== undefined) {
      const user = this.backend.users.find((u) =>
        o.userId !== undefined ? u.id === o.userId : u.email?.toLowerCase() === o.email!.toLowerCase(),
      );
      if (!user) throw new ReviewApiError(401, 'UNAUTHORIZED', `no user ${o.userId ?? o.email} in this production`);
      return { kind: 'user', user };
    }
    if (o.token !== undefined) {
      const entry = this.backend.resolveToken(o.token);
      if (!entry) throw new ReviewApiError(401, 'UNAUTHORIZED', 'the token is not valid');
      if (entry.kind === 'user') {
        const user = this.backend.users.find((u) => u.id === entry.userId);
        if (!user) throw new ReviewApiError(401, 'UNAUTHORIZED', 'the token is not valid');
        return { kind: 'user', user };
      }
      const share = this.backend.shares.find((s) => s.id === entry.shareId);
      if (!share) throw new ReviewApiError(410, 'GONE', 'this share no longer exists');
      if (this.backend.isShareClosed(share)) throw this.backend.shareGone(share);
      return { kind: 'client', user: entry.user, shareId: entry.shareId, preview: entry.preview };
    }
    return { kind: 'anonymous' };
  }

  #authed(): Exclude<Principal, { kind: 'anonymous' }> {
    const p = this.#principal();
    if (p.kind === 'anonymous') throw new ReviewApiError(401, 'UNAUTHORIZED', 'sign in first: no token was given');
    return p;
  }

  #share(p: { shareId: Id }): StoredShare {
    const share = this.backend.shares.find((s) => s.id === p.shareId);
    if (!share) throw new ReviewApiError(410, 'GONE', 'this share no longer exists');
    return share;
  }

  #rights(p: Exclude<Principal, { kind: 'anonymous' }>): Right[] {
    if (p.kind === 'user') return [...p.user.rights];
    if (p.preview) return [];
    const s = this.#share(p).settings;
    const rights: Right[] = [];
    if (s.commentsCreate) rights.push('REVIEW_EDIT');
    if (s.allowStatusChange) rights.push('REVIEW_STATUS_EDIT');
    return rights;
  }

  #require(p: Exclude<Principal, { kind: 'anonymous' }>, ok: (rights: Right[]) => boolean, right: Right, action: string) {
    if (!ok(this.#rights(p))) throw forbidden(`${action} needs the ${right} right`);
  }

  /** Clip ids the principal may see: all for studio users, the playlist's for a client. */
  #visibleClip(p: Exclude<Principal, { kind: 'anonymous' }>, moId: Id): Clip {
    const clip = this.backend.clips.find((c) => c.id === moId);
    if (!clip) throw notFound(`clip ${moId}`);
    if (p.kind === 'client') {
      const playlist = this.backend.playlists.find((pl) => pl.id === this.#share(p).playlistId);
      if (!playlist?.clipIds.includes(moId)) throw notFound(`clip ${moId}`);
    }
    return clip;
  }

  #reachable(p: Exclude<Principal, { kind: 'anonymous' }>, moId: Id): boolean {
    if (p.kind === 'user') return true;
    return !!this.backend.playlists.find((pl) => pl.id === this.#share(p).playlistId)?.clipIds.includes(moId);
  }

  /** The studio people a client may mention: who shared its share and the authors of the notes it shows. */
  #sharePeople(p: Extract<Principal, { kind: 'client' }>): FixtureUser[] {
    const share = this.#share(p);
    const ids = new Set<Id>(share.createdBy !== undefined ? [share.createdBy] : []);
    for (const c of this.backend.comments) if (!c.customFields?.deleted && this.#commentVisible(p, c)) ids.add(c.creatorId);
    return this.backend.users.filter((u) => u.kind === 'studio' && ids.has(u.id));
  }

  /** Mentions name members of the production; a client's, the studio people on its share. */
  #checkMentions(p: Exclude<Principal, { kind: 'anonymous' }>, mentionIds: readonly Id[]): void {
    if (p.kind !== 'client') return validateMentions(mentionIds, this.#isMember);
    const allowed = new Set(this.#sharePeople(p).map((u) => u.id));
    validateMentions(mentionIds, (id) => allowed.has(id), true);
  }

  /** Whether the principal may see this comment at all (clients: no internal ones, none when hidden). */
  #commentVisible(p: Exclude<Principal, { kind: 'anonymous' }>, c: ClipAnnotation): boolean {
    if (p.kind === 'user') return true;
    const share = this.#share(p);
    if (!share.settings.commentsVisible || c.customFields?.internal) return false;
    const playlist = this.backend.playlists.find((pl) => pl.id === share.playlistId);
    return !!playlist?.clipIds.includes(c.mediaObjectId);
  }

  #clipFor(p: Exclude<Principal, { kind: 'anonymous' }>, clip: Clip): Clip {
    if (p.kind === 'user') return clip;
    const share = this.#share(p);
    return {
      ...clip,
      // The internal version name stays in the studio when the production shows clients the client name.
      name: this.backend.settings.clientVersionName === 'clientName' ? (clip.clientName ?? clip.name) : clip.name,
      sourceUrl: share.settings.allowDownload ? clip.sourceUrl : null,
    };
  }

  #publicShare(share: StoredShare): Share {
    const { password: _password, ...rest } = share;
    return rest;
  }

  #touchShareSettings(settings: ShareSettings): void {
    for (const key of Object.keys(DEFAULT_SHARE_SETTINGS) as Array<keyof ShareSettings>) {
      const expected = key === 'expiresInDays' ? ['number', 'object'] : ['boolean'];
      const value = settings[key];
      if (!expected.includes(typeof value) || (key === 'expiresInDays' && value !== null && typeof value !== 'number')) {
        throw badRequest(`settings.${key}`, `settings.${key} has the wrong type`);
      }
    }
    if (settings.allowCompare !== undefined && typeof settings.allowCompare !== 'boolean') {
      throw badRequest('settings.allowCompare', 'settings.allowCompare has the wrong type');
    }
    if (settings.allowRoom !== undefined && typeof settings.allowRoom !== 'boolean') {
      throw badRequest('settings.allowRoom', 'settings.allowRoom has the wrong type');
    }
    if (settings.expiresInDays !== null && !(Number.isInteger(settings.expiresInDays) && settings.expiresInDays > 0)) {
      throw badRequest('settings.expiresInDays', 'settings.expiresInDays must be a whole number of days > 0, or null');
    }
  }

  // ——— users and rights ———

  getCapabilities(): Promise<Capabilities> {
    return this.#call('getCapabilities', [], () => {
      this.#authed();
      return {
        sharing: true,
        events: true,
        exports: true,
        versions: true,
        rooms: true,
        markers: true,
        open: true,
        attachments: true,
        notifications: true,
        ...this.#options.capabilities,
      };
    });
  }

  /**
   * What a page needs to open, in one answer (capability `open`). With `capabilities: {open: false}` it
   * answers 404, as a backend without the call would, so the elements' separate calls can be tried.
   */
  async open(request: OpenRequest): Promise<OpenAnswer> {
    await this.#call('open', [request], () => {
      if (this.#options.capabilities?.open === false) throw notFound('the open call');
    });
    const [me, settings, org, capabilities, playlist, clips] = await Promise.all([
      this.getMe(),
      this.getSettings(),
      this.getOrgSettings().catch(() => null),
      this.getCapabilities(),
      request.playlistId != null ? this.getPlaylist(request.playlistId) : null,
      this.listClips(),
    ]);
    const firstId = request.moId ?? playlist?.clipIds[0];
    const clip = firstId != null ? await this.getClip(firstId) : null;
    return { me, settings, org, capabilities, playlist, clips, clip };
  }

  getMe(): Promise<Me> {
    return this.#call('getMe', [], () => {
      const p = this.#authed();
      if (p.kind === 'user') {
        const { rights, password: _pw, ...user } = p.user;
        return { user, rights: [...rights], share: null };
      }
      const share = this.#share(p);
      return {
        user: p.user,
        rights: this.#rights(p),
        share: {
          shareId: share.id,
          playlistId: share.playlistId,
          commentsVisible: share.settings.commentsVisible,
          commentsCreate: share.settings.commentsCreate,
          allowDownload: share.settings.allowDownload,
          allowStatusChange: share.settings.allowStatusChange,
          allowCompare: share.settings.allowCompare === true,
          allowRoom: share.settings.allowRoom === true,
          ...(p.preview ? { preview: true } : {}),
        },
      };
    });
  }

  searchUsers(q: string): Promise<User[]> {
    return this.#call('searchUsers', [q], () => {
      const p = this.#authed();
      const needle = String(q ?? '')
        .trim()
        .toLowerCase();
      if (p.kind === 'client') {
        // A client may mention the studio people on its share, by name only (docs/http-api.md, /users).
        return this.#sharePeople(p)
          .filter((u) => !needle || u.name.toLowerCase().includes(needle))
          .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
          .slice(0, 20)
          .map((u) => ({ id: u.id, name: u.name, avatarUrl: u.avatarUrl ?? null, kind: u.kind }));
      }
      return this.backend.users
        .filter((u) => !needle || u.name.toLowerCase().includes(needle) || u.email?.toLowerCase().includes(needle))
        .slice(0, 20)
        .map(({ rights: _r, password: _p, ...user }) => user);
    });
  }

  // ——— settings ———

  getSettings(): Promise<ProductionSettings> {
    return this.#call('getSettings', [], () => {
      this.#authed();
      return this.backend.settings;
    });
  }

  patchSettings(ops: Operation[]): Promise<ProductionSettings> {
    return this.#call('patchSettings', [ops], () => {
      const p = this.#authed();
      this.#require(p, canEditSettings, 'SETTINGS_EDIT', 'changing the production settings');
      validatePatchPaths(ops, ['reviewStatusConfig', 'shareDefaults', 'clientVersionName'], 'the production settings');
      const next = applyPatchCopy(this.backend.settings, structuredClone(ops));
      const values = next.reviewStatusConfig?.possibleValues;
      if (
        !Array.isArray(values) ||
        values.length === 0 ||
        !values.every((v) => typeof v?.id === 'string' && v.id && typeof v.label === 'string') ||
        new Set(values.map((v) => v.id)).size !== values.length
      ) {
        throw badRequest('reviewStatusConfig.possibleValues', 'possibleValues must be a non-empty list of {id, label} with unique ids');
      }
      if (values.length > MAX_STATUS_VALUES) {
        throw badRequest(
          'reviewStatusConfig.possibleValues',
          `reviewStatusConfig.possibleValues has more than ${MAX_STATUS_VALUES} entries`,
        );
      }
      values.forEach((v, i) => {
        checkTextLength(`reviewStatusConfig.possibleValues[${i}].id`, v.id, MAX_STATUS_ID_LENGTH);
        checkTextLength(`reviewStatusConfig.possibleValues[${i}].label`, v.label, MAX_STATUS_LABEL_LENGTH);
      });
      this.#touchShareSettings(next.shareDefaults);
      if (next.clientVersionName !== 'name' && next.clientVersionName !== 'clientName') {
        throw badRequest('clientVersionName', "clientVersionName must be 'name' or 'clientName'");
      }
      this.backend.settings = next;
      return next;
    });
  }

  getOrgSettings(): Promise<OrgSettings> {
    return this.#call('getOrgSettings', [], () => {
      this.#authed();
      return this.backend.org;
    });
  }

  patchOrgSettings(ops: Operation[]): Promise<OrgSettings> {
    return this.#call('patchOrgSettings', [ops], () => {
      const p = this.#authed();
      this.#require(p, canEditSettings, 'SETTINGS_EDIT', 'changing the organization settings');
      validatePatchPaths(
        ops,
        ['studioName', 'logoUrl', 'accentColor', 'senderName', 'senderEmail', 'clientTheme'],
        'the organization settings',
      );
      const next = applyPatchCopy(this.backend.org, structuredClone(ops));
      for (const key of ['studioName', 'accentColor', 'senderName', 'senderEmail'] as const) {
        if (typeof next[key] !== 'string' || !next[key].trim()) throw badRequest(key, `${key} must be a non-empty string`);
      }
      if (next.logoUrl !== null && typeof next.logoUrl !== 'string') throw badRequest('logoUrl', 'logoUrl must be a URL or null');
      if (next.clientTheme !== undefined && !CLIENT_THEMES.includes(next.clientTheme)) {
        throw badRequest('clientTheme', `clientTheme must be one of ${CLIENT_THEMES.join(', ')}`);
      }
      if (!isEmailAddress(next.senderEmail)) throw badRequest('senderEmail', 'senderEmail must be an e-mail address');
      checkTextLength('studioName', next.studioName, MAX_NAME_LENGTH);
      checkTextLength('senderName', next.senderName, MAX_NAME_LENGTH);
      checkTextLength('senderEmail', next.senderEmail, MAX_EMAIL_LENGTH);
      checkTextLength('logoUrl', next.logoUrl, MAX_URL_LENGTH);
      this.backend.org = next;
      return next;
    });
  }

  // ——— clips ———

  listClips(): Promise<Clip[]> {
    return this.#call('listClips', [], () => {
      const p = this.#authed();
      if (p.kind === 'user') return this.backend.clips;
      const playlist = this.backend.playlists.find((pl) => pl.id === this.#share(p).playlistId);
      return (playlist?.clipIds ?? [])
        .map((id) => this.backend.clips.find((c) => c.id === id))
        .filter((c): c is Clip => !!c)
        .map((c) => this.#clipFor(p, c));
    });
  }

  getClip(moId: Id): Promise<Clip> {
    return this.#call('getClip', [moId], () => {
      const p = this.#authed();
      return this.#clipFor(p, this.#visibleClip(p, moId));
    });
  }

  getVersions(moId: Id): Promise<Clip[]> {
    return this.#call('getVersions', [moId], () => {
      const p = this.#authed();
      const clip = this.#visibleClip(p, moId);
      // A client compares only when its share allows it; the versions it sees are those in the share.
      const compares = p.kind === 'user' || this.#share(p).settings.allowCompare === true;
      const siblings =
        clip.entityId === undefined || !compares
          ? [clip]
          : this.backend.clips.filter((c) => c.entityType === clip.entityType && c.entityId === clip.entityId);
      return siblings
        .filter((c) => this.#reachable(p, c.id))
        .sort(newestVersionFirst)
        .map((c) => this.#clipFor(p, c));
    });
  }

  updateClip(moId: Id, changes: ClipChanges): Promise<Clip> {
    return this.#call('updateClip', [moId, changes], () => {
      const p = this.#authed();
      this.#require(p, canManageShares, 'SHARE_MANAGE', 'editing a clip');
      const clip = this.#visibleClip(p, moId);
      const input = structuredClone(changes ?? {}) as Record<string, unknown>;
      for (const key of Object.keys(input)) {
        if (key !== 'clientName' && key !== 'reasonForReview') throw badRequest(key, `${key} is not an editable field of a clip`);
      }
      if ('clientName' in input && input.clientName !== null && typeof input.clientName !== 'string') {
        throw badRequest('clientName', 'clientName must be a string or null');
      }
      if ('reasonForReview' in input && typeof input.reasonForReview !== 'string') {
        throw badRequest('reasonForReview', 'reasonForReview must be a string');
      }
      checkTextLength('clientName', input.clientName, MAX_NAME_LENGTH);
      checkTextLength('reasonForReview', input.reasonForReview, MAX_REASON_LENGTH);
      Object.assign(clip, input);
      this.backend.publish({ type: 'clip.updated', clip }, { mediaObjectId: clip.id });
      return clip;
    });
  }

  bulkUpdateReasonForReview(moIds: Id[], reasonForReview: string): Promise<Clip[]> {
    return this.#call('bulkUpdateReasonForReview', [moIds, reasonForReview], () => {
      const p = this.#authed();
      this.#require(p, canManageShares, 'SHARE_MANAGE', 'editing clips');
      if (!Array.isArray(moIds) || moIds.length === 0) throw badRequest('ids', 'ids must be a non-empty list of clip ids');
      if (typeof reasonForReview !== 'string') throw badRequest('reasonForReview', 'reasonForReview must be a string');
      checkTextLength('reasonForReview', reasonForReview, MAX_REASON_LENGTH);
      const clips = moIds.map((id) => this.#visibleClip(p, id));
      for (const clip of clips) {
        clip.reasonForReview = reasonForReview;
        this.backend.publish({ type: 'clip.updated', clip }, { mediaObjectId: clip.id });
      }
      return clips;
    });
  }

  // ——— review status ———

  getMediaObjectAnnotation(moId: Id): Promise<MediaObjectAnnotation> {
    return this.#call('getMediaObjectAnnotation', [moId], () => {
      const p = this.#authed();
      this.#visibleClip(p, moId);
      const moa = this.backend.moas.find((m) => m.mediaObjectId === moId);
      if (!moa) throw notFound(`review status of clip ${moId}`);
      return moa;
    });
  }

  setReviewStatus(moaId: Id, reviewStatus: string): Promise<MediaObjectAnnotation> {
    return this.#call('setReviewStatus', [moaId, reviewStatus], () => {
      const p = this.#authed();
      const moa = this.backend.moas.find((m) => m.id === moaId);
      // An unreachable clip's MOA answers like an id that does not exist.
      if (!moa || !this.#reachable(p, moa.mediaObjectId)) throw noSuchComment(moaId);
      this.#require(p, canChangeStatus, 'REVIEW_STATUS_EDIT', 'changing the review status');
      const allowed = this.backend.settings.reviewStatusConfig.possibleValues.map((v) => v.id);
      if (!allowed.includes(reviewStatus)) {
        throw badRequest('reviewStatus', `reviewStatus must be one of ${allowed.join(', ')}`);
      }
      const changed = moa.reviewStatus !== reviewStatus;
      moa.reviewStatus = reviewStatus;
      moa.modified = this.backend.now().toISOString();
      if (changed) {
        const authors = this.backend.comments.filter((c) => c.mediaObjectId === moa.mediaObjectId && c.creatorKind !== 'client');
        this.backend.notify(p.user, new Map(authors.map((c) => [c.creatorId, 'status'])), {
          clipId: moa.mediaObjectId,
          commentId: null,
          frame: 0,
          excerpt: '',
          status: reviewStatus,
        });
      }
      this.backend.publish({ type: 'status.changed', moa }, { mediaObjectId: moa.mediaObjectId });
      return moa;
    });
  }

  // ——— comments ———

  searchComments(query: CommentQuery): Promise<Page<ClipAnnotation>> {
    return this.#call('searchComments', [query], () => {
      const p = this.#authed();
      const { mediaObjectId, sort = 'start ASC', offset = 0, limit = 200 } = query ?? ({} as CommentQuery);
      this.#visibleClip(p, mediaObjectId);
      if (!Number.isInteger(offset) || offset < 0) throw badRequest('offset', 'offset must be a whole number ≥ 0');
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badRequest('limit', 'limit must be 1..1000');
      const [field, dir] = sort.split(' ') as ['start' | 'created', 'ASC' | 'DESC'];
      if (!['start', 'created'].includes(field) || !['ASC', 'DESC'].includes(dir)) {
        throw badRequest('sort', "sort must be 'start ASC', 'start DESC', 'created ASC' or 'created DESC'");
      }
      const sign = dir === 'ASC' ? 1 : -1;
      const all = this.backend.comments
        .filter((c) => c.mediaObjectId === mediaObjectId && this.#commentVisible(p, c))
        .sort((a, b) => {
          const primary = field === 'start' ? a.start - b.start : a.created.localeCompare(b.created);
          return sign * (primary || a.id - b.id);
        });
      return { items: all.slice(offset, offset + limit), total: all.length, offset, limit };
    });
  }

  createComment(input: NewClipAnnotation): Promise<ClipAnnotation> {
    return this.#call('createComment', [input], () => {
      const p = this.#authed();
      const data = structuredClone(input);
      const clip = this.#visibleClip(p, data?.mediaObjectId);
      this.#require(p, canCreateComment, 'REVIEW_EDIT', 'creating a comment');
      const parent =
        data.relatedToId != null
          ? this.backend.comments.find((c) => c.id === data.relatedToId && !c.customFields?.deleted && this.#commentVisible(p, c))
          : undefined;
      validateNewComment(data, clip, parent);
      this.#checkMentions(p, data.mentionIds);
      if (p.kind === 'client' && data.customFields?.internal) {
        throw forbidden('clients cannot create internal comments');
      }
      const id = this.backend.nextId();
      const now = this.backend.now().toISOString();
      const comment: ClipAnnotation = {
        id,
        objectType: 'ClipAnnotation',
        funnel: 'ReviewComment',
        mediaObjectId: clip.id,
        description: data.description,
        mentionIds: data.mentionIds,
        tags: data.tags,
        spatial: data.spatial ?? null,
        uiLocation: data.uiLocation ?? null,
        relatedToId: parent?.id ?? null,
        threadGroupId: parent?.id ?? id,
        start: data.start,
        end: data.end,
        creatorId: p.user.id,
        creatorName: p.user.name,
        creatorKind: p.kind === 'client' ? 'client' : 'studio',
        created: now,
        modified: now,
        version: 1,
        customFields: data.customFields ?? {},
      };
      this.backend.comments.push(comment);
      if (!(p.kind === 'client' && p.preview)) {
        const to = new Map<Id, NotificationKind>(comment.mentionIds.map((id) => [id, 'mention']));
        const thread = this.backend.comments.filter((c) => parent && (c.id === parent.id || c.relatedToId === parent.id));
        for (const c of thread) if (!to.has(c.creatorId) && c.creatorKind !== 'client') to.set(c.creatorId, 'reply');
        const sharedBy = p.kind === 'client' ? this.#share(p).createdBy : undefined;
        if (sharedBy !== undefined && !to.has(sharedBy)) to.set(sharedBy, 'client-note');
        this.backend.notify(p.user, to, {
          clipId: comment.mediaObjectId,
          commentId: comment.id,
          frame: comment.start,
          excerpt: markupToPlainText(comment.description).slice(0, 200),
          status: null,
        });
      }
      this.backend.publish({ type: 'comment.created', comment }, this.#audience(comment));
      return comment;
    });
  }

  patchComment(id: Id, ops: Operation[]): Promise<ClipAnnotation> {
    return this.#call('patchComment', [id, ops], () => {
      const p = this.#authed();
      const index = this.backend.comments.findIndex((c) => c.id === id);
      const current = this.backend.comments[index];
      if (!current || current.customFields?.deleted || !this.#commentVisible(p, current)) throw noSuchComment(id);
      if (!canEditComment(this.#rights(p), p.user.id, current)) {
        throw forbidden(
          this.#rights(p).includes('REVIEW_EDIT')
            ? 'you can edit only your own comments (REVIEW_EDIT_ALL edits any)'
            : 'editing a comment needs the REVIEW_EDIT or REVIEW_EDIT_ALL right',
        );
      }
      validateCommentPatchOps(ops);
      const next = applyPatchCopy(current, structuredClone(ops));
      validateCommentFields(next);
      this.#checkMentions(p, next.mentionIds);
      if (p.kind === 'client' && next.customFields?.internal) throw forbidden('clients cannot make a comment internal');
      next.version = current.version + 1;
      next.modified = this.backend.now().toISOString();
      this.backend.comments[index] = next;
      this.backend.publish({ type: 'comment.updated', comment: next }, this.#audience(next));
      return next;
    });
  }

  deleteComments(ids: Id[]): Promise<void> {
    return this.#call('deleteComments', [ids], () => {
      const p = this.#authed();
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every(Number.isInteger)) {
        throw badRequest('ids', 'ids must be a non-empty list of comment ids');
      }
      // All or nothing: check every id before removing any.
      const targets = ids.map((id) => {
        const c = this.backend.comments.find((x) => x.id === id);
        if (!c || c.customFields?.deleted || !this.#commentVisible(p, c)) throw noSuchComment(id);
        if (!canEditComment(this.#rights(p), p.user.id, c)) throw forbidden(`you may not delete comment ${id}`);
        return c;
      });
      const rights = this.#rights(p);
      const repliesOf = (rootId: Id) => this.backend.comments.filter((c) => c.relatedToId === rootId);
      const doomed = new Set<Id>();
      const kept: ClipAnnotation[] = [];
      for (const c of targets) {
        if (c.relatedToId !== null) {
          doomed.add(c.id);
          continue;
        }
        const replies = repliesOf(c.id);
        // A root goes with its replies only when the caller may delete every one of them; otherwise the
        // replies of others stay, under a tombstone of the root.
        if (replies.every((r) => canEditComment(rights, p.user.id, r))) {
          for (const x of [c, ...replies]) doomed.add(x.id);
        } else {
          kept.push(tombstoneOf(c, replies, this.backend.now().toISOString()));
        }
      }
      // A tombstone whose last reply goes now has nothing left to hold up.
      for (const root of this.backend.comments.filter((c) => c.customFields?.deleted)) {
        if (repliesOf(root.id).every((r) => doomed.has(r.id)) && repliesOf(root.id).length > 0) doomed.add(root.id);
      }
      const removed = this.backend.comments.filter((c) => doomed.has(c.id));
      this.backend.comments = this.backend.comments.filter((c) => !doomed.has(c.id)).map((c) => kept.find((t) => t.id === c.id) ?? c);
      for (const t of kept) this.backend.publish({ type: 'comment.updated', comment: t }, this.#audience(t));
      const byClip = new Map<Id, ClipAnnotation[]>();
      for (const c of removed) byClip.set(c.mediaObjectId, [...(byClip.get(c.mediaObjectId) ?? []), c]);
      for (const [mediaObjectId, list] of byClip) {
        const publicIds = list.filter((c) => !c.customFields?.internal).map((c) => c.id);
        const internalIds = list.filter((c) => c.customFields?.internal).map((c) => c.id);
        if (publicIds.length) {
          this.backend.publish({ type: 'comment.deleted', ids: publicIds, mediaObjectId }, { mediaObjectId, isComment: true });
        }
        if (internalIds.length) {
          this.backend.publish(
            { type: 'comment.deleted', ids: internalIds, mediaObjectId },
            { mediaObjectId, isComment: true, internal: true },
          );
        }
      }
    });
  }

  /** Mentions must name studio users of the production. */
  readonly #isMember = (userId: Id) => this.backend.users.some((u) => u.id === userId);

  #audience(c: ClipAnnotation): EventAudience {
    return { mediaObjectId: c.mediaObjectId, isComment: true, internal: !!c.customFields?.internal };
  }

  async exportComments(moId: Id, format: ExportFormat, request?: ExportRequestOptions): Promise<string> {
    const job = await this.#call('exportComments', [moId, format, request], () => {
      const p = this.#authed();
      const clip = this.#visibleClip(p, moId);
      if (!isExportFormat(format)) throw badRequest('format', `format must be one of: ${EXPORT_FORMATS.join(', ')}`);
      const shown = this.#timelineClip(p, clip, exportMode(request), format);
      const options = exportOptionsOf(shown);
      return isNleExportFormat(format)
        ? { format, comments: shown.comments, options }
        : formatCommentsExport(format, shown.comments, options);
    });
    if (typeof job === 'string') return job;
    // The NLE writers load on first use: a page that never exports markers never downloads them.
    const { formatClipMarkers } = await import('./nle-markers.js');
    return formatClipMarkers(job.format, job.comments, job.options);
  }

  // ——— attachments ———

  listAttachments(moId: Id): Promise<NoteAttachment[]> {
    return this.#call('listAttachments', [moId], () => {
      const p = this.#authed();
      this.#visibleClip(p, moId);
      return this.backend.attachments.filter((a) => a.mediaObjectId === moId && this.#attachmentVisible(p, a));
    });
  }

  async uploadAttachment(commentId: Id, file: Blob, name: string): Promise<NoteAttachment> {
    // The type is read from the content, as the reference server does (docs/http-api.md, "Attachments").
    const type = sniffAttachmentType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
    const size = type?.startsWith('image/') ? await imageSize(file) : null;
    return this.#call('uploadAttachment', [commentId, name], () => {
      const p = this.#authed();
      const note = this.#editableNote(p, commentId, 'attaching a file');
      if (file.size > MAX_ATTACHMENT_BYTES) {
        throw new ReviewApiError(
          413,
          'PAYLOAD_TOO_LARGE',
          `the file is over ${MAX_ATTACHMENT_BYTES / 1_000_000} MB, the most a note may carry`,
          'file',
        );
      }
      if (file.size === 0) throw badRequest('file', 'the file is empty');
      if (!type) {
        throw new ReviewApiError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `"${name}" is not a file type this backend accepts by its content; attach a PNG, JPEG, WebP or GIF image, or a PDF`,
          'file',
        );
      }
      if (this.backend.attachments.filter((a) => a.commentId === note.id).length >= MAX_ATTACHMENTS_PER_NOTE) {
        throw new ReviewApiError(409, 'CONFLICT', `a note holds at most ${MAX_ATTACHMENTS_PER_NOTE} attachments`, 'file');
      }
      const url = URL.createObjectURL(file.type === type ? file : new Blob([file], { type }));
      const attachment: NoteAttachment = {
        id: this.backend.nextId(),
        commentId: note.id,
        mediaObjectId: note.mediaObjectId,
        name: name.split(/[\\/]/).pop() || 'attachment',
        mimeType: type,
        size: file.size,
        width: size?.width ?? null,
        height: size?.height ?? null,
        url,
        // The browser scales the picture itself: a memory backend has no thumbnails to make.
        thumbnailUrl: type.startsWith('image/') ? url : null,
        creatorId: p.user.id,
        created: this.backend.now().toISOString(),
      };
      this.backend.attachments.push(attachment);
      this.backend.publish({ type: 'attachments.changed', mediaObjectId: note.mediaObjectId, commentId: note.id }, this.#audience(note));
      return attachment;
    });
  }

  deleteAttachment(id: Id): Promise<void> {
    return this.#call('deleteAttachment', [id], () => {
      const p = this.#authed();
      const a = this.backend.attachments.find((x) => x.id === id);
      if (!a || !this.#attachmentVisible(p, a)) throw notFound(`attachment ${id}`);
      const note = this.#editableNote(p, a.commentId, 'deleting an attachment');
      this.backend.publish({ type: 'attachments.changed', mediaObjectId: note.mediaObjectId, commentId: note.id }, this.#audience(note));
      this.backend.attachments = this.backend.attachments.filter((x) => x.id !== id);
      URL.revokeObjectURL(a.url);
    });
  }

  #attachmentVisible(p: Exclude<Principal, { kind: 'anonymous' }>, a: NoteAttachment): boolean {
    const note = this.backend.comments.find((c) => c.id === a.commentId);
    return !!note && !note.customFields?.deleted && this.#commentVisible(p, note);
  }

  #editableNote(p: Exclude<Principal, { kind: 'anonymous' }>, commentId: Id, action: string): ClipAnnotation {
    const note = this.backend.comments.find((c) => c.id === commentId);
    if (!note || note.customFields?.deleted || !this.#commentVisible(p, note)) throw noSuchComment(commentId);
    if (!canEditComment(this.#rights(p), p.user.id, note)) {
      throw forbidden(`${action} needs the right to edit the note (its author with REVIEW_EDIT, or REVIEW_EDIT_ALL)`);
    }
    return note;
  }

  async exportPlaylistComments(plId: Id, format: NleExportFormat, options?: ExportRequestOptions): Promise<string> {
    const timeline = await this.#call('exportPlaylistComments', [plId, format, options], (): TimelineInput => {
      const p = this.#authed();
      const playlist = this.#playlist(p, plId);
      if (!isNleExportFormat(format)) throw badRequest('format', `format must be one of: ${NLE_EXPORT_FORMATS.join(', ')}`);
      const mode = exportMode(options);
      const clips = playlist.clipIds
        .filter((id) => this.#reachable(p, id))
        .map((id) => this.backend.clips.find((c) => c.id === id))
        .filter((c): c is Clip => !!c)
        .map((c) => this.#timelineClip(p, c, mode, format));
      return { name: playlist.name, clips };
    });
    const { formatTimelineExport } = await import('./nle-markers.js');
    return formatTimelineExport(format, timeline);
  }

  /** A clip as an NLE export shows it to `p`: the shown name, its notes `p` may see, no media URL for a client. */
  #timelineClip(
    p: Exclude<Principal, { kind: 'anonymous' }>,
    clip: Clip,
    internalNotes: InternalNotesInExport,
    format: ExportFormat,
  ): TimelineClipInput {
    return {
      id: clip.id,
      name: this.#clipFor(p, clip).name,
      frameRate: clip.media.frameRate,
      frameCount: clip.media.frameCount,
      timecodeStart: clip.timecodeStart,
      mediaUrl: p.kind === 'user' ? clip.media.url : undefined,
      reviewStatus: this.backend.moas.find((m) => m.mediaObjectId === clip.id)?.reviewStatus,
      comments: withInternalNotes(
        this.backend.comments.filter((c) => c.mediaObjectId === clip.id && this.#commentVisible(p, c)),
        internalNotes,
        format,
      ),
    };
  }

  // ——— playlists and sharing ———

  listPlaylists(): Promise<Playlist[]> {
    return this.#call('listPlaylists', [], () => {
      const p = this.#authed();
      if (p.kind === 'user') return this.backend.playlists;
      return this.backend.playlists.filter((pl) => pl.id === this.#share(p).playlistId);
    });
  }

  getPlaylist(plId: Id): Promise<Playlist> {
    return this.#call('getPlaylist', [plId], () => this.#playlist(this.#authed(), plId));
  }

  #playlist(p: Exclude<Principal, { kind: 'anonymous' }>, plId: Id): Playlist {
    const playlist = this.backend.playlists.find((pl) => pl.id === plId);
    if (!playlist || (p.kind === 'client' && this.#share(p).playlistId !== plId)) throw notFound(`playlist ${plId}`);
    return playlist;
  }

  patchPlaylist(plId: Id, ops: Operation[]): Promise<Playlist> {
    return this.#call('patchPlaylist', [plId, ops], () => {
      const p = this.#authed();
      const playlist = this.#playlist(p, plId);
      this.#require(p, canManageShares, 'SHARE_MANAGE', 'reordering a playlist');
      validatePatchPaths(ops, ['name', 'clipIds'], 'a playlist');
      const next = applyPatchCopy(playlist, structuredClone(ops));
      if (typeof next.name !== 'string' || !next.name.trim()) throw badRequest('name', 'name must be a non-empty string');
      checkTextLength('name', next.name, MAX_NAME_LENGTH);
      const known = new Set(this.backend.clips.map((c) => c.id));
      if (
        !Array.isArray(next.clipIds) ||
        !next.clipIds.every((id) => known.has(id)) ||
        new Set(next.clipIds).size !== next.clipIds.length
      ) {
        throw badRequest('clipIds', 'clipIds must list existing clips, each once');
      }
      Object.assign(playlist, { name: next.name, clipIds: next.clipIds });
      this.backend.publish({ type: 'playlist.updated', playlist }, { playlistId: playlist.id });
      return playlist;
    });
  }

  listShares(plId?: Id): Promise<Share[]> {
    return this.#call('listShares', [plId], () => {
      const p = this.#authed();
      this.#require(p, canManageShares, 'SHARE_MANAGE', 'listing shares');
      return this.backend.shares.filter((s) => plId === undefined || s.playlistId === plId).map((s) => this.#publicShare(s));
    });
  }

  createShare(plId: Id, input: NewShare): Promise<Share> {
    return this.#call('createShare', [plId, input], () => {
      const p = this.#authed();
      this.#require(p, canManageShares, 'SHARE_MANAGE', 'sharing a playlist');
      this.#playlist(p, plId);
      const data = structuredClone(input ?? {});
      const settings: ShareSettings = { ...this.backend.settings.shareDefaults, ...data.settings };
      this.#touchShareSettings(settings);
      const password = data.password ?? null;
      if (password !== null && (typeof password !== 'string' || password.length < 4)) {
        throw badRequest('password', 'password must be at least 4 characters');
      }
      if (settings.requirePassword && !password) throw badRequest('password', 'this share requires a password');
      const now = this.backend.now();
      let expiresAt: string | null;
      if (data.expiresAt !== undefined) {
        expiresAt = data.expiresAt;
        if (expiresAt !== null && Number.isNaN(Date.parse(expiresAt)))
          throw badRequest('expiresAt', 'expiresAt must be an ISO date or null');
      } else {
        expiresAt = settings.expiresInDays === null ? null : new Date(now.getTime() + settings.expiresInDays * 86_400_000).toISOString();
      }
      const token = randomToken();
      const share: StoredShare = {
        id: this.backend.nextId(),
        playlistId: plId,
        token,
        url: this.backend.shareUrl(token),
        settings,
        hasPassword: !!password,
        expiresAt,
        revoked: false,
        created: now.toISOString(),
        password,
        createdBy: p.kind === 'user' ? p.user.id : undefined,
      };
      this.backend.shares.push(share);
      return this.#publicShare(share);
    });
  }

  #manageableShare(shareId: Id): StoredShare {
    const p = this.#authed();
    if (p.kind === 'client' && p.shareId === shareId) throw forbidden('managing a share needs the SHARE_MANAGE right');
    this.#require(p, canManageShares, 'SHARE_MANAGE', 'managing a share');
    const share = this.backend.shares.find((s) => s.id === shareId);
    if (!share) throw notFound(`share ${shareId}`);
    return share;
  }

  getShare(shareId: Id): Promise<Share> {
    return this.#call('getShare', [shareId], () => {
      const p = this.#authed();
      // A client may read the share it came through; managing needs SHARE_MANAGE.
      if (p.kind === 'client' && p.shareId === shareId) return this.#publicShare(this.#share(p));
      return this.#publicShare(this.#manageableShare(shareId));
    });
  }

  updateShare(shareId: Id, changes: ShareChanges): Promise<Share> {
    return this.#call('updateShare', [shareId, changes], () => {
      queueMicrotask(() => this.backend.accessChanged());
      const share = this.#manageableShare(shareId);
      const data = structuredClone(changes ?? {}) as ShareChanges & Record<string, unknown>;
      for (const key of Object.keys(data)) {
        if (!['settings', 'expiresAt', 'revoked', 'password'].includes(key)) throw badRequest(key, `${key} cannot be changed on a share`);
      }
      const settings: ShareSettings = { ...share.settings, ...data.settings };
      this.#touchShareSettings(settings);
      let password = share.password;
      if (data.password !== undefined) {
        if (data.password !== null && (typeof data.password !== 'string' || data.password.length < 4)) {
          throw badRequest('password', 'password must be at least 4 characters');
        }
        password = data.password;
      }
      if (settings.requirePassword && !password) throw badRequest('password', 'this share requires a password');
      if (data.expiresAt !== undefined && data.expiresAt !== null && Number.isNaN(Date.parse(data.expiresAt))) {
        throw badRequest('expiresAt', 'expiresAt must be an ISO date or null');
      }
      if (data.revoked !== undefined && typeof data.revoked !== 'boolean') throw badRequest('revoked', 'revoked must be a boolean');
      Object.assign(share, {
        settings,
        password,
        hasPassword: !!password,
        ...(data.expiresAt !== undefined ? { expiresAt: data.expiresAt } : {}),
        ...(data.revoked !== undefined ? { revoked: data.revoked } : {}),
      });
      return this.#publicShare(share);
    });
  }

  deleteShare(shareId: Id): Promise<void> {
    return this.#call('deleteShare', [shareId], () => {
      this.#manageableShare(shareId).revoked = true;
      queueMicrotask(() => this.backend.accessChanged());
    });
  }

  invite(shareId: Id, invitation: Invitation): Promise<InvitationResult> {
    return this.#call('invite', [shareId, invitation], () => {
      const share = this.#manageableShare(shareId);
      if (this.backend.isShareClosed(share)) throw this.backend.shareGone(share);
      const data = structuredClone(invitation);
      if (!data || !Array.isArray(data.recipients) || data.recipients.length === 0) {
        throw badRequest('recipients', 'recipients must name at least one person');
      }
      if (typeof data.message !== 'string') throw badRequest('message', 'message must be a string');
      checkTextLength('message', data.message, MAX_MESSAGE_LENGTH);
      // Resolve everyone first so a bad recipient sends nothing.
      const people = data.recipients.map((r, i) => {
        checkTextLength(`recipients[${i}].name`, r.name, MAX_NAME_LENGTH);
        checkTextLength(`recipients[${i}].email`, r.email, MAX_EMAIL_LENGTH);
        if (r.clientUserId !== undefined) {
          const cu = this.backend.clientUsers.find((u) => u.id === r.clientUserId);
          if (!cu) throw badRequest(`recipients[${i}].clientUserId`, `client user ${r.clientUserId} does not exist`);
          return { email: cu.email, name: cu.name };
        }
        const email = typeof r.email === 'string' ? r.email.trim() : r.email;
        if (!isEmailAddress(email)) {
          throw badRequest(`recipients[${i}].email`, `recipients[${i}].email must be an e-mail address`);
        }
        return { email, name: (r.name ?? '').trim() || email.split('@')[0] };
      });
      for (const person of people) {
        if (!this.backend.clientUsers.some((u) => u.email.toLowerCase() === person.email.toLowerCase())) {
          this.backend.clientUsers.push({ id: this.backend.nextId(), ...person });
        }
      }
      this.backend.invitations.push({ shareId, invitation: data, sent: people, at: this.backend.now().toISOString() });
      return { sent: people };
    });
  }

  listClientUsers(): Promise<ClientUser[]> {
    return this.#call('listClientUsers', [], () => {
      const p = this.#authed();
      this.#require(p, canManageShares, 'SHARE_MANAGE', 'listing client users');
      return this.backend.clientUsers;
    });
  }

  createClientUser(input: { name: string; email: string }): Promise<ClientUser> {
    return this.#call('createClientUser', [input], () => {
      const p = this.#authed();
      this.#require(p, canManageShares, 'SHARE_MANAGE', 'creating a client user');
      const name = typeof input?.name === 'string' ? input.name.trim() : '';
      const email = typeof input?.email === 'string' ? input.email.trim() : '';
      if (!name) throw badRequest('name', 'name must not be empty');
      checkTextLength('name', name, MAX_NAME_LENGTH);
      checkTextLength('email', email, MAX_EMAIL_LENGTH);
      if (!isEmailAddress(email)) throw badRequest('email', 'email must be an e-mail address');
      if (this.backend.clientUsers.some((u) => u.email.toLowerCase() === email.toLowerCase())) {
        throw new ReviewApiError(409, 'CONFLICT', `a client user with e-mail ${email} already exists`, 'email');
      }
      const user: ClientUser = { id: this.backend.nextId(), name, email };
      this.backend.clientUsers.push(user);
      return user;
    });
  }

  // ——— client side ———

  #shareByToken(shareToken: string): StoredShare {
    const share = this.backend.shares.find((s) => s.token === shareToken);
    if (!share) throw notFound('share link');
    if (this.backend.isShareClosed(share)) throw this.backend.shareGone(share);
    return share;
  }

  getPublicShare(shareToken: string): Promise<PublicShare> {
    return this.#call('getPublicShare', [shareToken], () => {
      const share = this.#shareByToken(shareToken);
      const playlist = this.backend.playlists.find((pl) => pl.id === share.playlistId);
      return {
        studioName: this.backend.org.studioName,
        logoUrl: this.backend.org.logoUrl,
        accentColor: this.backend.org.accentColor,
        playlistName: playlist?.name ?? '',
        requiresPassword: share.hasPassword,
        expired: false,
        theme: this.backend.org.clientTheme ?? 'light',
        commentsCreate: share.settings.commentsVisible && share.settings.commentsCreate,
      };
    });
  }

  openShareSession(shareToken: string, input: { password?: string; name?: string; email?: string }): Promise<ShareSession> {
    return this.#call('openShareSession', [shareToken, input], () => {
      const share = this.#shareByToken(shareToken);
      const email = input?.email?.trim() || undefined;
      // Before the password, as the reference server does: a malformed address is a 400 whatever the password.
      if (email !== undefined && !isEmailAddress(email)) throw badRequest('email', 'email must be an e-mail address');
      const now = this.backend.now().getTime();
      if (this.backend.passwordLockedUntil(shareToken) > now) {
        throw new ReviewApiError(429, 'RATE_LIMITED', 'too many wrong passwords: wait a minute and try again');
      }
      if (share.password !== null && input?.password !== share.password) {
        this.backend.notePasswordFailure(shareToken);
        throw new ReviewApiError(401, 'UNAUTHORIZED', input?.password ? 'wrong password' : 'this share needs a password', 'password');
      }
      this.backend.clearPasswordFailures(shareToken);
      if (input?.name?.trim())
        checkClientName(
          input.name.trim(),
          this.backend.users.filter((u) => u.kind === 'studio').map((u) => u.name),
        );
      const known = email ? this.backend.clientUsers.find((u) => u.email.toLowerCase() === email.toLowerCase()) : undefined;
      const name = input?.name?.trim() || known?.name || 'Client';
      const user: User = { id: known?.id ?? this.backend.nextId(), name, email, kind: 'client', avatarUrl: null };
      const token = this.backend.issueClientToken(user, share.id);
      return { token, productionId: this.backend.productionId, playlistId: share.playlistId };
    });
  }

  openSharePreview(shareToken: string): Promise<ShareSession> {
    return this.#call('openSharePreview', [shareToken], () => {
      const p = this.#authed();
      const share = this.#shareByToken(shareToken);
      if (p.kind !== 'user') throw forbidden('a client session cannot preview a share');
      this.#require(p, canManageShares, 'SHARE_MANAGE', 'previewing a share');
      const { rights: _rights, password: _pw, ...user } = p.user;
      const token = this.backend.issueClientToken(user, share.id, true);
      return { token, productionId: this.backend.productionId, playlistId: share.playlistId };
    });
  }

  // ——— notifications ———

  listNotifications(query: { limit?: number } = {}): Promise<NotificationList> {
    return this.#call('listNotifications', [query], () => {
      const p = this.#authed();
      const mine = this.backend.notifications.filter((n) => n.userId === p.user.id);
      const items = mine
        .slice(-(query.limit ?? 50))
        .reverse()
        .map(({ userId: _, ...n }) => ({ ...n, actor: { ...n.actor } }));
      return { items, unread: mine.filter((n) => !n.read).length };
    });
  }

  markNotificationsRead(which: Id[] | 'all'): Promise<{ unread: number }> {
    return this.#call('markNotificationsRead', [which], () => {
      const p = this.#authed();
      const mine = this.backend.notifications.filter((n) => n.userId === p.user.id);
      for (const n of mine) if (which === 'all' || which.includes(n.id)) n.read = true;
      return { unread: mine.filter((n) => !n.read).length };
    });
  }

  getNotificationPreferences(): Promise<NotificationPreferences> {
    return this.#call('getNotificationPreferences', [], () => ({
      digest: this.backend.digests.get(this.#authed().user.id) ?? 'immediately',
    }));
  }

  setNotificationPreferences(preferences: NotificationPreferences): Promise<NotificationPreferences> {
    return this.#call('setNotificationPreferences', [preferences], () => {
      const p = this.#authed();
      if (!DIGEST_FREQUENCIES.includes(preferences?.digest)) {
        throw badRequest('digest', `digest must be one of ${DIGEST_FREQUENCIES.join(', ')}`);
      }
      this.backend.digests.set(p.user.id, preferences.digest);
      return { digest: preferences.digest };
    });
  }

  // ——— live ———

  // ——— synced review rooms (docs/http-api.md, "Rooms") ———

  /** This instance is one sign-in, so one participant. */
  readonly #roomKey = randomToken();

  /** The caller as a room participant, as the reference server decides (demo/server/routes/rooms.ts). */
  #roomCaller(plId: Id): RoomCaller {
    const p = this.#authed();
    if (!this.backend.playlists.some((pl) => pl.id === plId)) throw notFound(`playlist ${plId}`);
    if (p.kind === 'client') {
      const share = this.#share(p);
      if (share.playlistId !== plId) throw notFound(`playlist ${plId}`);
      if (p.preview) throw forbidden('a Preview cannot join the review room; open the room from the portal');
      if (share.settings.allowRoom !== true) throw forbidden('this share does not let its clients join the review room');
    }
    return {
      key: this.#roomKey,
      user: { id: p.user.id, name: p.user.name, kind: p.kind === 'user' ? 'studio' : 'client' },
      annotates: this.#rights(p).includes('REVIEW_EDIT'),
    };
  }

  joinRoom(plId: Id): Promise<RoomJoin> {
    return this.#call('joinRoom', [plId], () => {
      const caller = this.#roomCaller(plId);
      this.backend.roomAccess.set(this.#roomKey, (id) => {
        try {
          this.#roomCaller(id);
          return true;
        } catch {
          return false;
        }
      });
      return this.backend.rooms.join(this.productionId, plId, caller);
    });
  }

  leaveRoom(plId: Id): Promise<void> {
    return this.#call('leaveRoom', [plId], () => {
      this.#authed();
      this.backend.rooms.leave(this.productionId, plId, this.#roomKey);
    });
  }

  sendRoomAction(plId: Id, action: RoomAction): Promise<RoomState> {
    return this.#call('sendRoomAction', [plId, action], () => {
      this.#roomCaller(plId);
      return this.backend.rooms.act(this.productionId, plId, this.#roomKey, structuredClone(action));
    });
  }

  exportRoomMinutes(plId: Id, format: RoomMinutesFormat): Promise<string> {
    return this.#call('exportRoomMinutes', [plId, format], () => {
      this.#roomCaller(plId);
      const minutes = this.backend.rooms.minutes(this.productionId, plId, this.#roomKey);
      return formatRoomMinutes(minutes, format, {
        title: this.backend.playlists.find((pl) => pl.id === plId)?.name ?? `Playlist ${plId}`,
        clipName: (id) => this.backend.clips.find((c) => c.id === id)?.name ?? `clip ${id}`,
      });
    });
  }

  /** The room's states, each delivered after the call that caused it answered (as over HTTP). */
  subscribeRoom(plId: Id, listener: (event: RoomEvent) => void, onConnection?: (connected: boolean) => void): Unsubscribe {
    let stopped = false;
    const deliver = (event: RoomEvent) => {
      const copy = structuredClone(event);
      queueMicrotask(() => !stopped && listener(copy));
    };
    const detach = this.backend.rooms.attach(this.productionId, plId, this.#roomKey, deliver);
    if (!detach) deliver({ type: 'room.ended', reason: 'removed' });
    else if (onConnection) queueMicrotask(() => !stopped && onConnection(true));
    return () => {
      stopped = true;
      detach?.();
    };
  }

  subscribe(listener: (event: ReviewEvent) => void, onConnection?: (connected: boolean) => void): Unsubscribe {
    // A distinct function per call: the same onConnection subscribed twice is two subscriptions.
    const connection = onConnection && ((connected: boolean) => onConnection(connected));
    return this.backend.listen((event, audience) => {
      let p: Principal;
      try {
        p = this.#principal();
      } catch {
        return; // token no longer valid (e.g. share revoked): no more events
      }
      if (p.kind === 'anonymous') return;
      if (p.kind === 'client') {
        const share = this.#share(p);
        const playlist = this.backend.playlists.find((pl) => pl.id === share.playlistId);
        if (audience.playlistId !== undefined && audience.playlistId !== share.playlistId) return;
        if (audience.mediaObjectId !== undefined && !playlist?.clipIds.includes(audience.mediaObjectId)) return;
        if (audience.isComment && (!share.settings.commentsVisible || audience.internal)) return;
        if (event.type === 'clip.updated') event = { ...event, clip: this.#clipFor(p, event.clip) };
      }
      listener(event);
    }, connection);
  }
}

function toError(fault: InjectedFault, method: string): ReviewApiError {
  if (fault instanceof ReviewApiError) return fault;
  if (fault === 'timeout') return new ReviewApiError(0, 'TIMEOUT', `${method}: the review API did not answer in time (injected)`);
  if (fault === 'network') return new ReviewApiError(0, 'NETWORK', `${method}: cannot reach the review API (injected)`);
  return new ReviewApiError(fault, codeForStatus(fault), `${method}: injected ${fault} error`);
}

/** The internal-notes choice of an export call, checked (absent: `mark`). */
function exportMode(options: ExportRequestOptions | undefined): InternalNotesInExport {
  const mode = internalNotesMode(options?.internalNotes);
  if (!mode) throw badRequest('internalNotes', "internalNotes must be 'mark' or 'omit'");
  return mode;
}

/**
 * The attachment type of a file by its first bytes, or null. The reference server uses the `file-type`
 * library; this backend runs in the browser and checks only the five types it accepts, so it carries their
 * signatures rather than a dependency into every page that uses it.
 */
function sniffAttachmentType(head: Uint8Array): AttachmentType | null {
  const starts = (bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
  const ascii = (text: string, at = 0) =>
    starts(
      [...text].map((c) => c.charCodeAt(0)),
      at,
    );
  const type: string | null = starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    ? 'image/png'
    : starts([0xff, 0xd8, 0xff])
      ? 'image/jpeg'
      : ascii('RIFF') && ascii('WEBP', 8)
        ? 'image/webp'
        : ascii('GIF87a') || ascii('GIF89a')
          ? 'image/gif'
          : ascii('%PDF-')
            ? 'application/pdf'
            : null;
  return type && isAttachmentType(type) ? type : null;
}

/** An image's size in pixels, or null where the browser cannot decode it. */
async function imageSize(file: Blob): Promise<{ width: number; height: number } | null> {
  if (typeof createImageBitmap !== 'function') return null;
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return null;
  }
}
