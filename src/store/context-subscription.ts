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
    private readonly onValue?: (value: ContextType<C>) => void,
    /**
     * Whether a new value must re-render the host (default: always). E.g. the playhead changes every frame,
     * and an element that shows only its time format re-renders when that changes, not on every frame.
     */
    private readonly rendersFor?: (value: ContextType<C>, previous: ContextType<C>) => boolean,
  ) {
    host.addController(this);
  }

  // One function for the whole life of the host: a provider recognises a subscriber by its callback
  // (re-asking while subscribed must not subscribe twice).
  readonly #receive: ContextCallback<ContextType<C>> = (value, unsubscribe) => {
    // Another provider answered (a closer one appeared): leave the previous one.
    if (this.#unsubscribe !== unsubscribe) this.#unsubscribe?.();
    this.#unsubscribe = unsubscribe;
    const previous = this.value;
    this.value = value;
    if (previous === undefined || !this.rendersFor || this.rendersFor(value, previous)) this.host.requestUpdate();
    this.onValue?.(value);
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
