/**
 * Reading the frame-coded test pictures (scripts/make-test-media.sh) back from their pixels: row A holds the
 * frame number in 12 bits (MSB left), row B the same bits inverted. Shared by the player, engine and compare
 * tests.
 */

let canvas: HTMLCanvasElement | undefined;

/** The luminance (green channel) of `source` drawn at 320×180. */
export function pictureLuminance(source: CanvasImageSource): (x: number, y: number) => number {
  canvas ??= document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.clearRect(0, 0, 320, 180);
  ctx.drawImage(source, 0, 0, 320, 180);
  const { data } = ctx.getImageData(0, 0, 320, 180);
  return (x, y) => data[(y * 320 + x) * 4 + 1];
}

/**
 * The frame number a picture shows. Throws when rows A and B agree on a bit (black, a blend, garbage), so a
 * test can never pass on an unreadable picture.
 */
export function frameCodeIn(lum: (x: number, y: number) => number): number {
  let value = 0;
  for (let i = 0; i < 12; i++) {
    const x = 16 + i * 24 + 12;
    const a = lum(x, 32) > 128;
    const b = lum(x, 84) > 128;
    if (a === b) throw new Error(`unreadable picture: bit ${i} rows agree (${lum(x, 32)}, ${lum(x, 84)})`);
    value = (value << 1) | (a ? 1 : 0);
  }
  return value;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
export function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
