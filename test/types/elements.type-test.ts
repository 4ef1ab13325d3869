// Type-level test, compiled by `npm run typecheck` (never run): tags map to their classes through
// HTMLElementTagNameMap, and listeners of review events get typed details on elements, document and
// window. A `@ts-expect-error` that stops erroring fails the type-check too.
import '../../src/define.js';
import type { ClientReviewSite } from '../../src/elements/client-review-site/client-review-site.js';
import type { CommentThread } from '../../src/elements/comment-thread/comment-thread.js';
import type { ReviewAnnotationLayer } from '../../src/elements/review-annotation-layer/review-annotation-layer.js';
import type { ReviewClipHeader } from '../../src/elements/review-clip-header/review-clip-header.js';
import type { ReviewOrgSettings } from '../../src/elements/review-org-settings/review-org-settings.js';
import type { ReviewPlayer } from '../../src/elements/review-player/review-player.js';
import type { ReviewPlaylist } from '../../src/elements/review-playlist/review-playlist.js';
import type { ReviewProjectSettings } from '../../src/elements/review-project-settings/review-project-settings.js';
import type { ReviewSession } from '../../src/elements/review-session/review-session.js';
import type { ReviewStatusPicker } from '../../src/elements/review-status-picker/review-status-picker.js';
import type { ShareDialog } from '../../src/elements/share-dialog/share-dialog.js';
import type { ClipAnnotation, Id, MediaObjectAnnotation, Share } from '../../src/contract/types.js';

/** True when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

// — tags → classes —
assert<Equal<HTMLElementTagNameMap['review-session'], ReviewSession>>();
assert<Equal<HTMLElementTagNameMap['review-status-picker'], ReviewStatusPicker>>();
assert<Equal<HTMLElementTagNameMap['review-playlist'], ReviewPlaylist>>();
assert<Equal<HTMLElementTagNameMap['share-dialog'], ShareDialog>>();
assert<Equal<HTMLElementTagNameMap['client-review-site'], ClientReviewSite>>();
assert<Equal<HTMLElementTagNameMap['comment-thread'], CommentThread>>();
assert<Equal<HTMLElementTagNameMap['review-clip-header'], ReviewClipHeader>>();
assert<Equal<HTMLElementTagNameMap['review-annotation-layer'], ReviewAnnotationLayer>>();
assert<Equal<HTMLElementTagNameMap['review-org-settings'], ReviewOrgSettings>>();
assert<Equal<HTMLElementTagNameMap['review-project-settings'], ReviewProjectSettings>>();

export function players(): void {
  const player = document.createElement('review-player');
  assert<Equal<typeof player, ReviewPlayer>>();
  assert<Equal<typeof player.currentFrame, number>>();
  assert<Equal<ReturnType<typeof player.seekToFrame>, Promise<void>>>();
  assert<Equal<ReturnType<typeof player.stepFrames>, Promise<void>>>();
  // @ts-expect-error seekToFrame takes a frame number
  void player.seekToFrame('12');

  const found = document.querySelector('review-player');
  assert<Equal<typeof found, ReviewPlayer | null>>();
  const dialog = document.createElement('share-dialog');
  dialog.show();
  dialog.hide();
}

// — typed event details —
export function listeners(session: ReviewSession, picker: ReviewStatusPicker): void {
  document.createElement('review-player').addEventListener('review-frame-change', (e) => {
    assert<Equal<typeof e.detail.frame, number>>();
    // @ts-expect-error no such field in the detail
    void e.detail.time;
  });
  document.createElement('comment-thread').addEventListener('review-comment-deleted', (e) => {
    assert<Equal<typeof e.detail.comment, ClipAnnotation>>();
  });
  session.addEventListener('review-comment-created', (e) => {
    assert<Equal<typeof e.detail.comment, ClipAnnotation>>();
  });
  picker.addEventListener('review-status-change-request', (e) => {
    assert<Equal<typeof e.detail, { from: string; to: string }>>();
    e.preventDefault();
  });
  session.addEventListener('review-status-changed', (e) => {
    assert<Equal<typeof e.detail.status, MediaObjectAnnotation>>();
  });
  // Composed events reach document and window with the same types.
  document.addEventListener('review-share-created', (e) => {
    assert<Equal<typeof e.detail.share, Share>>();
  });
  window.addEventListener('review-clip-select', (e) => {
    assert<Equal<typeof e.detail.clipId, Id>>();
  });
  // The built-in events keep their types.
  document.addEventListener('keydown', (e) => {
    assert<Equal<typeof e, KeyboardEvent>>();
  });
}

// — every element emits through ReviewElement's typed `emit` —
export function emitting(player: ReviewPlayer, thread: CommentThread): void {
  assert<Equal<ReturnType<typeof player.emit>, boolean>>();
  player.emit('review-frame-change', { frame: 12 });
  thread.emit('review-status-change-request', { from: 'NEW', to: 'APPROVED' }, { cancelable: true });
  // @ts-expect-error the detail of review-frame-change is {frame: number}
  player.emit('review-frame-change', { frame: '12' });
  // @ts-expect-error no such review event
  player.emit('review-frame-changed', { frame: 12 });
}
