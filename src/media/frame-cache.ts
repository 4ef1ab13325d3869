/**
 * Decoded frames around the playhead, within a memory budget. The cache owns every frame it holds and
 * closes a frame when it evicts it (a `VideoFrame` left open pins decoder memory until GC, if ever).
 *
 * Eviction keeps what a reviewer needs next: frames inside the window (`behind` frames before the focus,
 * `ahead` after it) before anything else, then the nearest to the focus. A frame farther than everything
 * held is refused (closed at once) when the budget is full, unless the caller pins it (a frame someone
 * asked for is always kept, even if it alone exceeds the budget).
 */

/** What a cache needs of a frame: a `VideoFrame` satisfies it (tests may pass fakes). */
export interface CacheableFrame {
  close(): void;
  readonly codedWidth: number;
  readonly codedHeight: number;
  allocationSize?(): number;
}

/** Bytes a frame holds: its allocation size when the browser can tell, else 4:2:0 8-bit (1.5 bytes/pixel). */
export function frameBytes(frame: CacheableFrame): number {
  try {
    const size = frame.allocationSize?.();
    if (size && size > 0) return size;
  } catch {
    // format null (an opaque GPU frame): estimate
  }
  return Math.ceil(frame.codedWidth * frame.codedHeight * 1.5);
}

/** 256 MiB: about 80 frames of 1080p 4:2:0, 20 of UHD. */
export const DEFAULT_BUDGET_BYTES = 256 * 1024 * 1024;

export class FrameCache<F extends CacheableFrame = VideoFrame> {
  private readonly frames = new Map<number, { frame: F; bytes: number }>();
  private used = 0;
  private budgetBytes: number;
  /** Frames closed by this cache (evicted, refused, cleared): for leak accounting. */
  closed = 0;
  /** The playhead eviction is measured from. */
  focus = 0;
  /** Frames before / after the focus kept before any other. */
  behind = 0;
  ahead = 0;

  constructor(budgetBytes = DEFAULT_BUDGET_BYTES) {
    this.budgetBytes = budgetBytes;
  }

  get budget(): number {
    return this.budgetBytes;
  }

  /** A new budget; shrinking evicts (closes) the frames farthest from the focus at once. */
  set budget(bytes: number) {
    this.budgetBytes = Math.max(0, bytes);
    this.evictTo(this.budgetBytes);
  }

  get size(): number {
    return this.frames.size;
  }

  get bytes(): number {
    return this.used;
  }

  has(index: number): boolean {
    return this.frames.has(index);
  }

  get(index: number): F | undefined {
    return this.frames.get(index)?.frame;
  }

  indices(): number[] {
    return [...this.frames.keys()].sort((a, b) => a - b);
  }

  /**
   * Adds frame `index`; the cache owns it from now on. Returns false when the frame was refused and closed
   * (the budget is full of nearer frames). A `pin`ned frame is always kept. A duplicate closes the newcomer.
   */
  put(index: number, frame: F, pin = false): boolean {
    if (this.frames.has(index)) {
      this.release(frame);
      return true;
    }
    const bytes = frameBytes(frame);
    const rank = this.rank(index);
    while (this.used + bytes > this.budgetBytes && this.frames.size > 0) {
      const worst = this.worst();
      if (!pin && this.rank(worst) <= rank) {
        this.release(frame);
        return false;
      }
      this.evict(worst);
    }
    if (!pin && bytes > this.budgetBytes) {
      this.release(frame);
      return false;
    }
    this.frames.set(index, { frame, bytes });
    this.used += bytes;
    return true;
  }

  /** Evicts the frames ranked worst until at most `bytes` are held. */
  evictTo(bytes: number): void {
    while (this.used > bytes && this.frames.size > 0) this.evict(this.worst());
  }

  /** Closes every frame. */
  clear(): void {
    for (const index of [...this.frames.keys()]) this.evict(index);
  }

  /** Lower is kept longer: inside the window by distance, then outside it by distance. */
  private rank(index: number): number {
    const d = index - this.focus;
    const inside = d >= -this.behind && d <= this.ahead;
    return (inside ? 0 : 1e9) + Math.abs(d);
  }

  private worst(): number {
    let worst = -1;
    let worstRank = -1;
    for (const index of this.frames.keys()) {
      const r = this.rank(index);
      if (r > worstRank) {
        worst = index;
        worstRank = r;
      }
    }
    return worst;
  }

  private evict(index: number): void {
    const entry = this.frames.get(index);
    if (!entry) return;
    this.frames.delete(index);
    this.used -= entry.bytes;
    this.release(entry.frame);
  }

  private release(frame: F): void {
    frame.close();
    this.closed++;
  }
}
