/**
 * A stand-in for `<review-player>` in the layer's tests: it provides the player's picture context (the
 * frame on screen, the zoom, the stage) to the layer inside it, as the player does, and sends the player's
 * frame events up to the session.
 */
import { ContextProvider } from '@lit/context';
import { NO_PICTURE, pictureContext, type PictureState } from '../../../src/store/context.js';
import { emit } from '../../../src/events.js';

export class TestPictureHost extends HTMLElement {
  readonly #provider = new ContextProvider(this, {
    context: pictureContext,
    initialValue: NO_PICTURE,
  });

  /** What the "player" shows now (a new value, as a player publishes). */
  show(picture: Partial<PictureState>): void {
    this.#provider.setValue({ ...this.#provider.value, ...picture });
  }

  /** The "player" shows `frame`: the layer inside follows, and the session hears the player's event. */
  showFrame(frame: number): void {
    this.show({ frame });
    emit(this, 'review-frame-change', { frame });
  }
}
if (!customElements.get('test-picture-host')) customElements.define('test-picture-host', TestPictureHost);

declare global {
  interface HTMLElementTagNameMap {
    'test-picture-host': TestPictureHost;
  }
}
