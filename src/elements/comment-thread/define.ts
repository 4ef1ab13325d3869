import { CommentThread } from './comment-thread.js';

// The composer is part of the thread, in a chunk of its own: fetched when the thread first shows one.
CommentThread.loadComposer = async () => {
  const { ReviewCommentComposer } = await import('./comment-composer.js');
  customElements.get('review-comment-composer') || customElements.define('review-comment-composer', ReviewCommentComposer);
};
customElements.get('comment-thread') || customElements.define('comment-thread', CommentThread);
