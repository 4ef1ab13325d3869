import type { ReactiveControllerHost } from 'lit';

/**
 * A part of an element fetched on demand (a dynamic `import()`), so that pages which never use it never
 * download it: the share dialog's forms, the annotation layer's editor, the thread's composer.
 * `load()` starts the fetch once; the host re-renders when the part arrives or fails; a failure is kept in
 * `error` and the next `load()` tries again. A host makes `updateComplete` cover the part with
 * `whenSettled()` in `getUpdateComplete()`, so that code (and tests) awaiting it see the part in place.
 */
export class OnDemand<T> {
  value: T | null = null;
  error: Error | null = null;
  #pending: Promise<void> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly loader: () => Promise<T>,
  ) {}

  get loaded(): boolean {
    return this.value !== null;
  }

  load(): void {
    if (this.value !== null || this.#pending) return;
    this.error = null;
    this.#pending = this.loader()
      .then(
        (value) => {
          this.value = value;
        },
        (err: unknown) => {
          this.error = err instanceof Error ? err : new Error(String(err));
        },
      )
      .finally(() => {
        this.#pending = null;
        this.host.requestUpdate();
      });
  }

  /** Waits for a load in progress; true when there was one (the host then has another update to await). */
  async whenSettled(): Promise<boolean> {
    if (!this.#pending) return false;
    await this.#pending;
    return true;
  }
}
