import { createContext } from '@lit/context';
import type { ReviewApi } from '../contract/review-api.js';
import type { ReviewApiError } from '../contract/errors.js';
import type { Capabilities } from '../contract/capabilities.js';
import type { Id, Me, OrgSettings, ProductionSettings, Right } from '../contract/types.js';
import type { StoreRegistry } from './store-registry.js';
import type { DraftState, NavigationState, PlayheadState } from './review-store.js';
import type { RoomView } from './room-store.js';
import type { TimeFormat } from '../media/frame-math.js';

export type { DraftState, NavigationState, PlayheadState, TimeFormat };

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
  /**
   * The optional parts the backend offers (`ReviewApi.getCapabilities`, loaded with `me`; `CORE_ONLY` from a
   * REST backend without the call); null when the backend does not say (a `ReviewApi` without the method, or
   * the call failed), or until loaded. An element or host leaves out what is false (e.g. sharing).
   */
  capabilities?: Capabilities | null;
  settings: ProductionSettings | null;
  org: OrgSettings | null;
  /** Why the backend refused the studio's settings (`org` is then null). */
  orgError?: ReviewApiError | null;
  /** The clip elements without `clip-id` follow (the review store's `navigation.clipId`, published here). */
  currentClipId: Id | null;
  /** BCP 47 locale used for dates, numbers and UI strings. */
  locale: string;
  /** The review store's per-clip stores (clip, comments, status), each loaded once. */
  stores: StoreRegistry;
}

export const sessionContext = createContext<SessionState>(Symbol('review-session'));
/** Where the player is (the review store's playhead): only what shows time reads it, as it changes every frame. */
export const playheadContext = createContext<PlayheadState>(Symbol('review-playhead'));
/** Clip, selected comment and the frame wanted (the review store's navigation): changes on requests only. */
export const navigationContext = createContext<NavigationState>(Symbol('review-navigation'));
/**
 * The note being composed on the picture (the review store's draft): who waits for a spot, the last spot
 * picked, the drawing. Read by the comment composer and the annotation layer; changes on requests only.
 */
export const draftContext = createContext<DraftState>(Symbol('review-draft'));

/** The session's place in a synced review room (its `RoomStore`), for `<review-room>`. */
export const roomContext = createContext<RoomView>(Symbol('review-room'));

export function hasRight(state: Pick<SessionState, 'rights'> | undefined, right: Right): boolean {
  return !!state?.rights.includes(right);
}

/**
 * What a player shows, for the overlay inside it (`<review-annotation-layer slot="overlay">`): the frame on
 * screen, the picture (for snapshots) and its size, where the frame sits on the stage and the zoom, and the
 * stage's size (the visible box). Provided by each `<review-player>` to its own children, so an overlay
 * follows its player, not the session's playhead (a compare or a second player has its own).
 */
export interface PictureState {
  frame: number;
  /** The picture on screen: the `<video>` or `<img>`, or the frame engine's `<canvas>` while it shows the frame; null before media loads. */
  media: HTMLVideoElement | HTMLImageElement | HTMLCanvasElement | null;
  mediaWidth: number;
  mediaHeight: number;
  /** The frame's box on the stage (CSS px) and the zoom. */
  viewport: { x: number; y: number; width: number; height: number; zoom: number };
  /** The stage's size (CSS px): the part of the frame outside it is not visible. */
  stage: { width: number; height: number };
}
export const pictureContext = createContext<PictureState>(Symbol('review-picture'));

/** What a player shows before any media: nothing, at frame 0. */
export const NO_PICTURE: PictureState = {
  frame: 0,
  media: null,
  mediaWidth: 0,
  mediaHeight: 0,
  viewport: { x: 0, y: 0, width: 0, height: 0, zoom: 1 },
  stage: { width: 0, height: 0 },
};
