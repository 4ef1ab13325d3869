import { createContext } from '@lit/context';
import type { Id } from '../contract/types.js';
import type { CommentsState } from './comments-store.js';
import type { Store } from './store.js';

/**
 * Read access to a clip's shared comments store, for elements that only show comments (the player's
 * timeline markers, the annotation layer's drawings). `<review-session>` provides it, so such an element
 * does not bundle the store's loading, optimistic-edit and patch code. The store is the one the thread
 * uses (created and loaded on first request); a `Store` can only be read and subscribed to. Returns
 * undefined while the session has no API, and until the store's code has loaded: the session then
 * publishes a new function, so consume it with `subscribe: true`.
 */
export type CommentsSource = (clipId: Id) => Store<CommentsState> | undefined;

export const commentsSourceContext = createContext<CommentsSource>(Symbol('review-comments-source'));
