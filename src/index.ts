/**
 * Root entry: types, the API clients and the element classes. Registers no tag — import
 * `review-elements/define` (or one element's `define` module) for that.
 */
export * from './api.js';
export * from './events.js';
export { setLocale, getLocale, resolveUiLocale, uiLocales, type UiLocale } from './i18n/index.js';
export { formatDate, formatTime, formatDateTime, formatRelativeTime, formatNumber, formatBytes, formatList } from './i18n/format.js';
export { ReviewStatusPicker } from './elements/review-status-picker/review-status-picker.js';
export { ReviewPlaylist } from './elements/review-playlist/review-playlist.js';
export { ReviewRoom } from './elements/review-room/review-room.js';
export { ShareDialog } from './elements/share-dialog/share-dialog.js';
export { ReviewProjectSettings } from './elements/review-project-settings/review-project-settings.js';
export { ReviewOrgSettings } from './elements/review-org-settings/review-org-settings.js';
export { ReviewSession } from './elements/review-session/review-session.js';
export { ReviewAnnotationLayer } from './elements/review-annotation-layer/review-annotation-layer.js';
export { ReviewClipHeader } from './elements/review-clip-header/review-clip-header.js';
export { ClientReviewSite } from './elements/client-review-site/client-review-site.js';
export { ReviewPlayer } from './elements/review-player/review-player.js';
export type { PlayerMarker, PlayerViewport, LoopMode } from './elements/review-player/review-player.js';
export { ReviewCompare, previousVersion, type CompareMode } from './elements/review-compare/review-compare.js';
export {
  formatFrame,
  parseFrameRate,
  frameRateFromFps,
  toTimecode,
  parseTimecode,
  frameToSeekTime,
  frameAtTime,
} from './media/frame-math.js';
export { CommentThread } from './elements/comment-thread/comment-thread.js';
export { ReviewNotifications } from './elements/review-notifications/review-notifications.js';
export { ReviewCommentComposer } from './elements/comment-thread/comment-composer.js';
export { CommentsStore, commentsStoreFor, groupThreads } from './store/comments-store.js';
export { ReviewStore, type DraftState, type NavigationState, type PickedSpot, type PlayheadState } from './store/review-store.js';
