import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import type { ClipAnnotation, DrawingShape } from '../src/contract/types.js';
import type { ReviewAnnotationLayer } from '../src/elements/review-annotation-layer/review-annotation-layer.js';
import type { ReviewPlayer } from '../src/elements/review-player/review-player.js';
import { createDemoFixture } from '../demo/fixture.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-player/define.js';
import '../src/elements/review-annotation-layer/define.js';

const ART = '/demo/media/hm_key_art.png';

/** One shape per tool, as the layer stores them (normalised to the frame). */
const EACH_TOOL: DrawingShape[] = [
  {
    type: 'pen',
    color: '#ff3b30',
    width: 4,
    points: [
      [0.08, 0.3],
      [0.12, 0.22],
      [0.17, 0.2],
      [0.2, 0.28],
      [0.24, 0.36],
      [0.28, 0.34],
      [0.3, 0.26],
    ],
  },
  {
    type: 'line',
    color: '#34c759',
    width: 4,
    points: [
      [0.08, 0.55],
      [0.3, 0.5],
    ],
  },
  {
    type: 'arrow',
    color: '#ffcc00',
    width: 4,
    points: [
      [0.1, 0.9],
      [0.3, 0.7],
    ],
  },
  {
    type: 'rect',
    color: '#0a84ff',
    width: 4,
    points: [
      [0.4, 0.25],
      [0.6, 0.5],
    ],
  },
  {
    type: 'ellipse',
    color: '#ff9500',
    width: 4,
    points: [
      [0.65, 0.2],
      [0.92, 0.55],
    ],
  },
  { type: 'text', color: '#ffffff', width: 4, points: [[0.45, 0.72]], text: 'Warmer here, please' },
];

/** A comment of clip 101 at `start` with a drawing, for the standalone stories. */
function drawn(id: number, start: number, shapes: DrawingShape[]): ClipAnnotation {
  return {
    id,
    objectType: 'ClipAnnotation',
    funnel: 'ReviewComment',
    mediaObjectId: 101,
    description: `Comment ${id}`,
    mentionIds: [],
    tags: [],
    spatial: null,
    uiLocation: null,
    relatedToId: null,
    threadGroupId: id,
    start,
    end: start + 1,
    creatorId: 1,
    created: '2026-11-02T09:00:00Z',
    modified: '2026-11-02T09:00:00Z',
    version: 1,
    customFields: { drawing: { shapes } },
  };
}

/** The layer over the key art in a 16:9 box, as a player's overlay would hold it. */
const overArt = (layer: ReturnType<typeof html>, width = '640px') => html`<div
  style="position: relative; width: ${width}; max-width: 100%; aspect-ratio: 16 / 9; background: #000"
>
  <img src=${ART} alt="Key art" style="position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain" />
  ${layer}
</div>`;

const meta: Meta = {
  title: 'Elements/review-annotation-layer',
  component: 'review-annotation-layer',
  parameters: {
    docs: {
      description: {
        component:
          'Draw on the frame: pen (smoothed), line, arrow, rectangle, ellipse and text, with a palette, a custom colour ' +
          'and a stroke width; undo/redo, clear, select/move/delete. Mouse, pen and touch (Pointer Events with ' +
          'coalesced samples). Shapes are normalised to the frame, so they stay on the picture under zoom, pan and ' +
          'resize. Put it in `<review-player>` as `slot="overlay"`: it follows the player frame, pauses playback when ' +
          'a stroke starts, shows the drawings of the clip’s comments at their frame (`ghost-frames` fades the ' +
          "neighbours) and hands the drawing being composed to the comment composer (`review-drawing-request` to the session's draft). " +
          'Shortcuts while focus is in it: P L A R E T V, Delete, Escape, Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z.',
      },
    },
  },
};
export default meta;

type Story = StoryObj;

/** Collapsed: only the Annotate button; clicks go through to the picture. */
export const Idle: Story = {
  render: () => overArt(html`<review-annotation-layer media-width="640" media-height="360"></review-annotation-layer>`),
};

/** The result of every tool, with the select tool on (the rectangle is selected). */
export const EachTool: Story = {
  render: () =>
    overArt(html`<review-annotation-layer
      tool="select"
      media-width="640"
      media-height="360"
      .shapes=${EACH_TOOL}
    ></review-annotation-layer>`),
  play: async ({ canvasElement }) => {
    const layer = canvasElement.querySelector('review-annotation-layer') as ReviewAnnotationLayer;
    await layer.updateComplete;
    layer.selectedIndex = 3;
  },
};

/** Drawing with the pen in the current colour; the tool bar shows what is pressed. */
export const Drawing: Story = {
  render: () =>
    overArt(html`<review-annotation-layer tool="pen" color="#ffcc00" stroke-width="6" media-width="640" media-height="360"
      .shapes=${EACH_TOOL.slice(0, 1)}></review-annotation-layer>`),
};

/** Ghosting: the drawing of frame 40 in full, those of frames 38 and 39 faded (`ghost-frames="2"`). */
export const Ghosts: Story = {
  render: () =>
    overArt(html`<review-annotation-layer
      frame="40"
      ghost-frames="2"
      media-width="640"
      media-height="360"
      .annotations=${[
        drawn(1, 38, [
          {
            type: 'ellipse',
            color: '#ffcc00',
            width: 4,
            points: [
              [0.1, 0.3],
              [0.3, 0.7],
            ],
          },
        ]),
        drawn(2, 39, [
          {
            type: 'ellipse',
            color: '#ffcc00',
            width: 4,
            points: [
              [0.3, 0.3],
              [0.5, 0.7],
            ],
          },
        ]),
        drawn(3, 40, [
          {
            type: 'ellipse',
            color: '#ffcc00',
            width: 4,
            points: [
              [0.5, 0.3],
              [0.7, 0.7],
            ],
          },
        ]),
        drawn(4, 45, [
          {
            type: 'rect',
            color: '#ff3b30',
            width: 4,
            points: [
              [0.1, 0.1],
              [0.9, 0.9],
            ],
          },
        ]),
      ]}
    ></review-annotation-layer>`),
};

/** A small player (360 px): the tool bar drops the swatches for the native colour picker. */
export const SmallPlayer: Story = {
  render: () =>
    overArt(
      html`<review-annotation-layer tool="arrow" media-width="640" media-height="360"
      .shapes=${EACH_TOOL.slice(2, 3)}></review-annotation-layer>`,
      '360px',
    ),
};

/** Waits until the player knows its clip, then shows frame 40 (review-ready may have fired before this runs). */
async function showFrame40(canvasElement: HTMLElement): Promise<void> {
  const player = canvasElement.querySelector('review-player') as ReviewPlayer;
  for (let i = 0; i < 200 && !(player.frameCount > 1 && player.mediaElement); i++) await new Promise((r) => setTimeout(r, 25));
  await player.seekToFrame(40);
}

/**
 * In `<review-player>` on the demo production: clip 101 at frame 40 shows the drawing of Pat Producer's
 * comment (an ellipse and an arrow). The tool bar sits in a band below the picture, so the whole frame is
 * drawable; its Ghosting choice (here ±1) also shows, faded, the drawings of neighbouring frames. Drawing
 * pauses playback; zoom the player and the drawing follows.
 */
export const InPlayer: Story = {
  render: () => html`<review-session .api=${new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 })} clip-id="101">
    <review-player style="max-width: 720px">
      <review-annotation-layer slot="overlay" ghost-frames="1"></review-annotation-layer>
    </review-player>
  </review-session>`,
  play: async ({ canvasElement }) => showFrame40(canvasElement),
};

/**
 * A 360 px player (a phone) while drawing, ghosting ±2 frames: the tools wrap onto rows below the picture,
 * every one in reach (the native colour picker stands in for the swatches), and the frame stays free to draw on.
 */
export const PhoneInPlayer: Story = {
  render: () => html`<review-session .api=${new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 })} clip-id="101">
    <review-player style="max-width: 360px">
      <review-annotation-layer slot="overlay" tool="pen" ghost-frames="2"></review-annotation-layer>
    </review-player>
  </review-session>`,
  play: async ({ canvasElement }) => showFrame40(canvasElement),
};

/** Vic Viewer may not comment: drawings are shown, there are no tools. */
export const ReadOnly: Story = {
  render: () => html`<review-session .api=${new MemoryReviewApi({ fixture: createDemoFixture(), userId: 4 })} clip-id="101">
    ${overArt(html`<review-annotation-layer frame="40" media-width="640" media-height="360"></review-annotation-layer>`)}
  </review-session>`,
};
