import { defineElement } from '../../internal/define-element.js';
import { ClientReviewSite } from './client-review-site.js';
// The client page renders these; registering them here makes this one import enough for a host.
import '../review-session/define.js';
import '../review-player/define.js';
import '../review-annotation-layer/define.js';
import '../review-clip-header/define.js';
import '../comment-thread/define.js';
import '../review-playlist/define.js';

// Only the studio's Preview mode shows the share dialog: a client's page never downloads it.
ClientReviewSite.loadShareDialog = () => import('../share-dialog/define.js');

defineElement('client-review-site', ClientReviewSite);
