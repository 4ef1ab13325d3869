/**
 * In-process fan-out of review events to the Server-Sent Events streams, per production. A short history
 * lets a reconnecting EventSource (which sends `Last-Event-ID`) catch up on what it missed; ids carry the
 * process's boot id, so after a restart a stale id simply replays nothing.
 */
import { randomBytes } from 'node:crypto';
import type { ReviewEvent } from '../../src/contract/types.js';

export interface HubEntry {
  id: string;
  productionId: string;
  event: ReviewEvent;
  /** `internal`: a deletion of internal comments (the ids alone would not tell a client filter). */
  meta: { internal?: boolean };
}

type Listener = (entry: HubEntry) => void;

export class EventHub {
  private readonly boot = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly history: HubEntry[] = [];
  private readonly listeners = new Map<Listener, string>();
  private readonly accessListeners = new Set<() => void>();

  constructor(private readonly historySize = 500) {}

  publish(productionId: string, event: ReviewEvent, meta: HubEntry['meta'] = {}): void {
    const entry = { id: `${this.boot}-${++this.seq}`, productionId, event, meta };
    this.history.push(entry);
    if (this.history.length > this.historySize) this.history.shift();
    for (const [listener, pid] of this.listeners) if (pid === productionId) listener(entry);
  }

  /** Listens to a production; first replays what came after `lastEventId` when it is still known. */
  subscribe(productionId: string, listener: Listener, lastEventId?: string): () => void {
    if (lastEventId) {
      const at = this.history.findIndex((e) => e.id === lastEventId);
      if (at >= 0) for (const e of this.history.slice(at + 1)) if (e.productionId === productionId) listener(e);
    }
    this.listeners.set(listener, productionId);
    return () => this.listeners.delete(listener);
  }

  /**
   * Sessions or shares changed (logout, revocation, expiry or password change of a share, its settings):
   * every open stream checks its caller again at once instead of at its next event.
   */
  accessChanged(): void {
    for (const listener of this.accessListeners) listener();
  }

  onAccessChange(listener: () => void): () => void {
    this.accessListeners.add(listener);
    return () => this.accessListeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
