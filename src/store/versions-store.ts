import { toApiError, type ReviewApiError } from '../contract/errors.js';
import type { ReviewApi } from '../contract/review-api.js';
import type { Clip, Id } from '../contract/types.js';
import type { SessionState } from './context.js';
import { Store } from './store.js';

/** The versions of a clip's shot or asset (`ReviewApi.getVersions`), newest first. */
export interface VersionsState {
  moId: Id;
  phase: 'loading' | 'ready' | 'error';
  versions: readonly Clip[] | null;
  loadError: ReviewApiError | null;
}

/** The versions of one clip's entity, loaded once for the session (every compare of that clip reads them). */
export class VersionsStore extends Store<VersionsState> {
  readonly #api: ReviewApi;
  #loading: Promise<void> | null = null;

  constructor(api: ReviewApi, moId: Id) {
    super({ moId, phase: 'loading', versions: null, loadError: null });
    this.#api = api;
  }

  /** Loads the versions; after a failure, a call tries again. */
  load(): Promise<void> {
    this.#loading ??= this.#api.getVersions(this.state.moId).then(
      (versions) => this.setState({ ...this.state, phase: 'ready', versions, loadError: null }),
      (err: unknown) => {
        this.#loading = null;
        this.setState({ ...this.state, phase: 'error', loadError: toApiError(err) });
      },
    );
    return this.#loading;
  }
}

/** The session's versions store of clip `moId`, created and loaded on first use. */
export function versionsStoreFor(session: SessionState | undefined, moId: Id | null | undefined): VersionsStore | undefined {
  const api = session?.api;
  if (!api || moId == null) return undefined;
  const store = session.stores.get(`versions:${moId}`, () => new VersionsStore(api, moId));
  if (store.state.phase === 'loading') void store.load();
  return store;
}
