import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * An `onConnection` for `ReviewApi.subscribe`: calls `catchUp` each time the events stream is back after
 * being down. Events sent meanwhile are not replayed, so whatever shows their effects must reload.
 */
export function onReconnected(catchUp: () => void): (connected: boolean) => void {
  let down = false;
  return (connected) => {
    if (connected && down) catchUp();
    down = !connected;
  };
}

/**
 * A tiny observable holder of one immutable state snapshot. Every update replaces the snapshot
 * (`setState` takes a new object), so consumers can compare by identity.
 */
export class Store<S> {
  #state: S;
  readonly #listeners = new Set<(state: S) => void>();
  /** A reload put off until something watches this store (see `reloadOnReconnection`). */
  #reloadWhenWatched: (() => void) | null = null;

  constructor(initial: S) {
    this.#state = initial;
  }

  get state(): S {
    return this.#state;
  }

  subscribe(listener: (state: S) => void): () => void {
    this.#listeners.add(listener);
    const reload = this.#reloadWhenWatched;
    this.#reloadWhenWatched = null;
    // After the subscriber's own update, not inside it.
    if (reload) queueMicrotask(reload);
    return () => this.#listeners.delete(listener);
  }

  /**
   * `onReconnected(reload)`, where `reload` runs at once if anything watches this store, else when
   * something next subscribes: otherwise the stores of every clip visited would reload at the same moment,
   * though only the shown clip's are on screen.
   */
  protected reloadOnReconnection(reload: () => void): (connected: boolean) => void {
    return onReconnected(() => {
      if (this.#listeners.size > 0) reload();
      else this.#reloadWhenWatched = reload;
    });
  }

  protected setState(next: S): void {
    if (Object.is(next, this.#state)) return;
    this.#state = next;
    for (const listener of [...this.#listeners]) listener(next);
  }
}

/**
 * Re-renders a Lit host whenever the store it currently points at changes. `getStore` is read on every
 * host update, so a host that switches clip (and therefore store) follows automatically.
 */
export class StoreController<S> implements ReactiveController {
  #store: Store<S> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getStore: () => Store<S> | undefined,
  ) {
    host.addController(this);
  }

  /** The current snapshot, or undefined while no store is available. */
  get state(): S | undefined {
    return this.#store?.state;
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = undefined;
  }

  #follow(): void {
    const next = this.getStore();
    if (next === this.#store) return;
    this.#unsubscribe?.();
    this.#store = next;
    this.#unsubscribe = next?.subscribe(() => this.host.requestUpdate());
  }
}
