import { createContext } from '@lit/context';
import type { ReviewApi } from '../contract/review-api.js';
import type { ReviewApiError } from '../contract/errors.js';
import type { Id, Me, OrgSettings, ProductionSettings, Right, FrameRate } from '../contract/types.js';
import type { StoreRegistry } from './store-registry.js';

import type { TimeFormat } from '../media/frame-math.js';

export type { TimeFormat };

/**
 * What `<review-session>` provides. An immutable snapshot: the session publishes a new object on every
 * change (never mutates this one), because @lit/context only notifies when the value's identity changes.
 */
export interface SessionState {
  api: ReviewApi | null;
  /** `loading` while `me` and the settings load; `error` with `error` set when they failed. */
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ReviewApiError | null;
  me: Me | null;
  rights: readonly Right[];
  settings: ProductionSettings | null;
  org: OrgSettings | null;
  /** The clip elements without `clip-id` follow. */
  currentClipId: Id | null;
  /** The comment the user last selected (from the thread or a timeline marker). */
  selectedCommentId: Id | null;
  /**
   * Bumped every time a comment is selected, even the same one again, so the player seeks again.
   * Consumers compare it with what they last handled.
   */
  selectionSeq: number;
  /** Frame the player was asked to show by a selection; the player seeks there when `selectionSeq` changes. */
  selectedFrame: number | null;
  /** BCP 47 locale used for dates, numbers and UI strings. */
  locale: string;
  /** Shared per-clip stores (comments, status). */
  stores: StoreRegistry;
}

/**
 * Where the player is; published by the session from the player's `review-frame-change` and
 * `review-ready` events so the composer can pin a comment to the frame on screen.
 */
export interface PlayheadState {
  clipId: Id | null;
  frame: number;
  frameCount: number;
  frameRate: FrameRate | null;
  timeFormat: TimeFormat;
  frameOffset: number;
}

export const sessionContext = createContext<SessionState>(Symbol('review-session'));
export const playheadContext = createContext<PlayheadState>(Symbol('review-playhead'));

export function hasRight(state: Pick<SessionState, 'rights'> | undefined, right: Right): boolean {
  return !!state?.rights.includes(right);
}
