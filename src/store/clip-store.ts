import { msg } from '@lit/localize';
import { ReviewApiError, toApiError } from '../contract/errors.js';
import type { ReviewApi, Unsubscribe } from '../contract/review-api.js';
import type { Clip, ClipChanges, Id } from '../contract/types.js';
import type { SessionState } from './context.js';
import { Store } from './store.js';
import { knownClipOf } from './known-playlists.js';

/** One clip, as every element of the session sees it (the header, the player, the thread). */
export interface ClipState {
  moId: Id;
  phase: 'loading' | 'ready' | 'error';
  /** The clip as the server last confirmed it (by an answer or a `clip.updated` event). */
  clip: Clip | null;
  /** Changes being saved, shown optimistically until the server answers. */
  pending: ClipChanges | null;
  loadError: ReviewApiError | null;
}

/** The clip to show: the confirmed one with the pending changes on top. */
export function displayedClip(state: ClipState | undefined): Clip | null {
  if (!state?.clip) return null;
  return state.pending ? { ...state.clip, ...state.pending } : state.clip;
}

/**
 * A clip's name, client name and reason for review: loads it, edits it optimistically with rollback, and
 * follows `clip.updated` events.
 */
export class ClipStore extends Store<ClipState> {
  readonly #api: ReviewApi;
  readonly #unsubscribe: Unsubscribe | null;
  #seq = 0;
  #loading: Promise<void> | null = null;

  /** `known`: the clip handed over by the host (known-playlists.ts); the store then starts ready. */
  constructor(api: ReviewApi, moId: Id, known?: Clip) {
    super({ moId, phase: known ? 'ready' : 'loading', clip: known ?? null, pending: null, loadError: null });
    this.#api = api;
    this.#unsubscribe = api.subscribe(
      (event) => {
        if (event.type === 'clip.updated' && event.clip.id === moId) this.#confirm(event.clip);
      },
      this.reloadOnReconnection(() => {
        if (this.state.clip) void this.load();
      }),
    );
  }

  load(): Promise<void> {
    this.#loading ??= this.#api
      .getClip(this.state.moId)
      .then(
        (clip) => this.#confirm(clip),
        (err: unknown) => {
          if (this.state.clip) return;
          this.setState({ ...this.state, phase: 'error', loadError: toApiError(err) });
        },
      )
      .finally(() => (this.#loading = null));
    return this.#loading;
  }

  /** Saves `changes` optimistically; on failure they roll back. Rejects with a `ReviewApiError`. */
  async update(changes: ClipChanges): Promise<Clip> {
    if (!this.state.clip) throw new ReviewApiError(0, 'CONFIG', msg('The clip has not loaded yet.'));
    const seq = ++this.#seq;
    this.setState({ ...this.state, pending: { ...this.state.pending, ...changes } });
    try {
      const saved = await this.#api.updateClip(this.state.moId, changes);
      this.#confirm(saved, seq);
      return saved;
    } catch (err) {
      if (seq === this.#seq) this.setState({ ...this.state, pending: null });
      throw toApiError(err);
    }
  }

  dispose(): void {
    this.#unsubscribe?.();
  }

  #confirm(clip: Clip, seq?: number): void {
    const settles = seq !== undefined && seq === this.#seq;
    this.setState({ ...this.state, phase: 'ready', clip, loadError: null, pending: settles ? null : this.state.pending });
  }
}

/** The session's shared store of clip `moId`, created and loaded on first use. */
export function clipStoreFor(session: SessionState | undefined, moId: Id | null | undefined): ClipStore | undefined {
  const api = session?.api;
  if (!api || moId == null) return undefined;
  return session.stores.get(`clip:${moId}`, () => {
    const known = knownClipOf(session.stores, moId);
    const store = new ClipStore(api, moId, known);
    if (!known) void store.load();
    return store;
  });
}
