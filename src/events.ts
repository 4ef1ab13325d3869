import type {
  ClipAnnotation,
  Drawing,
  FrameRate,
  Id,
  MediaObjectAnnotation,
  Operation,
  OrgSettings,
  ProductionSettings,
  ReviewNotification,
  Share,
} from './contract/types.js';
import type { RoomRequest } from './store/room-store.js';

/**
 * Detail of every public `review-*` event. Events bubble and are composed, so a host page can listen on
 * any ancestor, including `<review-session>` itself.
 */
export interface ReviewEventDetails {
  /**
   * The player loaded its media. The optional fields let `<review-session>` publish a complete
   * `playheadContext` (clip, rational rate, display numbering); a player should fill them when it knows them.
   */
  'review-ready': {
    frameCount: number;
    fps: number;
    clipId?: Id | null;
    frameRate?: FrameRate | null;
    frameOffset?: number;
    /** The timecode of frame 0, in frames (the player's `timecode-start`). */
    timecodeStart?: number;
    timeFormat?: 'frames' | 'timecode' | 'seconds';
  };
  'review-frame-change': { frame: number };
  'review-comment-created': { comment: ClipAnnotation };
  'review-comment-updated': { comment: ClipAnnotation };
  'review-comment-deleted': { comment: ClipAnnotation };
  /**
   * A request to select a comment (the thread, a timeline marker, or the host): `<review-session>` selects
   * it and asks for its frame on screen, once.
   */
  'review-comment-select': { comment: ClipAnnotation };
  /**
   * Cancelable request for a frame (0-based) on screen, of `clipId` (default: the current clip).
   * `<review-session>` hands it to its store, and the player showing that clip seeks there, once.
   */
  'review-seek-request': { frame: number; clipId?: Id | null };
  /** Cancelable: `preventDefault()` vetoes the change. */
  'review-status-change-request': { from: string; to: string };
  'review-status-changed': { status: MediaObjectAnnotation };
  'review-share-created': { share: Share };
  'review-clip-select': { clipId: Id };
  /** Cancelable: the Preview bar's "Invite People"; not cancelled, `<client-review-site>` opens its share dialog. */
  'review-invite-request': { shareId: Id | null; shareToken: string };
  /**
   * The player's picture moved or was zoomed: the frame's rect in CSS pixels relative to the player's
   * stage (`x`, `y`, `width`, `height`) and the zoom factor (1 = fit). Overlays drawn on the frame follow it.
   */
  'review-viewport-change': { x: number; y: number; width: number; height: number; zoom: number };
  /**
   * Asks the player to pause (e.g. `<review-annotation-layer>` when a stroke starts). The player listens for
   * it on itself, so it comes from inside the player (an overlay) or from the host calling dispatchEvent.
   */
  'review-pause-request': { reason: 'annotate' | (string & {}) };
  /**
   * Asks the player for a band of `height` CSS px below the picture, inside its stage, kept free of the frame
   * (`<review-annotation-layer>` puts its tool bar there, so the whole frame stays drawable; 0: no band).
   * The player listens for it on itself, as for `review-pause-request`.
   */
  'review-overlay-band-request': { height: number };
  /**
   * Notification: the drawing on the picture changed (`<review-annotation-layer>`, after its
   * `review-drawing-request`): null when it is empty. A host may also send it to `<review-session>`, which
   * takes it as a `review-drawing-request`; the composer attaches the session's draft drawing to the next
   * comment as `customFields.drawing`.
   */
  'review-drawing-change': { drawing: Drawing | null };
  /**
   * Notification: the picture was clicked to place a comment's spot, `x`, `y` in percent (0–100) of the
   * frame (`<review-annotation-layer>`, after its `review-spot-request` `pick`). A host may also send it to
   * `<review-session>`, which takes it as a pick: the waiting composer stores it as `spatial`
   * (`xywh=percent:x,y,0,0`).
   */
  'review-spot-pick': { x: number; y: number };
  /**
   * Notification: the composer of `<comment-thread>` waits for (`active: true`) or stopped waiting for a
   * spot pick (after its `review-spot-request`). A host may also send it to `<review-session>`: `true` makes
   * the picture wait for a pick when no composer does, `false` ends whichever wait there is.
   */
  'review-spot-mode': { active: boolean };
  /**
   * Request about the spot of the note being composed; `<review-session>` maps it to its store's draft:
   * `wait` — the composer `requester` (its id) waits for a spot (`waitForSpot`); `cancel` — it stops waiting
   * (`cancelSpot`); `pick` — the picture was clicked at `x`, `y`, in percent of the frame (`pickSpot`: the
   * spot of whoever waits, who stops waiting).
   */
  'review-spot-request': SpotRequestDetail;
  /**
   * Request: the drawing on the picture is now `drawing` (null: empty); `<review-session>` puts it in its
   * store's draft (`setDrawing`), where the composer finds it.
   */
  'review-drawing-request': { drawing: Drawing | null };
  /**
   * `<review-project-settings>` (`{settings}`) or `<review-org-settings>` (`{org}`) saved: what the server
   * stored. `<review-session>` publishes it, so every element (accent colour, status list, share defaults)
   * follows without a reload.
   */
  'review-settings-saved': SettingsSavedDetail;
  /**
   * A settings form asks to save a change, a JSON Patch of the production's (`settings`) or the
   * organization's (`org`) settings. `<review-session>` saves it and hands `reply` the pending answer; it
   * then publishes what the server saved. Outside a session nothing replies.
   */
  'review-settings-save-request': SettingsSaveRequest;
  /**
   * Notification from `<review-compare>`: the user changed the compare mode, the side shown in A/B toggle,
   * version B or the version notes go to. `clipId` is A, `compareId` B.
   */
  'review-compare-change': {
    mode: 'toggle' | 'wipe' | 'side-by-side' | 'difference' | 'blend';
    clipId: Id | null;
    compareId: Id | null;
    shown: 'a' | 'b';
    /** The version notes go to. */
    notesOn: 'a' | 'b';
  };
  /**
   * `<review-compare>` in a session compares versions `a` and `b`, and notes go to `notesOn` (one of them).
   * `<review-session>` records it in its store (`navigation.compare`, which the composer shows) and hands
   * `reply` a function that ends it: the compare calls it when it stops (it is removed). Sent again on change.
   */
  'review-compare-request': CompareRequest;
  /**
   * `<review-room>` asks the session's room to join, leave, hand over, ask for control, decline, close or
   * export the minutes (`RoomRequest`); the session's `RoomStore` does it and publishes the room.
   */
  'review-room-request': RoomRequest;
  /**
   * Cancelable request from `<review-notifications>`: the user chose a notification. Not cancelled,
   * `<review-session>` opens its clip at its frame (selecting its note, when it has one).
   */
  'review-notification-open': { notification: ReviewNotification };
}

/** Detail of `review-compare-request`. */
export interface CompareRequest {
  a: Id;
  b: Id | null;
  notesOn: Id;
  reply(end: () => void): void;
}

/** Detail of `review-settings-save-request`. */
export interface SettingsSaveRequest {
  target: 'settings' | 'org';
  ops: Operation[];
  reply(saved: Promise<ProductionSettings | OrgSettings>): void;
}

/** Detail of `review-spot-request`: a composer waits or stops waiting for a spot, or the picture reports a pick. */
/** `cancel` without a requester (Escape on the picture) stops whichever wait is on. */
export type SpotRequestDetail =
  { action: 'wait'; requester: string } | { action: 'cancel'; requester?: string } | { action: 'pick'; x: number; y: number };

/** Detail of `review-settings-saved`: the production's or the organization's settings, as saved. */
export type SettingsSavedDetail = { settings: ProductionSettings; org?: undefined } | { org: OrgSettings; settings?: undefined };

export type ReviewEventName = keyof ReviewEventDetails;
export type ReviewCustomEvent<N extends ReviewEventName> = CustomEvent<ReviewEventDetails[N]>;

/** Every review event by name, typed. */
export type ReviewEventMap = { [N in ReviewEventName]: ReviewCustomEvent<N> };

declare global {
  // The events are composed and bubble, so listeners on document and window get the same types.
  interface DocumentEventMap extends ReviewEventMap {}
  interface WindowEventMap extends ReviewEventMap {}
  interface HTMLElementEventMap {
    'review-ready': ReviewCustomEvent<'review-ready'>;
    'review-frame-change': ReviewCustomEvent<'review-frame-change'>;
    'review-comment-created': ReviewCustomEvent<'review-comment-created'>;
    'review-comment-updated': ReviewCustomEvent<'review-comment-updated'>;
    'review-comment-deleted': ReviewCustomEvent<'review-comment-deleted'>;
    'review-comment-select': ReviewCustomEvent<'review-comment-select'>;
    'review-seek-request': ReviewCustomEvent<'review-seek-request'>;
    'review-status-change-request': ReviewCustomEvent<'review-status-change-request'>;
    'review-status-changed': ReviewCustomEvent<'review-status-changed'>;
    'review-share-created': ReviewCustomEvent<'review-share-created'>;
    'review-clip-select': ReviewCustomEvent<'review-clip-select'>;
    'review-invite-request': ReviewCustomEvent<'review-invite-request'>;
    'review-viewport-change': ReviewCustomEvent<'review-viewport-change'>;
    'review-pause-request': ReviewCustomEvent<'review-pause-request'>;
    'review-overlay-band-request': ReviewCustomEvent<'review-overlay-band-request'>;
    'review-drawing-change': ReviewCustomEvent<'review-drawing-change'>;
    'review-spot-pick': ReviewCustomEvent<'review-spot-pick'>;
    'review-spot-mode': ReviewCustomEvent<'review-spot-mode'>;
    'review-spot-request': ReviewCustomEvent<'review-spot-request'>;
    'review-drawing-request': ReviewCustomEvent<'review-drawing-request'>;
    'review-settings-saved': ReviewCustomEvent<'review-settings-saved'>;
    'review-settings-save-request': ReviewCustomEvent<'review-settings-save-request'>;
    'review-compare-change': ReviewCustomEvent<'review-compare-change'>;
    'review-compare-request': ReviewCustomEvent<'review-compare-request'>;
    'review-room-request': ReviewCustomEvent<'review-room-request'>;
    'review-notification-open': ReviewCustomEvent<'review-notification-open'>;
  }
}

/**
 * Dispatches a typed, bubbling, composed event from `target`. Returns false when a listener called
 * `preventDefault()` on a cancelable event (a veto).
 */
export function emit<N extends ReviewEventName>(
  target: EventTarget,
  name: N,
  detail: ReviewEventDetails[N],
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: !!options.cancelable }));
}
