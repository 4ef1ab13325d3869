import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-playlist/define.js';
import { demoApi, until } from './sharing-story-helpers.js';

const inSession = (api: MemoryReviewApi, playlistId: number | null = 301) =>
  html`<review-session .api=${api}>
    ${playlistId === null ? html`<review-playlist></review-playlist>` : html`<review-playlist playlist-id=${playlistId}></review-playlist>`}
  </review-session>`;

const meta: Meta = {
  title: 'Elements/review-playlist',
  component: 'review-playlist',
  parameters: {
    docs: {
      description: {
        component:
          'The clips of a playlist in review order, with thumbnail, the version name clients see and the reason ' +
          'for review. Click a clip to make it current (`review-clip-select`). With `SHARE_MANAGE`: drag and drop, ' +
          'or the grab handle (Space, arrows, Space; Escape cancels) to reorder — saved as JSON Patch `move` — and ' +
          'a bulk editor for the reason for review of the checked clips.',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

/** The producer: reorder handles, checkboxes and the bulk reason editor. */
export const Studio: Story = { render: () => inSession(demoApi(1)) };

/** Keyboard reorder in progress: the first clip is picked up and moved down one place. */
export const KeyboardReorder: Story = {
  render: () => inSession(demoApi(1)),
  play: async ({ canvasElement }) => {
    const el = await until(() => canvasElement.querySelector('review-playlist'));
    const handle = await until(() => el.shadowRoot?.querySelector<HTMLButtonElement>('li[data-clip-id="101"] .handle'));
    handle.focus();
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true }));
    await el.updateComplete;
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
  },
};

/** Two clips checked for a bulk reason-for-review edit. */
export const BulkEdit: Story = {
  render: () => inSession(demoApi(1)),
  play: async ({ canvasElement }) => {
    const el = await until(() => canvasElement.querySelector('review-playlist'));
    const boxes = await until(() => {
      const found = el.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
      return found && found.length ? found : null;
    });
    boxes[0].click();
    boxes[2].click();
  },
};

/** Without SHARE_MANAGE (an artist): the list only, select still works. */
export const ReadOnly: Story = { render: () => inSession(demoApi(3)) };

/** A client session: no `playlist-id`, the share's playlist, client version names only. */
export const ClientSession: Story = {
  loaders: [
    async () => {
      const studio = demoApi(1);
      const share = await studio.createShare(301, { password: null, settings: { requirePassword: false } });
      const { token } = await studio.anonymous().openShareSession(share.token, { name: 'Casey Client' });
      return { api: studio.withToken(token) };
    },
  ],
  render: (_args, { loaded }) => inSession(loaded.api as MemoryReviewApi, null),
};

/** On a phone (360 px). */
export const Narrow: Story = {
  render: () => html`<div style="width: 360px; border: 1px dashed #ccc;">${inSession(demoApi(1))}</div>`,
};
