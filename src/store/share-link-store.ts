import { ReviewApiError, toApiError } from '../contract/errors.js';
import type { ReviewApi } from '../contract/review-api.js';
import type { Me, OpenAnswer, Playlist, PublicShare, ShareSession } from '../contract/types.js';
import { Store } from './store.js';

/**
 * Where a client stands with a share link. `preview-signed-out`: the studio's Preview was asked for, but no
 * studio sign-in (or no backend support) was given to open it with.
 */
export type ShareLinkPhase = 'loading' | 'gate' | 'ready' | 'gone' | 'not-found' | 'error' | 'preview-signed-out';

/** A share session as the client page keeps it across reloads (`sessionStorage`), with the name given. */
export interface StoredShareSession extends ShareSession {
  name: string;
}

/** The state of one share link, as the client page shows it. */
export interface ShareLinkState {
  phase: ShareLinkPhase;
  /** What the link shows before anyone enters (studio branding, whether a password is asked). */
  publicShare: PublicShare | null;
  /**
   * Once entered: the client's API, who they are, the name they gave, the playlist shared, and the open
   * call's whole answer when the backend has the call (null when it has not), for the page to hand over.
   */
  entered: Entered | null;
  /** Why the link is gone, when the server said: `expired` or `revoked`. */
  goneReason: string | null;
  /** Why opening failed (`error`). */
  error: ReviewApiError | null;
}

/** What entering a share learnt (`ShareLinkState.entered`). */
export interface Entered {
  api: ReviewApi;
  me: Me;
  name: string;
  playlist: Playlist;
  opened: OpenAnswer | null;
}

/** Why the gate did not open: the page words it (a wrong password, too many tries, or something else). */
export type GateRefusal =
  { kind: 'wrong-password' } | { kind: 'too-many-tries' } | { kind: 'not-opened' } | { kind: 'failed'; error: ReviewApiError };

/** Where a share session is kept between reloads of the page. */
export interface ShareSessionKeeper {
  read(): StoredShareSession | null;
  write(session: StoredShareSession): void;
  forget(): void;
}

const STORAGE_PREFIX = 'review-elements:share-session:';

/** Keeps the share session of `shareToken` in `sessionStorage` (nothing when storage is unavailable, e.g. private mode). */
export function sessionStorageKeeper(shareToken: string): ShareSessionKeeper {
  const key = STORAGE_PREFIX + shareToken;
  return {
    read() {
      try {
        const raw = sessionStorage.getItem(key);
        return raw ? (JSON.parse(raw) as StoredShareSession) : null;
      } catch {
        return null;
      }
    },
    write(session) {
      try {
        sessionStorage.setItem(key, JSON.stringify(session));
      } catch {
        /* storage unavailable: the client will simply be asked again after a reload */
      }
    },
    forget() {
      try {
        sessionStorage.removeItem(key);
      } catch {
        /* storage unavailable: nothing to forget */
      }
    },
  };
}

/**
 * The one owner of a share link on the client page: opens it (`getPublicShare`), enters with a kept share
 * session or through the gate (`openShareSession`), and checks the way in before the page creates its
 * `<review-session>`, to which it hands what it learnt: with the backend's open call (docs/http-api.md,
 * "Open") who the client is, the settings, the playlist, its clips and the first clip in one round trip,
 * else `getMe` and `getPlaylist`. A kept session is checked at the same time as the public share is asked
 * for, not after it: on a phone network that is a round trip less. The page renders this state and words
 * the refusals; it calls no API itself.
 */
export class ShareLinkStore extends Store<ShareLinkState> {
  readonly #publicApi: ReviewApi;
  readonly #apiFor: (session: ShareSession) => ReviewApi;
  readonly #keeper: ShareSessionKeeper;
  readonly #shareToken: string;
  readonly #preview: { studioApi: ReviewApi | null } | null;
  #seq = 0;

  /**
   * `preview`: the studio's Preview mode. The link opens with `studioApi.openSharePreview` (a read-only
   * session as the studio user, see `ReviewApi`), never through the gate, and nothing is kept for a reload.
   */
  constructor(options: {
    shareToken: string;
    publicApi: ReviewApi;
    apiFor: (session: ShareSession) => ReviewApi;
    keeper: ShareSessionKeeper;
    preview?: { studioApi: ReviewApi | null } | null;
  }) {
    super({ phase: 'loading', publicShare: null, entered: null, goneReason: null, error: null });
    this.#shareToken = options.shareToken;
    this.#publicApi = options.publicApi;
    this.#apiFor = options.apiFor;
    this.#keeper = options.keeper;
    this.#preview = options.preview ?? null;
  }

  /** Opens the link: gone, not found, the gate, or straight in with the share session kept from before. */
  async open(): Promise<void> {
    const seq = ++this.#seq;
    this.setState({ phase: 'loading', publicShare: this.state.publicShare, entered: null, goneReason: null, error: null });
    try {
      const kept = this.#preview ? null : this.#keeper.read();
      // Started before the public share answers; settled into a value so it never rejects unheard.
      const entry = kept && settle(this.#entry(kept));
      const publicShare = await this.#publicApi.getPublicShare(this.#shareToken);
      if (seq !== this.#seq) return;
      this.setState({ ...this.state, publicShare });
      if (publicShare.expired) return this.#gone('expired');
      if (this.#preview) return await this.#openPreview(this.#preview.studioApi, seq);
      if (entry && this.#enter(await entry, seq)) return;
      if (seq === this.#seq) this.setState({ ...this.state, phase: 'gate' });
    } catch (e) {
      if (seq === this.#seq) this.#fail(e);
    }
  }

  /** The gate's answer: opens a share session, keeps it, and enters; null when in, else why not. */
  async enterThroughGate(answer: { name: string; email?: string; password?: string }): Promise<GateRefusal | null> {
    const seq = ++this.#seq;
    try {
      const session = await this.#publicApi.openShareSession(this.#shareToken, {
        ...(this.state.publicShare?.requiresPassword ? { password: answer.password ?? '' } : {}),
        name: answer.name,
        ...(answer.email ? { email: answer.email } : {}),
      });
      const kept: StoredShareSession = { ...session, name: answer.name };
      this.#keeper.write(kept);
      return this.#enter(await settle(this.#entry(kept)), seq) ? null : { kind: 'not-opened' };
    } catch (err) {
      const error = toApiError(err);
      if (error.status === 401) return { kind: 'wrong-password' };
      if (error.status === 429) return { kind: 'too-many-tries' };
      if (error.status === 410 || error.status === 404) {
        this.#fail(error);
        return null;
      }
      return { kind: 'failed', error };
    }
  }

  /** Forgets the kept share session and opens the link again (the gate). */
  signOut(): Promise<void> {
    this.#keeper.forget();
    return this.open();
  }

  /** The studio's Preview: a read-only session of the studio user, not kept (a reload opens a new one). */
  async #openPreview(studioApi: ReviewApi | null, seq: number): Promise<void> {
    if (!studioApi?.openSharePreview) {
      this.setState({ ...this.state, phase: 'preview-signed-out' });
      return;
    }
    let session: ShareSession;
    try {
      session = await studioApi.openSharePreview(this.#shareToken);
    } catch (e) {
      // The studio sign-in ended: the same as none.
      if (toApiError(e).status !== 401) throw e;
      if (seq === this.#seq) this.setState({ ...this.state, phase: 'preview-signed-out' });
      return;
    }
    if (seq !== this.#seq) return;
    const entered = await this.#entry({ ...session, name: '' });
    if (seq === this.#seq) this.setState({ ...this.state, phase: 'ready', entered });
  }

  /** What the session opens on: the open call when the backend has it (a 404 means it has not), else two calls. */
  async #entry(session: StoredShareSession): Promise<Entered> {
    const api = this.#apiFor(session);
    const name = session.name;
    if (api.open) {
      try {
        const opened = await api.open({ playlistId: session.playlistId });
        if (opened.playlist) return { api, me: opened.me, name: name || opened.me.user.name, playlist: opened.playlist, opened };
      } catch (e) {
        if (!(e instanceof ReviewApiError && [404, 405, 501].includes(e.status))) throw e;
      }
    }
    const [me, playlist] = await Promise.all([api.getMe(), api.getPlaylist(session.playlistId)]);
    return { api, me, name: name || me.user.name, playlist, opened: null };
  }

  /** Enters with what `#entry` gave; false when the session is no longer valid (it is forgotten). A gone link throws. */
  #enter(entry: Settled<Entered>, seq: number): boolean {
    if ('error' in entry) {
      const e = entry.error;
      if (e instanceof ReviewApiError && e.status === 410) throw e;
      this.#keeper.forget();
      return false;
    }
    if (seq === this.#seq) this.setState({ ...this.state, phase: 'ready', entered: entry.value });
    return true;
  }

  #gone(reason: string | null): void {
    this.#keeper.forget();
    this.setState({ ...this.state, phase: 'gone', entered: null, goneReason: reason });
  }

  #fail(e: unknown): void {
    const error = toApiError(e);
    if (error.status === 410) this.#gone(error.reason ?? null);
    else if (error.status === 404) this.setState({ ...this.state, phase: 'not-found', entered: null });
    else this.setState({ ...this.state, phase: 'error', entered: null, error });
  }
}

type Settled<T> = { value: T } | { error: unknown };

/** `promise` as a value that says how it settled (never rejects). */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
