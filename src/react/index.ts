/**
 * React 19 wrappers (`review-elements/react`), made with @lit/react. Importing this module registers every
 * wrapped tag. Properties are passed as element properties; events are `onReview…` props whose handler
 * receives the typed `CustomEvent` (e.g. `onReviewStatusChanged={(e) => e.detail.status}`).
 *
 * ```tsx
 * import { ReviewSession, ReviewPlayer } from 'review-elements/react';
 * <ReviewSession api={api}><ReviewPlayer clipId={101} onReviewFrameChange={(e) => setFrame(e.detail.frame)} /></ReviewSession>
 * ```
 */
import { ReviewAnnotationLayer as ReviewAnnotationLayerElement } from '../elements/review-annotation-layer/review-annotation-layer.js';
import { ReviewOrgSettings as ReviewOrgSettingsElement } from '../elements/review-org-settings/review-org-settings.js';
import { ReviewPlaylist as ReviewPlaylistElement } from '../elements/review-playlist/review-playlist.js';
import { ReviewProjectSettings as ReviewProjectSettingsElement } from '../elements/review-project-settings/review-project-settings.js';
import { ReviewStatusPicker as ReviewStatusPickerElement } from '../elements/review-status-picker/review-status-picker.js';
import { ShareDialog as ShareDialogElement } from '../elements/share-dialog/share-dialog.js';
import '../elements/review-annotation-layer/define.js';
import '../elements/review-org-settings/define.js';
import '../elements/review-playlist/define.js';
import '../elements/review-project-settings/define.js';
import '../elements/review-status-picker/define.js';
import '../elements/share-dialog/define.js';
import { wrap } from './wrap.js';

export { reactEvents, eventProp, type EventProp, type ReviewEventProps } from './wrap.js';

export const ReviewAnnotationLayer = wrap('review-annotation-layer', ReviewAnnotationLayerElement, 'ReviewAnnotationLayer', [
  'review-drawing-change',
  'review-pause-request',
]);
export const ReviewOrgSettings = wrap('review-org-settings', ReviewOrgSettingsElement, 'ReviewOrgSettings', []);
export const ReviewPlaylist = wrap('review-playlist', ReviewPlaylistElement, 'ReviewPlaylist', ['review-clip-select']);
export const ReviewProjectSettings = wrap('review-project-settings', ReviewProjectSettingsElement, 'ReviewProjectSettings', []);
export const ReviewStatusPicker = wrap('review-status-picker', ReviewStatusPickerElement, 'ReviewStatusPicker', [
  'review-status-change-request',
  'review-status-changed',
]);
export const ShareDialog = wrap('share-dialog', ShareDialogElement, 'ShareDialog', ['review-share-created']);
