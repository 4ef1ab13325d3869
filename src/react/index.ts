/**
 * React 19 wrappers (`review-elements/react`), made with @lit/react. Importing this module registers every
 * wrapped tag. Properties are passed as element properties (objects and numbers pass through); events are
 * `onReview…` props whose handler receives the typed `CustomEvent`:
 *
 * ```tsx
 * import { ReviewSession, ReviewPlayer, ReviewStatusPicker } from 'review-elements/react';
 *
 * <ReviewSession api={api} onReviewCommentCreated={(e) => console.log(e.detail.comment)}>
 *   <ReviewPlayer clipId={101} onReviewFrameChange={(e) => setFrame(e.detail.frame)} />
 *   <ReviewStatusPicker onReviewStatusChangeRequest={(e) => confirm('Sure?') || e.preventDefault()} />
 * </ReviewSession>
 * ```
 *
 * Container elements (`ReviewSession`, `ClientReviewSite`) also take the props of the events that bubble
 * up from the elements inside them.
 */
import { ClientReviewSite as ClientReviewSiteElement } from '../elements/client-review-site/client-review-site.js';
import { CommentThread as CommentThreadElement } from '../elements/comment-thread/comment-thread.js';
import { ReviewAnnotationLayer as ReviewAnnotationLayerElement } from '../elements/review-annotation-layer/review-annotation-layer.js';
import { ReviewCompare as ReviewCompareElement } from '../elements/review-compare/review-compare.js';
import { ReviewClipHeader as ReviewClipHeaderElement } from '../elements/review-clip-header/review-clip-header.js';
import { ReviewOrgSettings as ReviewOrgSettingsElement } from '../elements/review-org-settings/review-org-settings.js';
import { ReviewPlayer as ReviewPlayerElement } from '../elements/review-player/review-player.js';
import { ReviewPlaylist as ReviewPlaylistElement } from '../elements/review-playlist/review-playlist.js';
import { ReviewRoom as ReviewRoomElement } from '../elements/review-room/review-room.js';
import { ReviewProjectSettings as ReviewProjectSettingsElement } from '../elements/review-project-settings/review-project-settings.js';
import { ReviewNotifications as ReviewNotificationsElement } from '../elements/review-notifications/review-notifications.js';
import { ReviewSession as ReviewSessionElement } from '../elements/review-session/review-session.js';
import { ReviewStatusPicker as ReviewStatusPickerElement } from '../elements/review-status-picker/review-status-picker.js';
import { ShareDialog as ShareDialogElement } from '../elements/share-dialog/share-dialog.js';
import '../define.js';

import type { ReviewEventName } from '../events.js';
import { wrap } from './wrap.js';

export { reactEvents, eventProp, type EventProp, type ReviewEventProps } from './wrap.js';

/** The public events (README.md, "Events bubble and are composed"; src/events.ts), which bubble (composed) to `<review-session>` from any element inside. */
const CONTAINER_EVENTS = [
  'review-ready',
  'review-frame-change',
  'review-comment-created',
  'review-comment-updated',
  'review-comment-deleted',
  'review-comment-select',
  'review-status-change-request',
  'review-status-changed',
  'review-share-created',
  'review-clip-select',
] as const satisfies readonly ReviewEventName[];

export const ClientReviewSite = wrap('client-review-site', ClientReviewSiteElement, 'ClientReviewSite', [
  ...CONTAINER_EVENTS,
  'review-invite-request',
]);
export const CommentThread = wrap('comment-thread', CommentThreadElement, 'CommentThread', [
  'review-comment-select',
  'review-comment-created',
  'review-comment-updated',
  'review-comment-deleted',
  'review-spot-mode',
  'review-spot-request',
]);
export const ReviewAnnotationLayer = wrap('review-annotation-layer', ReviewAnnotationLayerElement, 'ReviewAnnotationLayer', [
  'review-drawing-change',
  'review-drawing-request',
  'review-overlay-band-request',
  'review-pause-request',
  'review-spot-pick',
  'review-spot-request',
]);
export const ReviewClipHeader = wrap('review-clip-header', ReviewClipHeaderElement, 'ReviewClipHeader', [
  'review-status-change-request',
  'review-status-changed',
]);
export const ReviewCompare = wrap('review-compare', ReviewCompareElement, 'ReviewCompare', [
  'review-compare-change',
  'review-compare-request',
  'review-clip-select',
  'review-ready',
  'review-frame-change',
]);
export const ReviewOrgSettings = wrap('review-org-settings', ReviewOrgSettingsElement, 'ReviewOrgSettings', [
  'review-settings-saved',
  'review-settings-save-request',
]);
export const ReviewPlayer = wrap('review-player', ReviewPlayerElement, 'ReviewPlayer', [
  'review-ready',
  'review-frame-change',
  'review-comment-select',
  'review-seek-request',
  'review-viewport-change',
]);
export const ReviewNotifications = wrap('review-notifications', ReviewNotificationsElement, 'ReviewNotifications', [
  'review-notification-open',
]);
export const ReviewPlaylist = wrap('review-playlist', ReviewPlaylistElement, 'ReviewPlaylist', ['review-clip-select']);
export const ReviewProjectSettings = wrap('review-project-settings', ReviewProjectSettingsElement, 'ReviewProjectSettings', [
  'review-settings-saved',
  'review-settings-save-request',
]);
export const ReviewRoom = wrap('review-room', ReviewRoomElement, 'ReviewRoom', ['review-room-request']);
export const ReviewSession = wrap('review-session', ReviewSessionElement, 'ReviewSession', CONTAINER_EVENTS);
export const ReviewStatusPicker = wrap('review-status-picker', ReviewStatusPickerElement, 'ReviewStatusPicker', [
  'review-status-change-request',
  'review-status-changed',
]);
export const ShareDialog = wrap('share-dialog', ShareDialogElement, 'ShareDialog', ['review-share-created']);
