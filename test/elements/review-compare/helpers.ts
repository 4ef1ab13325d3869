import { fixture, html } from '@open-wc/testing';
import '../../../src/elements/review-compare/define.js';
import type { CompareMode, ReviewCompare } from '../../../src/elements/review-compare/review-compare.js';
import { createFixture } from '../../../src/backend/fixture.js';
import type { Clip } from '../../../src/contract/types.js';
import { frameCodeIn, pictureLuminance } from '../../media/frame-code.js';

/**
 * Two versions of one shot (scripts/make-test-media.sh): every frame shows its number in rows A/B and its
 * version in row V. v1 has 72 frames, v2 96.
 */
export function compareClips(): Clip[] {
  return createFixture({
    clips: [
      {
        id: 202,
        name: 'sh010_v002',
        url: '/test/media/compare-v2-24.mp4',
        frameCount: 96,
        fps: 24,
        width: 320,
        height: 180,
        entityId: 10,
        versionNumber: 2,
      },
      {
        id: 201,
        name: 'sh010_v001',
        url: '/test/media/compare-v1-24.mp4',
        frameCount: 72,
        fps: 24,
        width: 320,
        height: 180,
        entityId: 10,
        versionNumber: 1,
      },
      // The same media as v002 under another id: a difference of two identical pictures is black when aligned.
      {
        id: 203,
        name: 'sh010_v002_copy',
        url: '/test/media/compare-v2-24.mp4',
        frameCount: 96,
        fps: 24,
        width: 320,
        height: 180,
        entityId: 10,
        versionNumber: 0,
      },
    ],
  }).clips;
}

/** Mounts a standalone compare (A = v002, B = its previous version v001) and waits for both first frames. */
export async function mountCompare(
  options: { mode?: CompareMode; width?: number; compareId?: number; engine?: 'auto' | 'webcodecs' | 'video' } = {},
): Promise<ReviewCompare> {
  const el = await fixture<ReviewCompare>(html`<review-compare
    style="width: ${options.width ?? 640}px"
    engine=${options.engine ?? 'auto'}
    mode=${options.mode ?? 'wipe'}
    clip-id="202"
    compare-id=${options.compareId ?? 201}
    .versions=${compareClips()}
  ></review-compare>`);
  await el.ready;
  await el.seekToFrame(0);
  return el;
}

/**
 * The frame number and version a picture shows, read from its pixels; throws on a picture whose rows A and B
 * disagree (black, a blend, garbage), so a test never passes on an unreadable picture.
 */
export function readPicture(source: CanvasImageSource): { frame: number; version: number } {
  const lum = pictureLuminance(source);
  const frame = frameCodeIn(lum);
  let version = 0;
  for (let i = 0; i < 4; i++) version = (version << 1) | (lum(176 + i * 32 + 16, 132) > 128 ? 1 : 0);
  return { frame, version };
}

/** What each side of the compare shows: its picture, or null when it shows "no frame". */
export function sidesOnScreen(el: ReviewCompare): [ReturnType<typeof readPicture> | null, ReturnType<typeof readPicture> | null] {
  const read = (i: 0 | 1) => {
    const side = el.shadowRoot!.querySelector(`[part~="side-${i === 0 ? 'a' : 'b'}"]`)!;
    if (side.querySelector('[part~="no-frame"]')) return null;
    // The engine's canvas while it shows (paused, engine on), else the <video>.
    const canvas = side.querySelector<HTMLCanvasElement>('canvas[part~="picture"]');
    const picture = canvas && !canvas.hidden ? canvas : side.querySelector('video')!;
    if (getComputedStyle(picture).visibility === 'hidden') throw new Error('a hidden picture without "no frame"');
    return readPicture(picture);
  };
  return [read(0), read(1)];
}

/** The largest luminance in a band of rows of the difference canvas. */
export function differenceMax(el: ReviewCompare, y0: number, y1: number): number {
  const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[part~="difference"]')!;
  const lum = pictureLuminance(canvas);
  let max = 0;
  for (let y = y0; y <= y1; y++) for (let x = 16; x < 304; x++) max = Math.max(max, lum(x, y));
  return max;
}

export { random } from '../../media/frame-code.js';
