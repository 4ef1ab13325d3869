import type { Capabilities } from '../contract/capabilities.js';
import { toApiError, type ReviewApiError } from '../contract/errors.js';
import type { ReviewApi } from '../contract/review-api.js';
import type {
  ClipAnnotation,
  Drawing,
  DrawingShape,
  FrameRate,
  Id,
  Me,
  Operation,
  OpenAnswer,
  OrgSettings,
  ProductionSettings,
} from '../contract/types.js';
import type { TimeFormat } from '../media/frame-math.js';
import { Store } from './store.js';
import { StoreRegistry } from './store-registry.js';

/**
 * Where the review is: the clip on show, the comment selected, and the frame a driver last asked for.
 * Changes only on a request (a clip picked, a comment selected, a seek asked for), never as the player plays.
 */
export interface NavigationState {
  /** The clip the elements without `clip-id` follow. */
  clipId: Id | null;
  /** The comment selected in the thread or on the timeline. */
  commentId: Id | null;
  /**
   * The frame wanted on screen. `seq` grows with every request, so asking for the same frame again seeks
   * again; the player acts when `seq` is new and `clipId` is the clip it shows (or null: whatever it shows).
   */
  wantedFrame: { clipId: Id | null; frame: number; seq: number } | null;
  /** Two versions compared (`<review-compare>`), and the one notes go to; null (or absent) when none. */
  compare?: CompareState | null;
}

/** Versions `a` and `b` are compared; notes go to `notesOn`. */
export interface CompareState {
  a: Id;
  b: Id | null;
  notesOn: Id;
}

/** Where the player is: what it reported last (`review-ready`, `review-frame-change`). */
export interface PlayheadState {
  clipId: Id | null;
  frame: number;
  frameCount: number;
  frameRate: FrameRate | null;
  timeFormat: TimeFormat;
  frameOffset: number;
  /** The timecode of frame 0, in frames. */
  timecodeStart: number;
}

/** A spot picked on the picture, in percent (0–100) of the frame, for the requester that waited for it. */
export interface PickedSpot {
  x: number;
  y: number;
  /** The requester that waited (a composer's id): only it takes the spot. */
  for: string;
  /** Grows with every pick, so a composer takes each pick once (and a second pick at the same point too). */
  seq: number;
}

/**
 * What is being composed on the picture for a new note: who waits for a spot, the last spot picked, and
 * the drawing on the picture. One per session, however many composers are open: a reply and an edit can be
 * open beside the new-comment composer, and any of them that offers "Add spot" may ask, so the wait names
 * its requester (the last to ask takes over; the one before simply stops waiting) and a pick is addressed
 * to it. Each composer keeps its own text, spot and drawing (its draft in localStorage); the store holds
 * what the picture and the composers share.
 */
export interface DraftState {
  /** The requester waiting for a spot (a composer's id, or `host`); null: a click on the picture is no pick. */
  spotFor: string | null;
  /** The last spot picked; null before the first. */
  spot: PickedSpot | null;
  /**
   * The drawing on the picture (`<review-annotation-layer>`), null when empty. A composer that offers
   * "Add spot" attaches it; the store drops it once a comment carrying it was created, and the layer then
   * starts a new drawing.
   */
  drawing: Drawing | null;
}

/**
 * Who is reviewing and under which settings: the signed-in user (with rights), the production's and the
 * studio's settings, and what the backend offers. Loaded in one wave when the session gets its API.
 */
export interface IdentityState {
  /** `idle` without an API, `loading`, `ready`, or `error` (with `error`). */
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ReviewApiError | null;
  me: Me | null;
  settings: ProductionSettings | null;
  /** Null when the backend refused them (`orgError` says why): they only brand the page. */
  org: OrgSettings | null;
  /** Why the backend refused the studio's settings, shown by the form that edits them. */
  orgError: ReviewApiError | null;
  /** Null when the backend does not say (no `getCapabilities`, or it failed). */
  capabilities: Capabilities | null;
}

const NO_IDENTITY: IdentityState = { status: 'idle', error: null, me: null, settings: null, org: null, orgError: null, capabilities: null };

/** Requester of a wait for a spot that came from the host's `review-spot-mode` rather than from a composer. */
export const HOST_SPOT_REQUESTER = 'host';

/** A store whose owner sets its state from outside (the review store's parts). */
class StateCell<S> extends Store<S> {
  set(next: S): void {
    this.setState(next);
  }
}

const NO_PLAYHEAD: PlayheadState = {
  clipId: null,
  frame: 0,
  frameCount: 0,
  frameRate: null,
  timeFormat: 'frames',
  frameOffset: 0,
  timecodeStart: 0,
};

/**
 * The one owner of a review's state, per `<review-session>` and API: navigation (clip, selection, the frame
 * wanted), the playhead, and the per-clip resources (clip, comments, status stores, each loaded once).
 * Elements render what it publishes and send request events; the session maps each request to one method
 * here (its request map). A remote driver — a synced review room, a second player in a compare — calls the
 * same methods, so the player follows without anyone reaching into it (docs/architecture.md).
 */
export class ReviewStore {
  readonly navigation: Store<NavigationState> = new StateCell<NavigationState>({ clipId: null, commentId: null, wantedFrame: null });
  readonly playhead: Store<PlayheadState> = new StateCell<PlayheadState>(NO_PLAYHEAD);
  /** The note being composed on the picture: the spot wait, the last pick, the drawing (`DraftState`). */
  readonly draft: Store<DraftState> = new StateCell<DraftState>({ spotFor: null, spot: null, drawing: null });
  /** Who reviews, the settings and the capabilities (`IdentityState`). */
  readonly identity: Store<IdentityState> = new StateCell<IdentityState>(NO_IDENTITY);
  #resources = new StoreRegistry();
  #api: ReviewApi | null = null;
  #identitySeq = 0;
  #identityLoad: Promise<void> = Promise.resolve();
  #seekSeq = 0;
  #spotSeq = 0;
  #compareSeq = 0;

  /** Per-clip stores shared by every element (`clip:`, `comments:`, `status:` keys), each loaded once. */
  get resources(): StoreRegistry {
    return this.#resources;
  }

  /** The per-clip stores belong to one API: a new API starts from empty ones (a new registry). */
  resetResources(): void {
    this.#resources.clear();
    this.#resources = new StoreRegistry();
  }

  /**
   * The review's backend is `api` from now on (null: none): the resources start empty and who is signed in
   * is loaded anew, except what the host already asked for: `knownMe` (the client page checked its link with
   * it) and `knownCapabilities`, or all of it when the host made the open call (`opened`, docs/http-api.md
   * "Open"). `error`: the backend cannot be used (the session's attributes make no API), shown as such.
   */
  connect(
    api: ReviewApi | null,
    options: { knownMe?: Me | null; knownCapabilities?: Capabilities | null; opened?: OpenAnswer | null; error?: ReviewApiError } = {},
  ): Promise<void> {
    this.#api = api;
    this.resetResources();
    this.#identitySeq++;
    const opened = options.opened;
    if (options.error) this.#setIdentity({ ...NO_IDENTITY, status: 'error', error: options.error });
    else if (!api) this.#setIdentity(NO_IDENTITY);
    else if (opened) {
      const { me, settings, org, capabilities } = opened;
      this.#setIdentity({ status: 'ready', error: null, me, settings, org, orgError: null, capabilities });
    } else return this.#loadIdentity(api, options.knownMe ?? null, options.knownCapabilities ?? null);
    this.#identityLoad = Promise.resolve();
    return this.#identityLoad;
  }

  /** Loads who is signed in and the settings again (after an error, or to see changes made elsewhere). */
  reloadIdentity(): Promise<void> {
    return this.#api ? this.#loadIdentity(this.#api, null, null) : Promise.resolve();
  }

  /** Resolves when the current identity load (if any) has finished, successfully or not. */
  get identityLoaded(): Promise<void> {
    return this.#identityLoad;
  }

  /** Saves the production's settings (JSON Patch `ops`); everyone reads what the server saved. */
  async saveSettings(ops: Operation[]): Promise<ProductionSettings> {
    const settings = await this.#requireApi().patchSettings(ops);
    this.settingsSaved({ settings });
    return settings;
  }

  /** Saves the studio's settings (JSON Patch `ops`); everyone reads what the server saved. */
  async saveOrgSettings(ops: Operation[]): Promise<OrgSettings> {
    const org = await this.#requireApi().patchOrgSettings(ops);
    this.settingsSaved({ org });
    return org;
  }

  /** Settings saved by someone else on the page (a form with its own API): the store takes what was saved. */
  settingsSaved(saved: { settings?: ProductionSettings; org?: OrgSettings }): void {
    const identity = this.identity.state;
    const org = saved.org ?? identity.org;
    this.#setIdentity({ ...identity, settings: saved.settings ?? identity.settings, org, orgError: org ? null : identity.orgError });
  }

  #requireApi(): ReviewApi {
    if (!this.#api) throw toApiError(new Error('The review session has no API.'), 'CONFIG');
    return this.#api;
  }

  #loadIdentity(api: ReviewApi, knownMe: Me | null, knownCapabilities: Capabilities | null): Promise<void> {
    const seq = ++this.#identitySeq;
    this.#setIdentity({ ...this.identity.state, status: 'loading', error: null });
    this.#identityLoad = (async () => {
      try {
        // One round trip. The studio's settings only brand the page: a backend that refuses them must not
        // block reviewing; capabilities tell what the backend lacks (docs/conformance.md).
        let orgError: ReviewApiError | null = null;
        const [me, settings, org, capabilities] = await Promise.all([
          knownMe ?? api.getMe(),
          api.getSettings(),
          api.getOrgSettings().catch((e: unknown) => ((orgError = toApiError(e)), null)),
          knownCapabilities ?? api.getCapabilities?.().catch(() => null),
        ]);
        if (seq === this.#identitySeq)
          this.#setIdentity({ status: 'ready', error: null, me, settings, org, orgError, capabilities: capabilities ?? null });
      } catch (e) {
        if (seq === this.#identitySeq) this.#setIdentity({ ...this.identity.state, status: 'error', error: toApiError(e) });
      }
    })();
    return this.#identityLoad;
  }

  /** Shows `clipId`; a new clip clears the selection and any frame wanted on the old one. */
  selectClip(clipId: Id | null): void {
    const nav = this.navigation.state;
    if (nav.clipId === clipId) return;
    this.#setNavigation({ clipId, commentId: null, wantedFrame: null, compare: nav.compare ?? null });
  }

  /** Selects `comment` and asks for its frame (on its clip, which becomes the current one). */
  selectComment(comment: Pick<ClipAnnotation, 'id' | 'mediaObjectId' | 'start'>): void {
    this.#setNavigation({
      ...this.navigation.state,
      clipId: comment.mediaObjectId,
      commentId: comment.id,
      wantedFrame: { clipId: comment.mediaObjectId, frame: comment.start, seq: ++this.#seekSeq },
    });
  }

  /**
   * Versions are compared (`compare`); returns the function that ends this compare. A later compare takes
   * over: ending an earlier one then changes nothing.
   */
  startCompare(compare: CompareState): () => void {
    const token = ++this.#compareSeq;
    this.#setNavigation({ ...this.navigation.state, compare: { ...compare } });
    return () => {
      if (token === this.#compareSeq && this.navigation.state.compare) this.#setNavigation({ ...this.navigation.state, compare: null });
    };
  }

  /** Asks for `frame` (0-based) of `clipId` (default: the current clip) on screen. */
  seek(frame: number, clipId: Id | null = this.navigation.state.clipId): void {
    const nav = this.navigation.state;
    this.#setNavigation({ ...nav, wantedFrame: { clipId, frame: Math.max(0, Math.round(frame)), seq: ++this.#seekSeq } });
  }

  /** The player loaded media: the playhead takes its clip, length and rate (and keeps its frame on the same clip). */
  reportReady(ready: Omit<PlayheadState, 'frame'>): void {
    const prev = this.playhead.state;
    const frame = ready.clipId === prev.clipId ? Math.min(prev.frame, Math.max(0, ready.frameCount - 1)) : 0;
    this.#setPlayhead({ ...ready, frame });
  }

  /** The player shows `frame` now. */
  reportFrame(frame: number): void {
    const prev = this.playhead.state;
    if (prev.frame !== frame) this.#setPlayhead({ ...prev, frame });
  }

  /** `requester` (a composer's id) waits for a spot: the next click on the picture picks it for `requester`. */
  waitForSpot(requester: string): void {
    const draft = this.draft.state;
    if (draft.spotFor !== requester) this.#setDraft({ ...draft, spotFor: requester });
  }

  /** `requester` stops waiting for a spot; without one, whoever waits stops. Another requester's wait stays. */
  cancelSpot(requester?: string): void {
    const draft = this.draft.state;
    if (draft.spotFor !== null && (requester === undefined || draft.spotFor === requester)) this.#setDraft({ ...draft, spotFor: null });
  }

  /**
   * The picture was clicked at `x`, `y` (percent of the frame, clamped to 0–100): the spot of whoever waits,
   * who then stops waiting. Returns false (and changes nothing) when nobody waits or the point is not finite.
   */
  pickSpot(x: number, y: number): boolean {
    const draft = this.draft.state;
    if (draft.spotFor === null || !Number.isFinite(x) || !Number.isFinite(y)) return false;
    const clamp = (v: number) => Math.min(100, Math.max(0, v));
    this.#setDraft({ ...draft, spotFor: null, spot: { x: clamp(x), y: clamp(y), for: draft.spotFor, seq: ++this.#spotSeq } });
    return true;
  }

  /** The drawing on the picture changed (null: empty). */
  setDrawing(drawing: Drawing | null): void {
    const draft = this.draft.state;
    const next = drawing && drawing.shapes.length > 0 ? drawing : null;
    if (next !== draft.drawing) this.#setDraft({ ...draft, drawing: next });
  }

  /** A comment was created: when it carries the drawing on the picture, that drawing is done (the draft drops it). */
  commentCreated(comment: Pick<ClipAnnotation, 'customFields'>): void {
    const draft = this.draft.state;
    if (draft.drawing && sameDrawing(comment.customFields?.drawing, draft.drawing)) this.#setDraft({ ...draft, drawing: null });
  }

  /** Drops the per-clip stores (their event subscriptions with them). */
  dispose(): void {
    this.#resources.clear();
  }

  #setNavigation(next: NavigationState): void {
    (this.navigation as StateCell<NavigationState>).set(next);
  }

  #setPlayhead(next: PlayheadState): void {
    (this.playhead as StateCell<PlayheadState>).set(next);
  }

  #setIdentity(next: IdentityState): void {
    (this.identity as StateCell<IdentityState>).set(next);
  }

  #setDraft(next: DraftState): void {
    (this.draft as StateCell<DraftState>).set(next);
  }
}

/** Whether a stored drawing (untrusted: from the API) has the same shapes as `drawing`. */
function sameDrawing(stored: Drawing | undefined, drawing: Drawing): boolean {
  const shapes = stored?.shapes;
  if (!Array.isArray(shapes) || shapes.length !== drawing.shapes.length) return false;
  const key = (s: DrawingShape) => JSON.stringify([s.type, s.color, s.width, s.points, s.text ?? null]);
  return shapes.every((s, i) => key(s) === key(drawing.shapes[i]));
}
