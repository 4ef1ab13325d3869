/** Registers every default tag. Side-effect module: `import 'review-elements/define'`. */
import { defineElement } from './internal/define-element.js';
import { ClientReviewSite } from './elements/client-review-site/client-review-site.js';
import './elements/review-status-picker/define.js';
import './elements/review-playlist/define.js';
import './elements/share-dialog/define.js';
import './elements/review-project-settings/define.js';
import './elements/review-org-settings/define.js';
import './elements/review-session/define.js';
import './elements/review-annotation-layer/define.js';
import './elements/review-clip-header/define.js';
import './elements/review-player/define.js';
import './elements/comment-thread/define.js';
import './elements/review-room/define.js';

// Not through client-review-site/define.js: that one loads the share dialog on demand, and a dynamic
// import of a module this file already loads would split the bundle into chunks (about 2.4 kB more).
defineElement('client-review-site', ClientReviewSite);

// <review-compare> comes after the rest, in its own chunk (a dynamic import): the pages of every other tag
// do not wait for it, and the bytes that load first stay as they were.
void import('./elements/review-compare/define.js');
// <review-notifications> too (issue 25): a bell in a page's header need not hold up the review.
void import('./elements/review-notifications/define.js');
