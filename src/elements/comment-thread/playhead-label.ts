import { AsyncDirective, directive, type PartInfo } from 'lit/async-directive.js';
import type { ContextCallback } from '@lit/context';
import { playheadContext, type PlayheadState } from '../../store/context.js';

type Label = (playhead: PlayheadState | undefined) => string;

/**
 * A text (an attribute or a child) that follows the session's playhead, e.g. the new-comment composer's
 * "New comment at frame 12". The playhead changes every frame while the player plays: this directive alone
 * subscribes to it and writes its one text, so the element that renders it (`<comment-thread>`, thousands of
 * notes) does not re-render per frame. `label` turns the playhead into the text; the element passes a new
 * one whenever it re-renders for its own reasons (a new time format, a new clip).
 */
class PlayheadLabel extends AsyncDirective {
  #label: Label = () => '';
  #playhead: PlayheadState | undefined;
  #host: HTMLElement | null = null;
  #unsubscribe: (() => void) | undefined;
  #updating = false;

  constructor(part: PartInfo) {
    super(part);
  }

  render(label: Label): string {
    return label(this.#playhead);
  }

  override update(part: { options?: { host?: object } }, [label]: [Label]): string {
    this.#label = label;
    if (!this.#host && part.options?.host instanceof HTMLElement) {
      this.#host = part.options.host;
      this.#updating = true;
      this.#subscribe();
      this.#updating = false;
    }
    return this.render(label);
  }

  // One callback for the directive's life: a provider recognises a subscriber by it.
  readonly #receive: ContextCallback<PlayheadState> = (value, unsubscribe) => {
    if (this.#unsubscribe !== unsubscribe) this.#unsubscribe?.();
    this.#unsubscribe = unsubscribe;
    this.#playhead = value;
    if (!this.#updating && this.isConnected) this.setValue(this.#label(value));
  };

  #subscribe(): void {
    // The context protocol's request, as `ContextSubscription` sends it, from the element that renders the text.
    this.#host?.dispatchEvent(
      Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
        context: playheadContext,
        contextTarget: this.#host,
        callback: this.#receive,
        subscribe: true,
      }),
    );
  }

  protected override disconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  protected override reconnected(): void {
    this.#subscribe();
  }
}

/** `label=${playheadLabel((playhead) => …)}`: a text that follows the playhead without re-rendering its element. */
export const playheadLabel = directive(PlayheadLabel);
