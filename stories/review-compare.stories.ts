import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import type { CompareMode, ReviewCompare } from '../src/elements/review-compare/review-compare.js';
import { createDemoFixture } from '../demo/fixture.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-compare/define.js';

/**
 * The demo's shot hm_010_0040: v012 (A) against v011 (B, its previous version). Each picture shows its
 * version (top right) and its frame number; each version moves the yellow box, so a difference shows it.
 */
const compare = (
  mode: CompareMode,
  options: { clipId?: number; width?: string; compareId?: number; engine?: 'auto' | 'webcodecs' | 'video' } = {},
) =>
  html`<review-session .api=${new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 })}>
    <review-compare
      style="max-width: ${options.width ?? '880px'}"
      clip-id=${options.clipId ?? 101}
      .compareId=${options.compareId ?? null}
      mode=${mode}
      engine=${options.engine ?? 'auto'}
    ></review-compare>
  </review-session>
  <p class="engine-note"></p>`;

/** Waits for both versions, then shows frame `frame` on both sides. */
async function showFrame(canvas: HTMLElement, frame: number): Promise<void> {
  const el = canvas.querySelector<ReviewCompare>('review-compare')!;
  for (let i = 0; i < 200 && !el.clipB; i++) await new Promise((r) => setTimeout(r, 20));
  await el.ready;
  await el.seekToFrame(frame);
}

const meta: Meta = {
  title: 'Elements/review-compare',
  component: 'review-compare',
  parameters: {
    docs: {
      description: {
        component:
          'Two versions of a shot in lockstep to the frame: A/B toggle (T), wipe (drag the divider, or focus it ' +
          'and use the arrows), side by side, difference (|A − B| × gain) and blend. B defaults to the previous ' +
          'version (`getVersions`) and is picked from the list. Both sides seek, step, play and loop together; ' +
          'past the shorter version’s end its side says "no frame".',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

export const Toggle: Story = {
  render: () => compare('toggle'),
  play: ({ canvasElement }) => showFrame(canvasElement, 48),
};

export const Wipe: Story = {
  render: () => compare('wipe'),
  play: ({ canvasElement }) => showFrame(canvasElement, 48),
};

export const WipeHorizontal: Story = {
  render: () =>
    html`<review-session .api=${new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 })}>
      <review-compare style="max-width: 880px" clip-id="101" mode="wipe" wipe-direction="horizontal"></review-compare>
    </review-session>`,
  play: ({ canvasElement }) => showFrame(canvasElement, 48),
};

export const SideBySide: Story = {
  render: () => compare('side-by-side'),
  play: ({ canvasElement }) => showFrame(canvasElement, 48),
};

export const Difference: Story = {
  render: () => compare('difference'),
  play: ({ canvasElement }) => showFrame(canvasElement, 48),
};

export const Blend: Story = {
  render: () => compare('blend'),
  play: ({ canvasElement }) => showFrame(canvasElement, 48),
};

/** v012 (96 frames) against v010 (84 frames): at frame 90 B has no frame. */
export const PastTheEnd: Story = {
  render: () => compare('side-by-side', { compareId: 105 }),
  play: ({ canvasElement }) => showFrame(canvasElement, 90),
};

/** A phone: 360 px wide; side by side stacks the two versions. */
export const Narrow: Story = {
  render: () => compare('side-by-side', { width: '360px' }),
  play: ({ canvasElement }) => showFrame(canvasElement, 12),
};

/** Waits for what shows each side's paused frames, then names it under the compare. */
async function showEngines(canvas: HTMLElement, engine: 'webcodecs' | 'video'): Promise<void> {
  const el = canvas.querySelector<ReviewCompare>('review-compare')!;
  for (let i = 0; i < 300 && engine === 'webcodecs' && el.activeEngines.some((e) => e !== engine); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await showFrame(canvas, 40);
  canvas.querySelector('.engine-note')!.textContent = `activeEngines: ${el.activeEngines.join(', ')}`;
}

/**
 * `engine="webcodecs"`: paused, each side's frame is decoded by a WebCodecs engine and drawn on its
 * `<canvas part="picture">`; both canvases change in one task. Playback stays on the `<video>`s.
 */
export const EngineWebCodecs: Story = {
  name: 'Engine: webcodecs',
  render: () => compare('wipe', { engine: 'webcodecs' }),
  play: ({ canvasElement }) => showEngines(canvasElement, 'webcodecs'),
};

/** `engine="video"`: both sides on their `<video>`s, each exact by its frame sync; the engine is never loaded. */
export const EngineVideo: Story = {
  name: 'Engine: video',
  render: () => compare('wipe', { engine: 'video' }),
  play: ({ canvasElement }) => showEngines(canvasElement, 'video'),
};
