import { toApiError, type ReviewApiError } from '../contract/errors.js';
import type { ReviewApi } from '../contract/review-api.js';
import type { Id, RoomAction, RoomEvent, RoomMinutesFormat, RoomPlayback, RoomState } from '../contract/types.js';
import { Store } from './store.js';
import type { ReviewStore } from './review-store.js';

/**
 * Where one's place in a room stands: `idle` (not in), `joining`, `joined`, `reconnecting` (the stream
 * dropped; the server holds the place 10 s), `ended` (the room closed, or one left it), `not-allowed`
 * (refused, or taken out: a revoked share, a logout), `error` (the join failed otherwise).
 */
export type RoomStatus = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'ended' | 'not-allowed' | 'error';

export interface RoomView {
  status: RoomStatus;
  /** The playlist whose room this is. */
  playlistId: Id | null;
  room: RoomState | null;
  /** My participant id. */
  me: string | null;
  /** Why the last join or action failed (shown by `<review-room>`); null when none did. */
  error: ReviewApiError | null;
}

/** What `<review-room>` asks of the session's room (`review-room-request`). */
export type RoomRequest =
  | { action: 'join'; playlistId: Id }
  | { action: 'leave' }
  | { action: 'hand-over'; to: string }
  | { action: 'ask-control'; ask: boolean }
  | { action: 'decline'; participantId: string }
  | { action: 'close' }
  | { action: 'export'; format: RoomMinutesFormat; reply: (text: Promise<string>) => void };

export const ROOM_IDLE: RoomView = { status: 'idle', playlistId: null, room: null, me: null, error: null };

/**
 * A `<review-session>`'s place in a synced review room (issue 23; docs/architecture.md, "Rooms"). It is not
 * a special path into the player: as a follower it calls the review store's own request methods —
 * `selectClip` and `seek`, what `review-clip-select` and `review-seek-request` map to — and the player
 * follows as it follows any request. As the driver it watches the same store (the clip on show, the frame
 * on screen) and publishes each change, one request in flight at a time, the latest winning.
 */
export class RoomStore extends Store<RoomView> {
  readonly #api: ReviewApi;
  readonly #review: ReviewStore;
  #unsubscribe: (() => void) | null = null;
  readonly #unwatch: Array<() => void> = [];
  /** Playback changes waiting to be sent (the driver's), merged; one request in flight. */
  #outbox: Partial<Omit<RoomPlayback, 'at'>> | null = null;
  #sending = false;
  /** The room's playback this follower last applied (its `at` tells a new driver action). */
  #applied: RoomPlayback | null = null;

  constructor(api: ReviewApi, review: ReviewStore) {
    super(ROOM_IDLE);
    this.#api = api;
    this.#review = review;
  }

  /** True when I drive the room. */
  get drives(): boolean {
    const { room, me } = this.state;
    return !!room && !!me && room.driverId === me;
  }

  /** Handles a request from `<review-room>`. */
  request(r: RoomRequest): void {
    switch (r.action) {
      case 'join':
        void this.join(r.playlistId);
        break;
      case 'leave':
        void this.leave();
        break;
      case 'export':
        r.reply(this.exportMinutes(r.format));
        break;
      case 'hand-over':
        void this.#act({ type: 'hand-over', to: r.to });
        break;
      case 'ask-control':
        void this.#act({ type: 'ask-control', ask: r.ask });
        break;
      case 'decline':
        void this.#act({ type: 'decline', participantId: r.participantId });
        break;
      case 'close':
        void this.#act({ type: 'close' });
        break;
    }
  }

  async join(playlistId: Id): Promise<void> {
    const api = this.#api;
    if (!api.joinRoom || !api.subscribeRoom) {
      this.setState({
        ...ROOM_IDLE,
        playlistId,
        status: 'error',
        error: toApiError(new Error('this backend has no review rooms'), 'CONFIG'),
      });
      return;
    }
    this.#stop();
    this.setState({ ...ROOM_IDLE, playlistId, status: 'joining' });
    try {
      const joined = await api.joinRoom(playlistId);
      if (this.state.playlistId !== playlistId || this.state.status !== 'joining') return;
      this.setState({ ...this.state, status: 'joined', me: joined.participantId });
      this.#receive(joined.state);
      this.#unsubscribe = api.subscribeRoom(
        playlistId,
        (event) => this.#onEvent(event),
        (connected) => {
          const status = this.state.status;
          if (status === 'joined' || status === 'reconnecting')
            this.setState({ ...this.state, status: connected ? 'joined' : 'reconnecting' });
        },
      );
      this.#watch();
    } catch (e) {
      const error = toApiError(e);
      this.setState({ ...this.state, status: error.status === 403 ? 'not-allowed' : 'error', error });
    }
  }

  async leave(): Promise<void> {
    const playlistId = this.state.playlistId;
    const wasIn = this.state.status === 'joined' || this.state.status === 'reconnecting';
    this.#stop();
    this.setState({ ...this.state, status: 'ended', room: null });
    if (wasIn && playlistId !== null) await this.#api.leaveRoom?.(playlistId).catch(() => undefined);
  }

  exportMinutes(format: RoomMinutesFormat): Promise<string> {
    const playlistId = this.state.playlistId;
    if (playlistId === null || !this.#api.exportRoomMinutes) return Promise.reject(toApiError(new Error('not in a room'), 'CONFIG'));
    return this.#api.exportRoomMinutes(playlistId, format);
  }

  dispose(): void {
    const wasIn = this.state.status === 'joined' || this.state.status === 'reconnecting';
    const playlistId = this.state.playlistId;
    this.#stop();
    if (wasIn && playlistId !== null) void this.#api.leaveRoom?.(playlistId).catch(() => undefined);
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    for (const stop of this.#unwatch.splice(0)) stop();
    this.#outbox = null;
    this.#applied = null;
  }

  #onEvent(event: RoomEvent): void {
    if (event.type === 'room.state') {
      this.#receive(event.state);
      return;
    }
    this.#stop();
    this.setState({
      ...this.state,
      status: event.reason === 'not-allowed' ? 'not-allowed' : 'ended',
      room: this.state.room && { ...this.state.room, open: event.reason !== 'closed' ? this.state.room.open : false },
    });
  }

  /** A state of the room: an older one than held is stale (the last write wins everywhere). */
  #receive(room: RoomState): void {
    const held = this.state.room;
    if (held && held.playlistId === room.playlistId && room.seq <= held.seq) return;
    this.setState({ ...this.state, room });
    if (!this.drives) this.#follow(room.playback);
  }

  /** As a follower: the driver's picture, through the review store's own requests. */
  #follow(playback: RoomPlayback): void {
    const before = this.#applied;
    if (before && before.at === playback.at && before.clipId === playback.clipId && before.frame === playback.frame) return;
    this.#applied = playback;
    if (playback.clipId === null) return;
    if (this.#review.navigation.state.clipId !== playback.clipId) this.#review.selectClip(playback.clipId);
    const head = this.#review.playhead.state;
    if (head.clipId !== playback.clipId || head.frame !== playback.frame || !before) this.#review.seek(playback.frame, playback.clipId);
  }

  /** As the driver: what the review store shows goes to the room. */
  #watch(): void {
    let clipId = this.#review.navigation.state.clipId;
    this.#unwatch.push(
      this.#review.navigation.subscribe((nav) => {
        if (nav.clipId === clipId) return;
        clipId = nav.clipId;
        if (this.drives && nav.clipId !== null) this.#publish({ clipId: nav.clipId, frame: 0 });
      }),
      this.#review.playhead.subscribe((head) => {
        const room = this.state.room;
        if (!this.drives && room && head.clipId !== null) this.#reportWhere(head.clipId, head.frame);
        if (!this.drives || !room || head.clipId === null || head.clipId !== (this.#review.navigation.state.clipId ?? head.clipId)) return;
        const pending = this.#outbox;
        const target = pending?.frame ?? (pending?.clipId === undefined ? room.playback.frame : undefined);
        if (head.clipId === room.playback.clipId && head.frame === target) return;
        this.#publish({ clipId: head.clipId, frame: head.frame });
      }),
    );
    // A new driver publishes where it is, so the room starts from what the driver sees.
    this.#unwatch.push(
      this.subscribe((view) => {
        if (view.room && this.drives && view.room.playback.clipId === null && this.#review.navigation.state.clipId !== null) {
          this.#publish({ clipId: this.#review.navigation.state.clipId, frame: this.#review.playhead.state.frame });
        }
      }),
    );
    if (this.drives && this.state.room?.playback.clipId === null && clipId !== null) {
      this.#publish({ clipId, frame: this.#review.playhead.state.frame });
    }
  }

  /** A follower's place as its player reports it (shown in the list), one request in flight, the latest sent. */
  #where: { clipId: Id; frame: number } | null = null;
  #whereSending = false;
  #reportWhere(clipId: Id, frame: number): void {
    this.#where = { clipId, frame };
    if (this.#whereSending) return;
    const playlistId = this.state.playlistId;
    if (playlistId === null || !this.#api.sendRoomAction) return;
    this.#whereSending = true;
    void (async () => {
      while (this.#where) {
        const where = this.#where;
        this.#where = null;
        await this.#api.sendRoomAction!(playlistId, { type: 'where', ...where }).then(
          (room) => this.#receive(room),
          () => undefined,
        );
      }
      this.#whereSending = false;
    })();
  }

  #publish(changes: Partial<Omit<RoomPlayback, 'at'>>): void {
    this.#outbox = { ...this.#outbox, ...changes };
    if (!this.#sending) void this.#flush();
  }

  async #flush(): Promise<void> {
    const playlistId = this.state.playlistId;
    if (playlistId === null || !this.#api.sendRoomAction) return;
    this.#sending = true;
    try {
      while (this.#outbox) {
        const changes = this.#outbox;
        this.#outbox = null;
        try {
          this.#receive(await this.#api.sendRoomAction(playlistId, { type: 'playback', changes }));
        } catch (e) {
          // No longer the driver (handed over meanwhile): the room's state says so; anything else is shown.
          const error = toApiError(e);
          if (error.status !== 403) this.setState({ ...this.state, error });
        }
      }
    } finally {
      this.#sending = false;
    }
  }

  async #act(action: RoomAction): Promise<void> {
    const playlistId = this.state.playlistId;
    if (playlistId === null || !this.#api.sendRoomAction) return;
    try {
      const room = await this.#api.sendRoomAction(playlistId, action);
      this.setState({ ...this.state, error: null });
      this.#receive(room);
      if (action.type === 'close') this.#onEvent({ type: 'room.ended', reason: 'closed' });
    } catch (e) {
      this.setState({ ...this.state, error: toApiError(e) });
    }
  }
}
