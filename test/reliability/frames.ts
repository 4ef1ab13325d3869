/**
 * wtr runs test files side by side in several pages of one browser; a page that is not in front is
 * hidden and gets no animation frames, so a virtualized list (which renders from rAF) shows nothing
 * there. Here every frame request also gets a 16 ms timer: whichever comes first runs the callback.
 * Import before the elements.
 */
const native = window.requestAnimationFrame.bind(window);
const cancelNative = window.cancelAnimationFrame.bind(window);
const pending = new Map<number, { frame: number; timer: ReturnType<typeof setTimeout> }>();
let seq = 0;

window.requestAnimationFrame = (cb: FrameRequestCallback): number => {
  const id = ++seq;
  const run = (t: number) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    cancelNative(entry.frame);
    cb(t);
  };
  pending.set(id, { frame: native(run), timer: setTimeout(() => run(performance.now()), 16) });
  return id;
};

window.cancelAnimationFrame = (id: number): void => {
  const entry = pending.get(id);
  if (!entry) return;
  pending.delete(id);
  clearTimeout(entry.timer);
  cancelNative(entry.frame);
};
