import { defineElement } from '../../internal/define-element.js';
import { CommentThread } from './comment-thread.js';

// The composer is part of the thread, in a chunk of its own: fetched when the thread first shows one.
CommentThread.loadComposer = async () => {
  const { ReviewCommentComposer } = await import('./comment-composer.js');
  defineElement('review-comment-composer', ReviewCommentComposer);
};
defineElement('comment-thread', CommentThread);
