// Type-level test of review-elements/react (compiled by `npm run typecheck`, never run): element props
// keep their types, and each onReview… prop receives the typed CustomEvent.
import { createElement } from 'react';
import type { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import type { ClipAnnotation, Id, MediaObjectAnnotation } from '../../src/contract/types.js';
import { ReviewPlayer, ReviewSession, ReviewStatusPicker } from '../../src/react/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

export function tree(api: MemoryReviewApi) {
  return createElement(
    ReviewSession,
    {
      api,
      theme: 'dark',
      onReviewCommentCreated: (e) => assert<Equal<typeof e.detail.comment, ClipAnnotation>>(),
      onReviewClipSelect: (e) => assert<Equal<typeof e.detail.clipId, Id>>(),
    },
    createElement(ReviewPlayer, {
      clipId: 101,
      frameOffset: 1001,
      onReviewFrameChange: (e) => assert<Equal<typeof e.detail.frame, number>>(),
    }),
    createElement(ReviewStatusPicker, {
      onReviewStatusChangeRequest: (e) => e.preventDefault(),
      onReviewStatusChanged: (e) => assert<Equal<typeof e.detail.status, MediaObjectAnnotation>>(),
    }),
    // @ts-expect-error clipId is a number (a media object id), not a string
    createElement(ReviewPlayer, { clipId: 'abc' }),
    // @ts-expect-error the player has no status events
    createElement(ReviewPlayer, { onReviewStatusChanged: () => undefined }),
  );
}
