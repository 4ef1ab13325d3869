import { CommentThread } from './comment-thread.js';
import { ReviewCommentComposer } from './comment-composer.js';

// The composer is part of the thread: registered with it.
customElements.get('review-comment-composer') || customElements.define('review-comment-composer', ReviewCommentComposer);
customElements.get('comment-thread') || customElements.define('comment-thread', CommentThread);
