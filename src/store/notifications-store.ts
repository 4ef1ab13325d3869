import { toApiError, type ReviewApiError } from '../contract/errors.js';
import type { ReviewApi, Unsubscribe } from '../contract/review-api.js';
import type { DigestFrequency, Id, ReviewNotification } from '../contract/types.js';
import type { SessionState } from './context.js';
import { Store } from './store.js';

/** The signed-in user's notifications and e-mail digest preference, as the server last answered. */
export interface NotificationsState {
  /** `idle` until first asked for; `error` when the first load failed (`error` says why). */
  phase: 'idle' | 'loading' | 'ready' | 'error';
  /** Newest first. */
  items: readonly ReviewNotification[];
  unread: number;
  error: ReviewApiError | null;
  /** Null until loaded (or when the backend has no preference call). */
  digest: DigestFrequency | null;
  /** Why the last change (mark read, digest) failed; it was rolled back. Cleared by the next change. */
  saveError: ReviewApiError | null;
}

/** How many notifications the list shows. */
export const NOTIFICATIONS_SHOWN = 50;

/**
 * The one owner of the signed-in user's notifications in a session (docs/http-api.md, "Notifications"): loads
 * them, reloads when a note or a status change arrives on the events stream (the server made any
 * notification then) or the stream comes back, marks them read and sets the digest, optimistically with
 * rollback. `<review-notifications>` renders it and sends its requests here.
 */
export class NotificationsStore extends Store<NotificationsState> {
  readonly #api: ReviewApi;
  readonly #unsubscribe: Unsubscribe | null;
  #loading: Promise<void> | null = null;
  /** A reload asked for while one runs: it runs once more after, so the last change is seen. */
  #again = false;
  /** Counts the changes made here: a load that began before one is stale when it answers. */
  #changes = 0;

  constructor(api: ReviewApi) {
    super({ phase: 'idle', items: [], unread: 0, error: null, digest: null, saveError: null });
    this.#api = api;
    this.#unsubscribe = api.subscribe(
      (event) => {
        if (this.state.phase !== 'idle' && (event.type === 'comment.created' || event.type === 'status.changed')) void this.load(true);
      },
      this.reloadOnReconnection(() => void this.load(true)),
    );
  }

  /**
   * Loads (or reloads) the list and, the first time, the digest preference. A call while a load runs joins it;
   * with `fresh` (something changed on the server since it began) a new load follows it.
   */
  load(fresh = false): Promise<void> {
    if (this.#loading) {
      this.#again ||= fresh;
      return this.#loading;
    }
    const changes = this.#changes;
    const api = this.#api;
    if (!api.listNotifications) return Promise.resolve();
    if (this.state.phase === 'idle' || this.state.phase === 'error') this.setState({ ...this.state, phase: 'loading', error: null });
    const prefs = this.state.digest === null && api.getNotificationPreferences ? api.getNotificationPreferences().catch(() => null) : null;
    this.#loading = Promise.all([api.listNotifications({ limit: NOTIFICATIONS_SHOWN }), prefs])
      .then(
        ([list, p]) => {
          // A change made here meanwhile: this answer may predate it; load again.
          if (changes !== this.#changes) this.#again = true;
          else
            this.setState({
              ...this.state,
              phase: 'ready',
              items: list.items,
              unread: list.unread,
              error: null,
              digest: p?.digest ?? this.state.digest,
            });
        },
        (err: unknown) => {
          // A reload that fails keeps what is shown; only a first load turns into an error.
          if (this.state.phase !== 'ready') this.setState({ ...this.state, phase: 'error', error: toApiError(err) });
        },
      )
      .finally(() => {
        this.#loading = null;
        if (this.#again) {
          this.#again = false;
          void this.load();
        }
      });
    return this.#loading;
  }

  /** Marks one notification read (or every one with `'all'`): shown at once, rolled back when refused. */
  async markRead(which: Id | 'all'): Promise<void> {
    const mark = this.#api.markNotificationsRead;
    if (!mark) return;
    const before = this.state;
    const hit = (n: ReviewNotification) => !n.read && (which === 'all' || n.id === which);
    const count = before.items.filter(hit).length;
    if (count === 0 && which !== 'all') return;
    this.#changes++;
    this.setState({
      ...before,
      items: before.items.map((n) => (hit(n) ? { ...n, read: true } : n)),
      unread: which === 'all' ? 0 : Math.max(0, before.unread - count),
      saveError: null,
    });
    try {
      const { unread } = await mark.call(this.#api, which === 'all' ? 'all' : [which]);
      this.setState({ ...this.state, unread });
    } catch (err) {
      this.setState({ ...this.state, items: before.items, unread: before.unread, saveError: toApiError(err) });
    }
  }

  /** Sets how often e-mail brings notifications: shown at once, rolled back when refused. */
  async setDigest(digest: DigestFrequency): Promise<void> {
    const set = this.#api.setNotificationPreferences;
    if (!set) return;
    const before = this.state.digest;
    this.#changes++;
    this.setState({ ...this.state, digest, saveError: null });
    try {
      const saved = await set.call(this.#api, { digest });
      this.setState({ ...this.state, digest: saved.digest });
    } catch (err) {
      this.setState({ ...this.state, digest: before, saveError: toApiError(err) });
    }
  }

  dispose(): void {
    this.#unsubscribe?.();
  }
}

/** The session's notifications store, created on first use; undefined without an API or when it has no notifications. */
export function notificationsStoreFor(session: SessionState | undefined): NotificationsStore | undefined {
  const api = session?.api;
  if (!session || !api?.listNotifications || session.capabilities?.notifications === false) return undefined;
  return session.stores.get('notifications', () => new NotificationsStore(api));
}
