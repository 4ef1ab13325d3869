import { fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/elements/review-player/define.js';
import type { ReviewPlayer } from '../../../src/elements/review-player/review-player.js';
import { frameCodeIn, pictureLuminance } from '../../media/frame-code.js';

/** The generated clips of test/media (scripts/make-test-media.sh): every frame shows its number in bits. */
export const CLIPS = [
  { name: 'bars-24.mp4', fps: '24', frames: 96 },
  { name: 'bars-25.mp4', fps: '25', frames: 100 },
  { name: 'bars-2997.mp4', fps: '29.97', frames: 120 },
  { name: 'bars-23976.mp4', fps: '24000/1001', frames: 96 },
  { name: 'bars-24.webm', fps: '24', frames: 96 },
  { name: 'bars-25.webm', fps: '25', frames: 100 },
  { name: 'bars-2997.webm', fps: '30000/1001', frames: 120 },
  { name: 'bars-23976.webm', fps: '23.976', frames: 96 },
] as const;

export const media = (name: string) => `/test/media/${name}`;

/** Mounts a standalone player and waits until its first frame is on screen. */
export async function mountPlayer(clip: { name: string; fps: string; frames: number }, engine = 'auto'): Promise<ReviewPlayer> {
  const el = await fixture<ReviewPlayer>(html`<review-player
    style="width: 640px"
    engine=${engine}
    src=${media(clip.name)}
    fps=${clip.fps}
    frame-count=${clip.frames}
  ></review-player>`);
  if (el.frameCount === 0 || !el.shadowRoot!.querySelector('[part~="timeline"][aria-disabled="false"]')) {
    await oneEvent(el, 'review-ready');
  }
  return el;
}

/**
 * The picture the player shows right now: the frame engine's `<canvas>` when it is displayed (paused with
 * the WebCodecs engine), else the `<video>`.
 */
export function pictureOnScreen(player: ReviewPlayer): HTMLCanvasElement | HTMLVideoElement {
  const canvas = player.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[part~="canvas"]');
  if (canvas && getComputedStyle(canvas).display !== 'none') return canvas;
  const video = player.shadowRoot!.querySelector('video');
  if (!video) throw new Error('no <video> in the player');
  return video;
}

/**
 * Reads the frame number drawn in the picture on screen (`pictureOnScreen`): row A holds 12 bits (MSB
 * left), row B the same bits inverted. Throws when the rows disagree (a blend or garbage), so a test can
 * never pass on an unreadable picture.
 */
export function frameOnScreen(player: ReviewPlayer): number {
  return frameCodeIn(pictureLuminance(pictureOnScreen(player)));
}

export { random } from '../../media/frame-code.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
