import { ReviewApiError, toApiError } from '../contract/errors.js';
import type { ReviewApi, Unsubscribe } from '../contract/review-api.js';
import type { Id, MediaObjectAnnotation } from '../contract/types.js';
import type { SessionState } from './context.js';
import { Store } from './store.js';

/** One clip's review status as the elements see it. */
export interface StatusState {
  moId: Id;
  /** `loading` until the first answer; `error` when loading failed (`loadError` says why). */
  phase: 'loading' | 'ready' | 'error';
  /** The MediaObjectAnnotation as the server last confirmed it (by an answer or the events stream). */
  moa: MediaObjectAnnotation | null;
  /** The status being saved, shown optimistically until the server answers; null when none. */
  pending: string | null;
  loadError: ReviewApiError | null;
  /** Why the last change failed (it was rolled back); cleared by the next change. */
  saveError: StatusSaveError | null;
}

/** A change that failed and was rolled back. */
export interface StatusSaveError {
  /** The status the user asked for. */
  to: string;
  error: ReviewApiError;
}

/** The status to show: the pending one while saving, else the confirmed one; null while unknown. */
export function displayedStatus(state: StatusState | undefined): string | null {
  return state?.pending ?? state?.moa?.reviewStatus ?? null;
}

/**
 * The review status (MediaObjectAnnotation) of one clip. Loads it, changes it optimistically with
 * rollback, and follows `status.changed` events of the API's stream. Shared by every element of a session
 * through `statusStoreFor()`.
 */
export class StatusStore extends Store<StatusState> {
  readonly #api: ReviewApi;
  readonly #unsubscribe: Unsubscribe | null;
  /** Numbers each change so that only the latest one settles `pending`. */
  #seq = 0;
  #loading: Promise<void> | null = null;

  constructor(api: ReviewApi, moId: Id) {
    super({ moId, phase: 'loading', moa: null, pending: null, loadError: null, saveError: null });
    this.#api = api;
    this.#unsubscribe = api.subscribe(
      (event) => {
        if (event.type === 'status.changed' && event.moa.mediaObjectId === moId) this.#confirm(event.moa);
      },
      this.reloadOnReconnection(() => {
        if (this.state.moa) void this.load();
      }),
    );
  }

  /** Loads (or reloads) the status. Concurrent calls share one request. */
  load(): Promise<void> {
    this.#loading ??= this.#api
      .getMediaObjectAnnotation(this.state.moId)
      .then(
        (moa) => this.#confirm(moa),
        (err: unknown) => {
          // A reload that fails keeps what is known; only a first load turns into an error state.
          if (this.state.moa) return;
          this.setState({ ...this.state, phase: 'error', loadError: toApiError(err) });
        },
      )
      .finally(() => (this.#loading = null));
    return this.#loading;
  }

  /**
   * Changes the status optimistically: `to` shows at once; when the server refuses, the status returns
   * to the last confirmed one and `saveError` says why. Resolves with the saved MOA; rejects with a
   * `ReviewApiError`.
   */
  async setStatus(to: string): Promise<MediaObjectAnnotation> {
    const moa = this.state.moa;
    if (!moa) throw new ReviewApiError(0, 'CONFIG', 'The review status has not loaded yet.');
    const seq = ++this.#seq;
    this.setState({ ...this.state, pending: to, saveError: null });
    try {
      const saved = await this.#api.setReviewStatus(moa.id, to);
      this.#confirm(saved, seq);
      return saved;
    } catch (err) {
      const error = toApiError(err);
      if (seq === this.#seq) this.setState({ ...this.state, pending: null, saveError: { to, error } });
      // Someone else changed it meanwhile: show what the server has now.
      if (error.status === 409) void this.load();
      throw error;
    }
  }

  /** Forgets the last save error (e.g. when the user dismisses it). */
  clearError(): void {
    if (this.state.saveError) this.setState({ ...this.state, saveError: null });
  }

  dispose(): void {
    this.#unsubscribe?.();
  }

  /** Records a server-confirmed MOA; settles `pending` when it answers the latest change. */
  #confirm(moa: MediaObjectAnnotation, seq?: number): void {
    const settles = seq !== undefined && seq === this.#seq;
    this.setState({
      ...this.state,
      phase: 'ready',
      moa,
      loadError: null,
      pending: settles ? null : this.state.pending,
    });
  }
}

/**
 * The session's shared status store of clip `moId` (created and loaded on first use), or undefined
 * while the session has no API.
 */
export function statusStoreFor(session: SessionState | undefined, moId: Id | null | undefined): StatusStore | undefined {
  const api = session?.api;
  if (!api || moId == null) return undefined;
  return session.stores.get(`status:${moId}`, () => {
    const store = new StatusStore(api, moId);
    void store.load();
    return store;
  });
}
