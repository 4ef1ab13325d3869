import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import type { ReviewPlayer } from '../src/elements/review-player/review-player.js';
import { createDemoFixture } from '../demo/fixture.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-player/define.js';

/** The demo production as Pat Producer (studio user: sees markers of every comment, may download). */
const demoApi = () => new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });

const inSession = (api: MemoryReviewApi, clipId: number, attrs: { timeFormat?: string; noDownload?: boolean } = {}) =>
  html`<review-session .api=${api} style="display:block;max-width:960px">
    <review-player clip-id=${clipId} time-format=${attrs.timeFormat ?? 'frames'} ?no-download=${attrs.noDownload}></review-player>
  </review-session>`;

/** The player of a story once its media is on screen. */
async function readyPlayer(canvas: HTMLElement): Promise<ReviewPlayer> {
  for (let i = 0; i < 1500; i++) {
    const player = canvas.querySelector('review-player');
    if (player && player.frameCount > 0 && !player.shadowRoot?.querySelector('[part~="message"]')) return player;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('player not ready');
}

const meta: Meta = {
  title: 'Elements/review-player',
  component: 'review-player',
  parameters: {
    docs: {
      description: {
        component:
          'The frame-accurate review player. `currentFrame` always names the frame on screen (from ' +
          '`requestVideoFrameCallback`); `seekToFrame(n)` and `stepFrames(d)` resolve once that frame is presented. ' +
          'Timeline with comment markers and hover preview, frame step, frames / SMPTE timecode (drop-frame) / ' +
          'seconds, mute and volume, zoom (wheel, pinch, buttons, fit, 1:1) and pan, speed, loop of the clip or an ' +
          'in/out range, settings, full screen and "Download source" when allowed (`no-download` hides it where ' +
          'the page offers it elsewhere, e.g. in `<review-clip-header>`). Keyboard: Space/K, J/L, ←/→ ' +
          '(Shift: one second), Home/End, I/O, M, F, `,`/`.`. Put an overlay (e.g. the annotation layer) in ' +
          '`slot="overlay"`: it covers the frame and follows zoom and pan.',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

/** Waiting for the clip: the API has not answered yet. */
export const Loading: Story = {
  render: () => {
    const api = demoApi();
    api.holdNext('getClip');
    return inSession(api, 101);
  },
};

/** Paused on a comment's frame, in SMPTE timecode, with the clip's comment markers on the timeline. */
export const Paused: Story = {
  render: () => inSession(demoApi(), 101, { timeFormat: 'timecode' }),
  play: async ({ canvasElement }) => {
    const player = await readyPlayer(canvasElement);
    await player.seekToFrame(40);
  },
};

/** Playing (muted so browsers allow autoplay). */
export const Playing: Story = {
  render: () => inSession(demoApi(), 102),
  play: async ({ canvasElement }) => {
    const player = await readyPlayer(canvasElement);
    player.muted = true;
    player.loop = 'clip';
    await player.play();
  },
};

/** Zoomed in 250 % on the upper left of the picture (drag to pan, 0 or "Fit" to fit again). */
export const Zoomed: Story = {
  render: () => inSession(demoApi(), 101),
  play: async ({ canvasElement }) => {
    const player = await readyPlayer(canvasElement);
    await player.seekToFrame(12);
    player.setZoom(2.5, { x: 0, y: 0 });
  },
};

/** A still image (key art): one frame, shown in an `<img>`; play and step are disabled. */
export const StillImage: Story = {
  render: () => inSession(demoApi(), 104),
};

/** Standalone with `src` and `fps`: 29.97 fps drop-frame timecode and frame numbers offset to 1001. */
export const Standalone: Story = {
  render: () => html`<review-player
    style="max-width:960px"
    src="/test/media/bars-2997.mp4"
    fps="29.97"
    frame-count="120"
    frame-offset="1001"
    time-format="timecode"
  ></review-player>`,
};

/** `no-download`: no "Download source" link, for a page whose clip header already offers it. */
export const NoDownload: Story = {
  render: () => inSession(demoApi(), 101, { noDownload: true }),
};

/** HEVC does not decode in this browser: a clear message instead of a black box. */
export const ErrorCannotDecode: Story = {
  name: 'Error: media cannot be decoded',
  render: () => html`<review-player style="max-width:960px" src="/test/media/hevc-24.mp4" fps="24"></review-player>`,
};

/** A 360 px wide phone: controls wrap, the volume slider and 1:1 step aside, targets stay 40 px. */
export const SmallScreen: Story = {
  render: () => html`<div style="width:360px">${inSession(demoApi(), 103, { timeFormat: 'timecode' })}</div>`,
};

/** The frame engine's state, under a story's player. */
const engineNote = (player: ReviewPlayer, canvas: HTMLElement) => {
  const note = canvas.querySelector('output');
  if (note) note.textContent = `activeEngine: ${player.activeEngine}${player.engineFallback ? ` (${player.engineFallback})` : ''}`;
};

const engineStory = (engine: 'webcodecs' | 'video'): Story => ({
  render: () => html`<review-player
      style="max-width:960px"
      engine=${engine}
      src="/test/media/bars-24.mp4"
      fps="24"
      frame-count="96"
      time-format="frames"
    ></review-player>
    <output style="display:block;font:13px system-ui;margin-top:8px"></output>`,
  play: async ({ canvasElement }) => {
    const player = await readyPlayer(canvasElement);
    await player.seekToFrame(42);
    engineNote(player, canvasElement);
  },
});

/**
 * `engine="webcodecs"`: paused frames are decoded by the WebCodecs engine and drawn on `<canvas part="canvas">`
 * over the video (steps inside the cached window show in milliseconds); playback uses the `<video>`. Where
 * WebCodecs cannot decode the clip, the player falls back to the `<video>` silently (`activeEngine`).
 */
export const EngineWebCodecs: Story = { name: 'Engine: webcodecs', ...engineStory('webcodecs') };

/** `engine="video"`: the `<video>` path alone (frame-accurate seeks on the video); the engine is never loaded. */
export const EngineVideo: Story = { name: 'Engine: video', ...engineStory('video') };
