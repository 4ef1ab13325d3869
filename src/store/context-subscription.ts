import type { ReactiveController, ReactiveControllerHost, ReactiveElement } from 'lit';
import type { Context, ContextCallback, ContextType } from '@lit/context';

type AnyContext = Context<unknown, unknown>;
type Host = ReactiveControllerHost & HTMLElement;

/**
 * Follows the value of `context` from the nearest provider above `host` (the `ContextProvider` of
 * `<review-session>`, or any provider of the community context protocol): the host re-renders, and
 * `onValue` runs, on every new value. It speaks the protocol itself rather than using @lit/context's
 * `ContextConsumer`, which carries options these elements never use and costs the size-budgeted
 * elements a few hundred bytes. Like that consumer, it always subscribes: it asks again on every
 * connection, lets go of the provider on disconnection, and moves to a new provider that takes over.
 */
export class ContextSubscription<C extends AnyContext> implements ReactiveController {
  /** The latest value; undefined until a provider answered. */
  value: ContextType<C> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: Host,
    private readonly context: C,
    /** Runs on every new value; returning `false` spares the host a re-render (a value it does not show). */
    private readonly onValue?: (value: ContextType<C>) => unknown,
  ) {
    host.addController(this);
  }

  // One function for the whole life of the host: a provider recognises a subscriber by its callback
  // (re-asking while subscribed must not subscribe twice).
  readonly #receive: ContextCallback<ContextType<C>> = (value, unsubscribe) => {
    // Another provider answered (a closer one appeared): leave the previous one.
    if (this.#unsubscribe !== unsubscribe) this.#unsubscribe?.();
    this.#unsubscribe = unsubscribe;
    this.value = value;
    if (this.onValue?.(value) !== false) this.host.requestUpdate();
  };

  hostConnected(): void {
    // The protocol's `context-request` event; its fields are what ContextRequestEvent of @lit/context carries.
    this.host.dispatchEvent(
      Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
        context: this.context,
        contextTarget: this.host,
        callback: this.#receive,
        subscribe: true,
      }),
    );
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}

/**
 * Property decorator (experimental decorators, as this project compiles them): the property follows the
 * value of `context`, like @lit/context's `@consume({ context, subscribe: true })`, on `ContextSubscription`.
 */
export function consume<C extends AnyContext>({ context }: { context: C; subscribe: true }) {
  return (proto: ReactiveElement, name: PropertyKey): void => {
    (proto.constructor as typeof ReactiveElement).addInitializer((element) => {
      new ContextSubscription(element, context, (value) => {
        (element as unknown as Record<PropertyKey, unknown>)[name] = value;
      });
    });
  };
}
