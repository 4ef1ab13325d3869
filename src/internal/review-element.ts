import { LitElement } from 'lit';
import { updateWhenLocaleChanges } from '@lit/localize';
import { emit, type ReviewEventDetails, type ReviewEventName } from '../events.js';

/**
 * The base of every review element: it re-renders when the UI locale changes, and `emit` dispatches the
 * typed `review-*` events of src/events.ts (bubbling, composed) from the element.
 */
export class ReviewElement extends LitElement {
  constructor() {
    super();
    // What @localized() does, without the decorator: a class decorator makes esbuild lower every #private
    // member of the decorated class to WeakMap helpers (bytes and speed), so no element class carries one.
    updateWhenLocaleChanges(this);
  }

  /**
   * Dispatches the review event `name` with its typed `detail` from this element. Returns false when a
   * listener called `preventDefault()` on a cancelable event (a veto).
   */
  emit<N extends ReviewEventName>(name: N, detail: ReviewEventDetails[N], options?: { cancelable?: boolean }): boolean {
    return emit(this, name, detail, options);
  }
}
