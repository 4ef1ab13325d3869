/**
 * Shares one store instance per key among every element under a `<review-session>`, so that the player's
 * comment markers and the `<comment-thread>` read the very same comments store of a clip.
 */
export class StoreRegistry {
  readonly #stores = new Map<string, unknown>();

  /** The store under `key`, created by `create` the first time it is asked for. */
  get<T>(key: string, create: () => T): T {
    if (!this.#stores.has(key)) this.#stores.set(key, create());
    return this.#stores.get(key) as T;
  }

  /** The store under `key`, if one was made. */
  peek<T>(key: string): T | undefined {
    return this.#stores.get(key) as T | undefined;
  }

  /** Drops every store (e.g. when the session's API changes); disposes those that can be. */
  clear(): void {
    for (const store of this.#stores.values()) {
      (store as { dispose?: () => void }).dispose?.();
    }
    this.#stores.clear();
  }
}
