import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { msg } from '@lit/localize';
import { ReviewElement } from '../../internal/review-element.js';
import { toApiError, type ReviewApiError } from '../../contract/errors.js';
import type { ReviewApi } from '../../contract/review-api.js';
import type { Capabilities } from '../../contract/capabilities.js';
import { connectReviewApi } from '../../store/connect.js';
import type { Id, Me, OpenAnswer, OrgSettings, Playlist, ProductionSettings } from '../../contract/types.js';
import { knownClips, knownPlaylist } from '../../store/known-playlists.js';
import { frameRateFromFps } from '../../media/frame-math.js';
import {
  draftContext,
  navigationContext,
  playheadContext,
  roomContext,
  sessionContext,
  type NavigationState,
  type PlayheadState,
  type SessionState,
  type TimeFormat,
} from '../../store/context.js';
import { HOST_SPOT_REQUESTER, ReviewStore } from '../../store/review-store.js';
import type { RoomRequest, RoomStore, RoomView } from '../../store/room-store.js';

/** Not in a room (the room store's code loads on the first room request). */
const ROOM_IDLE: RoomView = { status: 'idle', playlistId: null, room: null, me: null, error: null };
import { commentsSourceContext } from '../../store/comments-source.js';
import { setLocale } from '../../i18n/index.js';
import { applyAccent } from '../../styles/index.js';
import { styles } from './review-session.styles.js';

// Still exported here: the entry `review-elements/elements/review-session.js` has exported it since 0.1.0.
export { frameRateFromFps };

/**
 * The provider every review element reads from: API, user and rights, production and organization
 * settings, the current clip and the link between the player and the comments.
 *
 * Give it an `api` property (any `ReviewApi`, e.g. `MemoryReviewApi`), or `api-base` + `production-id`
 * (+ `token`) to build a `RestReviewApi`. The `api` property wins. When loading fails it shows the error
 * (part `error`, role `alert`) with a Retry button above its content, which stays rendered.
 *
 * It owns the review's state in one `ReviewStore` (`store`) and maps the requests its descendants send up
 * to it: `review-clip-select` shows a clip; `review-comment-select` selects a comment and asks for its
 * frame; `review-seek-request` asks for a frame; `review-ready` and `review-frame-change` from the player
 * move the playhead; `review-spot-request` and `review-drawing-request` (and, from a host, `review-spot-mode`,
 * `review-spot-pick`, `review-drawing-change`) set the draft, which `review-comment-created` clears of the
 * drawing it carried. It publishes the store's parts in small contexts: the session (identity, rights,
 * settings, the current clip), the navigation (selection, the frame wanted), the playhead and the draft
 * (the spot wait and pick, the drawing on the picture).
 *
 * @customElement review-session
 * @summary Provider of the review API, user, rights and settings to the elements inside it.
 * @slot - The review elements (player, comments, status, playlist …).
 * @csspart error - The box shown when loading the session failed (role alert).
 * @csspart error-title - Its heading line.
 * @csspart error-text - Its message.
 * @csspart retry - Its Retry button.
 * @cssprop --review-danger - Border and title colour of the error box.
 * @cssprop --review-accent - Set inline from the organization's accent colour unless the page sets it.
 * @attr api-base - Base URL of the review API, e.g. `https://studio.example/api`.
 * @attr production-id - The production (`:pid` of the API paths).
 * @attr token - Bearer token sent as `Authorization: Bearer …`.
 * @attr locale - BCP 47 locale for the UI strings, dates and numbers (default: the page's `lang` or the
 *   browser's). UI strings exist in `en`, `fr` and `ja`; another tag uses its base language ('fr-CA' → 'fr'),
 *   else English. The UI locale is page-wide (`setLocale`), dates and numbers follow each session's own.
 * @attr clip-id - The current clip, followed by elements without their own `clip-id`.
 * @attr theme - `light` (default), `dark` or `auto`.
 */
export class ReviewSession extends ReviewElement {
  static override styles = styles;

  /** Base URL of the review API (used when no `api` property is set). */
  @property({ attribute: 'api-base' }) apiBase: string | null = null;
  @property({ attribute: 'production-id' }) productionId: string | null = null;
  @property() token: string | null = null;
  @property() locale: string =
    (typeof document !== 'undefined' && document.documentElement.lang) || (typeof navigator !== 'undefined' && navigator.language) || 'en';
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' | null = null;
  /** Any `ReviewApi`; takes precedence over `api-base`. */
  @property({ attribute: false }) api: ReviewApi | null = null;
  /**
   * What the host already loaded with this API, so that the session does not ask for it again: `me` (the
   * client page checks a link with it), `playlists`, and the backend's `capabilities`; or `opened`, the open
   * call's answer (docs/http-api.md, "Open"): who, the settings, the playlist, the clips and the first clip.
   * Read when the API is set.
   */
  @property({ attribute: false }) preloaded: { me?: Me; playlists?: Playlist[]; capabilities?: Capabilities; opened?: OpenAnswer } | null =
    null;
  /** The current clip id (attribute `clip-id`); the review store's `navigation.clipId`. */
  @property({ attribute: 'clip-id', type: Number, reflect: true })
  get currentClipId(): Id | null {
    return this.#store.navigation.state.clipId;
  }
  set currentClipId(id: Id | null) {
    this.#store.selectClip(id);
  }

  /**
   * Same as `currentClipId`, under the name every other element uses for `clip-id`, so a framework binding
   * written like the player's (`clipId={101}`, `[clipId]="101"`) works on the session too.
   */
  get clipId(): Id | null {
    return this.currentClipId;
  }
  set clipId(id: Id | null) {
    this.currentClipId = id;
  }

  #activeApi: ReviewApi | null = null;
  readonly #store = new ReviewStore();

  readonly #sessionProvider = new ContextProvider(this, {
    context: sessionContext,
    initialValue: this.#snapshot(),
  });

  readonly #playheadProvider = new ContextProvider(this, {
    context: playheadContext,
    initialValue: this.#store.playhead.state,
  });

  readonly #navigationProvider = new ContextProvider(this, {
    context: navigationContext,
    initialValue: this.#store.navigation.state,
  });

  readonly #draftProvider = new ContextProvider(this, {
    context: draftContext,
    initialValue: this.#store.draft.state,
  });

  /** The synced review room this session is in (made on the first `review-room-request`), and its context. */
  #room: RoomStore | null = null;
  readonly #roomProvider = new ContextProvider(this, { context: roomContext, initialValue: ROOM_IDLE });

  /** The room's code loads on the first request, so a page without `<review-room>` never fetches it. */
  async #roomRequest(request: RoomRequest): Promise<void> {
    const api = this.#activeApi;
    if (!api) return;
    if (!this.#room) {
      const { RoomStore } = await import('../../store/room-store.js');
      if (api !== this.#activeApi) return;
      this.#room ??= new RoomStore(api, this.#store);
      this.#room.subscribe((view) => this.#roomProvider.setValue(view));
    }
    this.#room.request(request);
  }

  #endRoom(): void {
    this.#room?.dispose();
    this.#room = null;
    this.#roomProvider.setValue(ROOM_IDLE);
  }

  constructor() {
    super();
    // Read access to the comments stores for elements that only show comments (the player's markers).
    // The store's code loads on the first request, so a page without such an element never fetches it;
    // then the value becomes a stable function that reads the current API and stores on each call.
    let requested = false;
    const commentsSource = new ContextProvider(this, {
      context: commentsSourceContext,
      initialValue: () => {
        if (!requested) {
          requested = true;
          import('../../store/comments-store.js').then(
            ({ commentsStoreFor }) => commentsSource.setValue((clipId) => commentsStoreFor(this.#sessionProvider.value, clipId)),
            () => (requested = false), // the chunk failed to load: the next request tries again
          );
        }
        return undefined;
      },
    });
    // The request map: each request from a descendant becomes one call on the store.
    this.addEventListener('review-clip-select', (e) => this.#store.selectClip(e.detail.clipId));
    this.addEventListener('review-comment-select', (e) => this.#store.selectComment(e.detail.comment));
    this.addEventListener('review-seek-request', (e) => {
      if (!e.defaultPrevented) this.#store.seek(e.detail.frame, e.detail.clipId);
    });
    this.addEventListener('review-ready', (e) => {
      const d = e.detail;
      const prev = this.#store.playhead.state;
      this.#store.reportReady({
        clipId: d.clipId !== undefined ? d.clipId : this.currentClipId,
        frameCount: d.frameCount,
        frameRate: d.frameRate ?? frameRateFromFps(d.fps),
        timeFormat: (d.timeFormat as TimeFormat | undefined) ?? prev.timeFormat,
        frameOffset: d.frameOffset ?? prev.frameOffset,
        timecodeStart: d.timecodeStart ?? 0,
      });
    });
    this.addEventListener('review-frame-change', (e) => this.#store.reportFrame(e.detail.frame));
    this.addEventListener('review-notification-open', ({ defaultPrevented, detail: { notification: n } }) => {
      if (defaultPrevented) return;
      if (n.commentId === null) this.#store.selectClip(n.clipId);
      else this.#store.selectComment({ id: n.commentId, mediaObjectId: n.clipId, start: n.frame });
    });
    // A settings form saves through the store, which holds the one copy and publishes what was saved.
    this.addEventListener('review-settings-save-request', ({ detail }) => {
      if (!this.#activeApi) return;
      if (detail.target === 'org') detail.reply(this.#store.saveOrgSettings(detail.ops));
      else detail.reply(this.#store.saveSettings(detail.ops));
    });
    // The note being composed on the picture: the composer's spot wait, the picture's pick and drawing.
    this.addEventListener('review-spot-request', ({ detail: d }) => {
      if (d.action === 'pick') this.#store.pickSpot(d.x, d.y);
      else if (d.action === 'wait') this.#store.waitForSpot(d.requester);
      else this.#store.cancelSpot(d.requester);
    });
    this.addEventListener('review-drawing-request', (e) => this.#store.setDrawing(e.detail.drawing));
    // A room follows and publishes through this same store (src/store/room-store.ts).
    this.addEventListener('review-room-request', (e) => void this.#roomRequest(e.detail));
    this.addEventListener('review-compare-request', ({ detail: d }) =>
      d.reply(this.#store.startCompare({ a: d.a, b: d.b, notesOn: d.notesOn })),
    );
    // The same from a host, in the older notification events (the elements send them after their request,
    // which makes these no-ops: the wait is on, the pick taken, the drawing the same).
    this.addEventListener('review-spot-mode', (e) => {
      if (!e.detail.active) this.#store.cancelSpot();
      else if (this.#store.draft.state.spotFor === null) this.#store.waitForSpot(HOST_SPOT_REQUESTER);
    });
    this.addEventListener('review-spot-pick', (e) => this.#store.pickSpot(e.detail.x, e.detail.y));
    this.addEventListener('review-drawing-change', (e) => this.#store.setDrawing(e.detail.drawing));
    // The comment carrying the drawing on the picture was saved: the draft drops it (the layer starts anew).
    this.addEventListener('review-comment-created', (e) => this.#store.commentCreated(e.detail.comment));
    this.#store.playhead.subscribe((playhead) => this.#playheadProvider.setValue(playhead));
    this.#store.navigation.subscribe((navigation) => this.#onNavigation(navigation));
    this.#store.draft.subscribe((draft) => this.#draftProvider.setValue(draft));
    this.#store.identity.subscribe((identity) => {
      if (identity.org) applyAccent(this, identity.org.accentColor);
      this.requestUpdate();
    });
    // A settings form inside saved with an API of its own: publish what the server saved, so everything follows.
    this.addEventListener('review-settings-saved', ({ detail }) => this.#store.settingsSaved(detail));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A session that leaves the page leaves its room (the others see it go at once, not after the grace).
    this.#endRoom();
  }

  /**
   * The review's one store: navigation (clip, selection, the frame wanted), playhead and per-clip stores.
   * A remote driver (a synced room, a second player) calls its methods, e.g. `session.store.seek(120)`.
   */
  get store(): ReviewStore {
    return this.#store;
  }

  #onNavigation(navigation: NavigationState): void {
    const before = this.#navigationProvider.value;
    this.#navigationProvider.setValue(navigation);
    // The current clip is also the `clip-id` attribute and part of the session context.
    if (navigation.clipId !== before.clipId) this.requestUpdate('currentClipId', before.clipId);
  }

  /** `idle` (nothing configured), `loading`, `ready` or `error`. */
  get status(): SessionState['status'] {
    return this.#store.identity.state.status;
  }
  /** Why loading failed, when `status` is `error`. */
  get error(): ReviewApiError | null {
    return this.#store.identity.state.error;
  }
  /** The signed-in user and their rights. */
  get me(): Me | null {
    return this.#store.identity.state.me;
  }
  get settings(): ProductionSettings | null {
    return this.#store.identity.state.settings;
  }
  get org(): OrgSettings | null {
    return this.#store.identity.state.org;
  }
  /** The API in use (the `api` property or the one built from the attributes). */
  get activeApi(): ReviewApi | null {
    return this.#activeApi;
  }
  /** The context value currently published (a new object on every change). */
  get sessionState(): SessionState {
    return this.#sessionProvider.value;
  }
  get playheadState(): PlayheadState {
    return this.#store.playhead.state;
  }
  /** Resolves when the current load (if any) has finished, successfully or not. */
  get loaded(): Promise<void> {
    return this.#store.identityLoaded;
  }

  /** Loads `me` and the settings again (e.g. after they were changed, or after an error). */
  reload(): Promise<void> {
    return this.#store.reloadIdentity();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('apiBase') || changed.has('productionId') || changed.has('token')) {
      this.#connectApi();
    }
    if (changed.has('locale')) void setLocale(this.locale);
    this.#sessionProvider.setValue(this.#snapshot());
  }

  #connectApi(): void {
    let next: ReviewApi | null = this.api;
    let configError: ReviewApiError | null = null;
    if (!next && this.apiBase != null) {
      try {
        next = connectReviewApi({
          baseUrl: this.apiBase,
          productionId: this.productionId ?? '',
          token: this.token ?? undefined,
        });
      } catch (e) {
        configError = toApiError(e);
      }
    }
    if (next === this.#activeApi && !configError) return;
    this.#activeApi = next;
    this.#endRoom();
    // Stores belong to one API: connecting starts from empty stores and loads who is signed in.
    if (configError) {
      void this.#store.connect(null, { error: configError });
      return;
    }
    // The playlists the host checked are known before the load, so nobody asks for them again.
    const known = next ? this.preloaded : null;
    const opened = known?.opened ?? null;
    void this.#store.connect(next, { knownMe: known?.me ?? null, knownCapabilities: known?.capabilities ?? null, opened });
    for (const playlist of (next && this.preloaded?.playlists) || []) knownPlaylist(this.#store.resources, playlist);
    if (opened?.playlist) knownPlaylist(this.#store.resources, opened.playlist);
    if (opened) knownClips(this.#store.resources, opened.clips, opened.clip);
  }

  #snapshot(): SessionState {
    const identity = this.#store.identity.state;
    return {
      api: this.#activeApi,
      status: identity.status,
      error: identity.error,
      me: identity.me,
      rights: identity.me?.rights ?? [],
      capabilities: identity.capabilities,
      settings: identity.settings,
      org: identity.org,
      orgError: identity.orgError,
      currentClipId: this.currentClipId,
      locale: this.locale,
      stores: this.#store.resources,
    };
  }

  protected override render() {
    const { status, error: failure } = this.#store.identity.state;
    const error = status === 'error' ? failure : null;
    return html`${
      error
        ? html`<div part="error" role="alert">
            <span part="error-text">
              <span part="error-title">${msg('The review session could not load.')}</span>
              ${error.message}
            </span>
            ${
              error.code === 'CONFIG'
                ? nothing
                : html`<button part="retry" class="button" type="button" @click=${() => this.reload()}>${msg('Retry')}</button>`
            }
          </div>`
        : nothing
    }<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-session': ReviewSession;
  }
}
