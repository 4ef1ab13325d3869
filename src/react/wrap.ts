import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import type { ReviewCustomEvent, ReviewEventName } from '../events.js';

/** `status-change-request` → `StatusChangeRequest` */
type Pascal<S extends string> = S extends `${infer H}-${infer T}` ? `${Capitalize<H>}${Pascal<T>}` : Capitalize<S>;

/** React prop of a DOM event: `review-frame-change` → `onReviewFrameChange`. */
export type EventProp<N extends string> = `on${Pascal<N>}`;

/** The `events` option of `createComponent` for some review events, each typed with its detail. */
export type ReviewEventProps<N extends ReviewEventName> = { [K in N as EventProp<K>]: EventName<ReviewCustomEvent<K>> };

export const eventProp = <N extends string>(name: N): EventProp<N> =>
  `on${name
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('')}` as EventProp<N>;

/** Which React prop maps to which DOM event, per tag (read by the docs and the wrapper test). */
export const reactEvents: Record<string, Record<string, ReviewEventName>> = {};

/**
 * A React component for a custom element: element properties become props (set as properties, not
 * attributes, so objects and numbers pass through), and each review event gets an `onReview…` prop.
 */
export function wrap<I extends HTMLElement, const N extends ReviewEventName>(
  tagName: string,
  elementClass: new () => I,
  displayName: string,
  eventNames: readonly N[],
): ReactWebComponent<I, ReviewEventProps<N>> {
  const events = Object.fromEntries(eventNames.map((n) => [eventProp(n), n])) as unknown as ReviewEventProps<N>;
  reactEvents[tagName] = Object.fromEntries(eventNames.map((n) => [eventProp(n), n]));
  return createComponent({ react: React, tagName, elementClass, events, displayName });
}
