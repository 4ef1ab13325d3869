/**
 * Synced review rooms in memory (issue 23; docs/http-api.md, "Rooms"): one room per playlist, its
 * participants, the driver's playback and the minutes. Shared by `MemoryReviewApi` and the reference server
 * (demo/server/routes/rooms.ts), which add who the caller is and how the room reaches them.
 *
 * Every change is applied at once, in the order the calls arrive, and bumps the room's `seq`; listeners get
 * the whole room each time. So ten clip changes in a second are ten states in one order, and the last one
 * wins everywhere (a follower drops a state older than the one it holds).
 */
import { ReviewApiError } from '../contract/errors.js';
import type {
  Id,
  RoomAction,
  RoomCompareMode,
  RoomEvent,
  RoomJoin,
  RoomMinute,
  RoomMinutesFormat,
  RoomParticipant,
  RoomPlayback,
  RoomState,
  User,
} from '../contract/types.js';

/** How long a participant whose stream dropped keeps their place (and a driver control) to reconnect. */
export const ROOM_GRACE_MS = 10_000;

/** Who joins: their session (`key`: one participant per sign-in), name, and whether they may annotate. */
export interface RoomCaller {
  key: string;
  user: Pick<User, 'id' | 'name' | 'kind'>;
  annotates: boolean;
}

export interface RoomsOptions {
  /** Clips of a playlist (the clips a room may show), or null when there is no such playlist. */
  clipsOf(productionId: string, plId: Id): Id[] | null;
  graceMs?: number;
  now?: () => number;
}

type Listener = (event: RoomEvent) => void;

interface Member {
  key: string;
  participant: RoomParticipant;
  annotates: boolean;
  streams: Set<Listener>;
  grace?: ReturnType<typeof setTimeout>;
}

interface Room {
  productionId: string;
  playlistId: Id;
  seq: number;
  driverId: string | null;
  members: Map<string, Member>;
  playback: RoomPlayback;
  open: boolean;
  minutes: RoomMinute[];
  /** Who drove last: the one who may still export the minutes after the room closed. */
  lastDriverKey: string | null;
}

const COMPARE_MODES: readonly RoomCompareMode[] = ['off', 'toggle', 'wipe', 'side-by-side', 'difference', 'blend'];

const forbidden = (message: string) => new ReviewApiError(403, 'FORBIDDEN', message);
const badRequest = (field: string, message: string) => new ReviewApiError(400, 'BAD_REQUEST', message, field);

let participantCounter = 0;

export class Rooms {
  readonly #rooms = new Map<string, Room>();
  readonly #options: Required<RoomsOptions>;

  constructor(options: RoomsOptions) {
    this.#options = { graceMs: ROOM_GRACE_MS, now: Date.now, ...options };
  }

  /** The room of a playlist as it is, or null when nobody opened it. */
  state(productionId: string, plId: Id): RoomState | null {
    const room = this.#rooms.get(roomKey(productionId, plId));
    return room && room.open ? snapshot(room) : null;
  }

  /** Enters the room (opening it if needed: the first in drives); joining again keeps one's place and role. */
  join(productionId: string, plId: Id, caller: RoomCaller): RoomJoin {
    if (!this.#options.clipsOf(productionId, plId)) throw new ReviewApiError(404, 'NOT_FOUND', `no playlist ${plId}`, 'plId');
    let room = this.#rooms.get(roomKey(productionId, plId));
    if (!room || !room.open) {
      room = newRoom(productionId, plId, this.#options.now());
      this.#rooms.set(roomKey(productionId, plId), room);
    }
    let member = memberByKey(room, caller.key);
    if (!member) {
      const id = `p${++participantCounter}-${Math.random().toString(36).slice(2, 8)}`;
      member = {
        key: caller.key,
        annotates: caller.annotates,
        streams: new Set(),
        participant: {
          id,
          userId: caller.user.id,
          name: caller.user.name,
          kind: caller.user.kind,
          role: caller.annotates ? 'annotator' : 'viewer',
          clipId: room.playback.clipId,
          frame: room.playback.frame,
          connected: false,
          asksControl: false,
        },
      };
      room.members.set(id, member);
      if (!room.driverId) this.#setDriver(room, member);
      this.#log(room, 'joined', member, '');
    }
    // Until a stream attaches, the place is held for the grace only.
    if (member.streams.size === 0) this.#startGrace(room, member);
    this.#changed(room);
    return { participantId: member.participant.id, state: snapshot(room) };
  }

  /** Leaves at once; a driver who leaves hands control to the next participant. */
  leave(productionId: string, plId: Id, key: string): void {
    const room = this.#rooms.get(roomKey(productionId, plId));
    const member = room && memberByKey(room, key);
    if (room && member) this.#remove(room, member, 'removed', false);
  }

  /** Applies a participant's action; answers the room after it. */
  act(productionId: string, plId: Id, key: string, action: RoomAction): RoomState {
    const room = this.#rooms.get(roomKey(productionId, plId));
    const member = room && room.open ? memberByKey(room, key) : undefined;
    if (!room || !member) throw new ReviewApiError(409, 'CONFLICT', 'you are not in this room: join it first');
    const drives = room.driverId === member.participant.id;
    const driverOnly = (what: string) => {
      if (!drives) throw forbidden(`only the driver may ${what}; ask for control first`);
    };
    switch (action.type) {
      case 'playback':
        driverOnly('control playback');
        this.#playback(room, member, action.changes, this.#options.clipsOf(productionId, plId) ?? []);
        break;
      case 'hand-over': {
        driverOnly('hand control over');
        const to = room.members.get(action.to);
        if (!to) throw badRequest('to', `participant ${action.to} is not in the room`);
        if (to !== member) {
          this.#setDriver(room, to);
          this.#log(room, 'hand-over', member, to.participant.name);
        }
        break;
      }
      case 'ask-control':
        if (drives) throw badRequest('type', 'the driver already has control');
        member.participant = { ...member.participant, asksControl: action.ask === true };
        break;
      case 'decline': {
        driverOnly('answer a request for control');
        const who = room.members.get(action.participantId);
        if (who) who.participant = { ...who.participant, asksControl: false };
        break;
      }
      case 'where':
        if (!Number.isInteger(action.frame) || action.frame < 0) throw badRequest('frame', 'frame must be a whole number ≥ 0');
        member.participant = { ...member.participant, clipId: action.clipId ?? null, frame: action.frame };
        break;
      case 'close':
        driverOnly('close the room');
        this.#log(room, 'closed', member, '');
        room.open = false;
        for (const m of [...room.members.values()]) this.#remove(room, m, 'closed', true);
        room.seq++;
        return snapshot(room);
      default:
        throw badRequest('type', 'unknown action');
    }
    this.#changed(room);
    return snapshot(room);
  }

  /**
   * A stream of the participant `key`: gets the room now and on every change, and `room.ended` when their
   * place ends. Returns null when `key` is not in the room (never joined, or the grace ran out).
   */
  attach(productionId: string, plId: Id, key: string, listener: Listener): (() => void) | null {
    const room = this.#rooms.get(roomKey(productionId, plId));
    const member = room && room.open ? memberByKey(room, key) : undefined;
    if (!room || !member) return null;
    clearTimeout(member.grace);
    member.grace = undefined;
    member.streams.add(listener);
    if (!member.participant.connected) {
      member.participant = { ...member.participant, connected: true };
      this.#changed(room);
    } else listener({ type: 'room.state', state: snapshot(room) });
    return () => {
      if (!member.streams.delete(listener) || member.streams.size > 0 || !room.members.has(member.participant.id)) return;
      member.participant = { ...member.participant, connected: false };
      this.#startGrace(room, member);
      this.#changed(room);
    };
  }

  /**
   * Access changed (a logout, a share revoked or changed): every participant for whom `allowed` now says
   * no is out at once, their streams told why.
   */
  recheck(allowed: (productionId: string, plId: Id, key: string) => boolean): void {
    for (const room of this.#rooms.values()) {
      if (!room.open) continue;
      for (const member of [...room.members.values()]) {
        if (!allowed(room.productionId, room.playlistId, member.key)) this.#remove(room, member, 'not-allowed', false);
      }
    }
  }

  /** Something happened in the production that the minutes keep (a note written, a status changed). */
  record(productionId: string, clipId: Id, kind: 'note' | 'status', who: string, frame: number | null, text: string): void {
    for (const room of this.#rooms.values()) {
      if (!room.open || room.productionId !== productionId) continue;
      if (!(this.#options.clipsOf(productionId, room.playlistId) ?? []).includes(clipId)) continue;
      room.minutes.push({ at: new Date(this.#options.now()).toISOString(), kind, who, clipId, frame, text });
    }
  }

  /** The minutes, for the driver (or, once the room is closed, whoever drove last). */
  minutes(productionId: string, plId: Id, key: string): RoomMinute[] {
    const room = this.#rooms.get(roomKey(productionId, plId));
    if (!room) throw new ReviewApiError(404, 'NOT_FOUND', `no room for playlist ${plId}`, 'plId');
    const driver = room.driverId ? room.members.get(room.driverId) : undefined;
    const mayExport = room.open ? driver?.key === key : room.lastDriverKey === key;
    if (!mayExport) throw forbidden('only the driver may export the minutes');
    return room.minutes.map((m) => ({ ...m }));
  }

  /** Stops every grace timer (a server closing). */
  dispose(): void {
    for (const room of this.#rooms.values()) for (const m of room.members.values()) clearTimeout(m.grace);
    this.#rooms.clear();
  }

  #playback(room: Room, member: Member, changes: Partial<Omit<RoomPlayback, 'at'>>, clips: Id[]): void {
    if (!changes || typeof changes !== 'object') throw badRequest('changes', 'changes must be an object');
    const before = room.playback;
    const next: RoomPlayback = { ...before };
    if (changes.clipId !== undefined) {
      if (changes.clipId !== null && !clips.includes(changes.clipId))
        throw badRequest('changes.clipId', `clip ${changes.clipId} is not in the room's playlist`);
      next.clipId = changes.clipId;
      if (changes.frame === undefined) next.frame = 0;
    }
    if (changes.frame !== undefined) {
      if (!Number.isInteger(changes.frame) || changes.frame < 0) throw badRequest('changes.frame', 'frame must be a whole number ≥ 0');
      next.frame = changes.frame;
    }
    if (changes.playing !== undefined) next.playing = changes.playing === true;
    if (changes.rate !== undefined) {
      if (!(typeof changes.rate === 'number' && changes.rate >= 0.1 && changes.rate <= 16))
        throw badRequest('changes.rate', 'rate must be 0.1 to 16');
      next.rate = changes.rate;
    }
    if (changes.compare !== undefined) {
      if (!COMPARE_MODES.includes(changes.compare))
        throw badRequest('changes.compare', `compare must be one of ${COMPARE_MODES.join(', ')}`);
      next.compare = changes.compare;
    }
    if (changes.compareClipId !== undefined) {
      if (changes.compareClipId !== null && !clips.includes(changes.compareClipId)) {
        throw badRequest('changes.compareClipId', `clip ${changes.compareClipId} is not in the room's playlist`);
      }
      next.compareClipId = changes.compareClipId;
    }
    if (changes.loop !== undefined) {
      const l = changes.loop;
      if (l !== null && !(Number.isInteger(l.in) && Number.isInteger(l.out) && l.in >= 0 && l.out >= l.in)) {
        throw badRequest('changes.loop', 'loop must be null or {in, out} whole frames with in ≤ out');
      }
      next.loop = l ? { in: l.in, out: l.out } : null;
    }
    if (changes.zoom !== undefined) {
      const z = changes.zoom;
      const unit = (v: number) => typeof v === 'number' && v >= 0 && v <= 1;
      if (!z || !(typeof z.scale === 'number' && z.scale >= 0.1 && z.scale <= 64 && unit(z.x) && unit(z.y))) {
        throw badRequest('changes.zoom', 'zoom must be {scale 0.1–64, x 0–1, y 0–1}');
      }
      next.zoom = { scale: z.scale, x: z.x, y: z.y };
    }
    next.at = this.#options.now();
    room.playback = next;
    // The driver is where the room is.
    member.participant = { ...member.participant, clipId: next.clipId, frame: next.frame };
    if (next.clipId !== before.clipId) this.#log(room, 'clip', member, '');
    if (next.compare !== before.compare || next.compareClipId !== before.compareClipId) this.#log(room, 'compare', member, next.compare);
    if (next.playing && !before.playing) this.#log(room, 'play', member, '');
    else if (!next.playing && before.playing) this.#log(room, 'pause', member, '');
    else if (!next.playing && next.clipId === before.clipId && next.frame !== before.frame) this.#log(room, 'frame', member, '');
  }

  #setDriver(room: Room, member: Member): void {
    const old = room.driverId ? room.members.get(room.driverId) : undefined;
    if (old) old.participant = { ...old.participant, role: old.annotates ? 'annotator' : 'viewer' };
    member.participant = { ...member.participant, role: 'driver', asksControl: false };
    room.driverId = member.participant.id;
    room.lastDriverKey = member.key;
  }

  #startGrace(room: Room, member: Member): void {
    clearTimeout(member.grace);
    member.grace = setTimeout(() => {
      if (room.members.get(member.participant.id) === member && member.streams.size === 0) this.#remove(room, member, 'removed', false);
    }, this.#options.graceMs);
  }

  /** Takes a member out; the driver's control passes on (a studio user first). */
  #remove(room: Room, member: Member, reason: 'closed' | 'removed' | 'not-allowed', closing: boolean): void {
    clearTimeout(member.grace);
    if (!room.members.delete(member.participant.id)) return;
    for (const stream of [...member.streams]) stream({ type: 'room.ended', reason });
    member.streams.clear();
    if (closing) return;
    this.#log(room, 'left', member, '');
    if (room.driverId === member.participant.id) {
      room.driverId = null;
      const rest = [...room.members.values()];
      const next =
        rest.find((m) => m.participant.kind === 'studio' && m.participant.connected) ??
        rest.find((m) => m.participant.connected) ??
        rest[0];
      if (next) {
        this.#setDriver(room, next);
        this.#log(room, 'hand-over', member, next.participant.name);
      }
    }
    this.#changed(room);
  }

  #log(room: Room, kind: RoomMinute['kind'], member: Member, text: string): void {
    const at = new Date(this.#options.now()).toISOString();
    const { clipId, frame } = room.playback;
    const last = room.minutes.at(-1);
    // A run of steps or seeks by the same driver is one line: where they stopped.
    if (kind === 'frame' && last?.kind === 'frame' && last.who === member.participant.name && last.clipId === clipId) {
      room.minutes[room.minutes.length - 1] = { ...last, at, frame };
      return;
    }
    room.minutes.push({ at, kind, who: member.participant.name, clipId, frame: kind === 'joined' || kind === 'left' ? null : frame, text });
  }

  #changed(room: Room): void {
    room.seq++;
    const state = snapshot(room);
    for (const member of room.members.values()) for (const stream of [...member.streams]) stream({ type: 'room.state', state });
  }
}

/** The minutes as a Markdown document or JSON text; `clipName` names clips (their version name). */
export function formatRoomMinutes(
  minutes: readonly RoomMinute[],
  format: RoomMinutesFormat,
  names: { title: string; clipName: (id: Id) => string },
): string {
  if (format === 'json') return JSON.stringify({ title: names.title, minutes }, null, 2);
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const what = (m: RoomMinute): string => {
    const clip = m.clipId !== null ? names.clipName(m.clipId) : '';
    const at = m.frame !== null ? ` at frame ${m.frame}` : '';
    switch (m.kind) {
      case 'joined':
        return 'joined';
      case 'left':
        return 'left';
      case 'clip':
        return `showed ${clip}`;
      case 'frame':
        return `stopped on ${clip}${at}`;
      case 'play':
        return `played ${clip} from frame ${m.frame}`;
      case 'pause':
        return `paused ${clip}${at}`;
      case 'compare':
        return `compare: ${m.text}`;
      case 'hand-over':
        return `handed control to ${m.text}`;
      case 'note':
        return `wrote on ${clip}${at}: “${m.text}”`;
      case 'status':
        return `set ${clip} to ${m.text}`;
      case 'closed':
        return 'closed the room';
    }
  };
  const rows = minutes.map((m) => `| ${m.at.slice(11, 19)} | ${cell(m.who)} | ${cell(what(m))} |`);
  const day = minutes[0]?.at.slice(0, 10) ?? '';
  return [
    `# ${cell(names.title)}`,
    '',
    day ? `Review room, ${day} (UTC)` : 'Review room',
    '',
    '| time | who | what |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function roomKey(productionId: string, plId: Id): string {
  return `${productionId}\u0000${plId}`;
}

function memberByKey(room: Room, key: string): Member | undefined {
  for (const m of room.members.values()) if (m.key === key) return m;
  return undefined;
}

function newRoom(productionId: string, playlistId: Id, now: number): Room {
  return {
    productionId,
    playlistId,
    seq: 0,
    driverId: null,
    members: new Map(),
    open: true,
    minutes: [],
    lastDriverKey: null,
    playback: {
      clipId: null,
      frame: 0,
      playing: false,
      rate: 1,
      at: now,
      compare: 'off',
      compareClipId: null,
      loop: null,
      zoom: { scale: 1, x: 0.5, y: 0.5 },
    },
  };
}

function snapshot(room: Room): RoomState {
  return {
    id: `pl${room.playlistId}`,
    playlistId: room.playlistId,
    seq: room.seq,
    driverId: room.driverId,
    participants: [...room.members.values()].map((m) => ({ ...m.participant })),
    playback: { ...room.playback, loop: room.playback.loop && { ...room.playback.loop }, zoom: { ...room.playback.zoom } },
    open: room.open,
  };
}
