import { toApiError, type ReviewApiError } from '../contract/errors.js';
import type { ReviewApi, Unsubscribe } from '../contract/review-api.js';
import type { Clip, Id, Operation, Playlist } from '../contract/types.js';
import type { SessionState } from './context.js';
import { Store } from './store.js';
import { knownClipsOf, knownPlaylistOf } from './known-playlists.js';

/** One playlist and the clips it can show, as every element of the session sees it. */
export interface PlaylistState {
  plId: Id;
  phase: 'loading' | 'ready' | 'error';
  /** The playlist as the server last confirmed it (an answer or a `playlist.updated` event). */
  playlist: Playlist | null;
  /** The clips the caller may see, by id (a client sees only its share's). */
  clips: ReadonlyMap<Id, Clip>;
  loadError: ReviewApiError | null;
}

/**
 * A playlist and its clips: loaded once for the session (the playlist list, the share dialog and the client
 * page read the same copy), kept current by `playlist.updated` and `clip.updated` events, and reloaded when
 * the events stream comes back. Saves go through it, so what every reader shows is what the server answered.
 */
export class PlaylistStore extends Store<PlaylistState> {
  readonly #api: ReviewApi;
  readonly #unsubscribe: Unsubscribe | null;
  #loading: Promise<void> | null = null;

  /** `known`, `knownClips`: handed over by the host (known-playlists.ts); with both the store starts ready. */
  constructor(api: ReviewApi, plId: Id, known?: Playlist, knownClips?: Clip[]) {
    super({
      plId,
      phase: known && knownClips ? 'ready' : 'loading',
      playlist: known ?? null,
      clips: new Map((knownClips ?? []).map((c) => [c.id, c])),
      loadError: null,
    });
    this.#api = api;
    this.#unsubscribe = api.subscribe(
      (event) => {
        if (event.type === 'playlist.updated' && event.playlist.id === plId) this.#setPlaylist(event.playlist);
        else if (event.type === 'clip.updated' && this.state.clips.has(event.clip.id)) this.#setClips([event.clip]);
      },
      this.reloadOnReconnection(() => {
        if (this.state.playlist) void this.load();
      }),
    );
  }

  /** Loads the playlist (unless it was handed over already known, on the first load) and the clips. */
  load(): Promise<void> {
    if (this.#loading) return this.#loading;
    const known = this.state.phase === 'loading' ? this.state.playlist : null;
    this.#loading = Promise.all([known ?? this.#api.getPlaylist(this.state.plId), this.#api.listClips()])
      .then(
        ([playlist, clips]) => {
          this.setState({ ...this.state, phase: 'ready', playlist, clips: new Map(clips.map((c) => [c.id, c])), loadError: null });
        },
        (err: unknown) => {
          // A reload that fails keeps what is shown.
          if (this.state.phase === 'ready') return;
          this.setState({ ...this.state, phase: 'error', loadError: toApiError(err) });
        },
      )
      .finally(() => (this.#loading = null));
    return this.#loading;
  }

  /** Applies JSON Patch `ops` to the playlist on the server; the store shows what the server saved. */
  async patch(ops: Operation[]): Promise<Playlist> {
    const saved = await this.#api.patchPlaylist(this.state.plId, ops);
    this.#setPlaylist(saved);
    return saved;
  }

  /** Sets the reason for review of `ids` on the server; the store shows the clips as saved. */
  async setReasonForReview(ids: Id[], reason: string): Promise<Clip[]> {
    const updated = await this.#api.bulkUpdateReasonForReview(ids, reason);
    this.#setClips(updated);
    return updated;
  }

  dispose(): void {
    this.#unsubscribe?.();
  }

  #setPlaylist(playlist: Playlist): void {
    this.setState({ ...this.state, playlist });
  }

  #setClips(changed: Clip[]): void {
    const clips = new Map(this.state.clips);
    for (const clip of changed) clips.set(clip.id, clip);
    this.setState({ ...this.state, clips });
  }
}

/** The session's shared store of playlist `plId`, created and loaded on first use. */
export function playlistStoreFor(session: SessionState | undefined, plId: Id | null | undefined): PlaylistStore | undefined {
  const api = session?.api;
  if (!api || plId == null) return undefined;
  const store = session.stores.get(
    `playlist:${plId}`,
    () => new PlaylistStore(api, plId, knownPlaylistOf(session.stores, plId), knownClipsOf(session.stores)),
  );
  // Loads on first use; a store that failed to load waits for a reader's `load()` (its Retry).
  if (store.state.phase === 'loading') void store.load(); // joins a load under way
  return store;
}
