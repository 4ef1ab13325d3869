import type { ClipAnnotation, FrameRate, Id } from '../contract/types.js';
import type { TimeFormat } from '../media/frame-math.js';
import { Store } from './store.js';
import { StoreRegistry } from './store-registry.js';

/**
 * Where the review is: the clip on show, the comment selected, and the frame a driver last asked for.
 * Changes only on a request (a clip picked, a comment selected, a seek asked for), never as the player plays.
 */
export interface NavigationState {
  /** The clip the elements without `clip-id` follow. */
  clipId: Id | null;
  /** The comment selected in the thread or on the timeline. */
  commentId: Id | null;
  /**
   * The frame wanted on screen. `seq` grows with every request, so asking for the same frame again seeks
   * again; the player acts when `seq` is new and `clipId` is the clip it shows (or null: whatever it shows).
   */
  wantedFrame: { clipId: Id | null; frame: number; seq: number } | null;
}

/** Where the player is: what it reported last (`review-ready`, `review-frame-change`). */
export interface PlayheadState {
  clipId: Id | null;
  frame: number;
  frameCount: number;
  frameRate: FrameRate | null;
  timeFormat: TimeFormat;
  frameOffset: number;
  /** The timecode of frame 0, in frames. */
  timecodeStart: number;
}

/** A store whose owner sets its state from outside (the review store's parts). */
class StateCell<S> extends Store<S> {
  set(next: S): void {
    this.setState(next);
  }
}

const NO_PLAYHEAD: PlayheadState = {
  clipId: null,
  frame: 0,
  frameCount: 0,
  frameRate: null,
  timeFormat: 'frames',
  frameOffset: 0,
  timecodeStart: 0,
};

/**
 * The one owner of a review's state, per `<review-session>` and API: navigation (clip, selection, the frame
 * wanted), the playhead, and the per-clip resources (clip, comments, status stores, each loaded once).
 * Elements render what it publishes and send request events; the session maps each request to one method
 * here (its request map). A remote driver — a synced review room, a second player in a compare — calls the
 * same methods, so the player follows without anyone reaching into it (docs/architecture.md).
 */
export class ReviewStore {
  readonly navigation: Store<NavigationState> = new StateCell<NavigationState>({ clipId: null, commentId: null, wantedFrame: null });
  readonly playhead: Store<PlayheadState> = new StateCell<PlayheadState>(NO_PLAYHEAD);
  #resources = new StoreRegistry();
  #seekSeq = 0;

  /** Per-clip stores shared by every element (`clip:`, `comments:`, `status:` keys), each loaded once. */
  get resources(): StoreRegistry {
    return this.#resources;
  }

  /** The per-clip stores belong to one API: a new API starts from empty ones (a new registry). */
  resetResources(): void {
    this.#resources.clear();
    this.#resources = new StoreRegistry();
  }

  /** Shows `clipId`; a new clip clears the selection and any frame wanted on the old one. */
  selectClip(clipId: Id | null): void {
    const nav = this.navigation.state;
    if (nav.clipId === clipId) return;
    this.#setNavigation({ clipId, commentId: null, wantedFrame: null });
  }

  /** Selects `comment` and asks for its frame (on its clip, which becomes the current one). */
  selectComment(comment: Pick<ClipAnnotation, 'id' | 'mediaObjectId' | 'start'>): void {
    this.#setNavigation({
      clipId: comment.mediaObjectId,
      commentId: comment.id,
      wantedFrame: { clipId: comment.mediaObjectId, frame: comment.start, seq: ++this.#seekSeq },
    });
  }

  /** Asks for `frame` (0-based) of `clipId` (default: the current clip) on screen. */
  seek(frame: number, clipId: Id | null = this.navigation.state.clipId): void {
    const nav = this.navigation.state;
    this.#setNavigation({ ...nav, wantedFrame: { clipId, frame: Math.max(0, Math.round(frame)), seq: ++this.#seekSeq } });
  }

  /** The player loaded media: the playhead takes its clip, length and rate (and keeps its frame on the same clip). */
  reportReady(ready: Omit<PlayheadState, 'frame'>): void {
    const prev = this.playhead.state;
    const frame = ready.clipId === prev.clipId ? Math.min(prev.frame, Math.max(0, ready.frameCount - 1)) : 0;
    this.#setPlayhead({ ...ready, frame });
  }

  /** The player shows `frame` now. */
  reportFrame(frame: number): void {
    const prev = this.playhead.state;
    if (prev.frame !== frame) this.#setPlayhead({ ...prev, frame });
  }

  /** Drops the per-clip stores (their event subscriptions with them). */
  dispose(): void {
    this.#resources.clear();
  }

  #setNavigation(next: NavigationState): void {
    (this.navigation as StateCell<NavigationState>).set(next);
  }

  #setPlayhead(next: PlayheadState): void {
    (this.playhead as StateCell<PlayheadState>).set(next);
  }
}
