import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A tiny observable holder of one immutable state snapshot. Every update replaces the snapshot
 * (`setState` takes a new object), so consumers can compare by identity.
 */
export class Store<S> {
  #state: S;
  readonly #listeners = new Set<(state: S) => void>();
  #refreshWhenWatched: (() => void) | null = null;

  constructor(initial: S) {
    this.#state = initial;
  }

  get state(): S {
    return this.#state;
  }

  subscribe(listener: (state: S) => void): () => void {
    this.#listeners.add(listener);
    const refresh = this.#refreshWhenWatched;
    this.#refreshWhenWatched = null;
    // After the subscriber's own update, not inside it.
    if (refresh) queueMicrotask(refresh);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Runs `refresh` now if anything watches this store, else when something next subscribes. After the
   * events stream was down, the stores of every clip visited would otherwise reload at once, though
   * only the shown clip's are on screen.
   */
  protected refreshWhenWatched(refresh: () => void): void {
    if (this.#listeners.size > 0) refresh();
    else this.#refreshWhenWatched = refresh;
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
