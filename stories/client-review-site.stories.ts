import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import type { NewShare, Share } from '../src/contract/types.js';
import type { ClientReviewSite } from '../src/elements/client-review-site/client-review-site.js';
import '../src/elements/client-review-site/define.js';
import { until, withShare } from './sharing-story-helpers.js';

interface Loaded {
  studio: MemoryReviewApi;
  share: Share;
}

const load = (input?: NewShare, after?: (l: Loaded) => Promise<void>) => async () => {
  // Each story starts signed out of its link.
  sessionStorage.clear();
  const l = await withShare(input);
  await after?.(l);
  return l;
};

const site = (l: Loaded, opts: { preview?: boolean; width?: number } = {}) => {
  const el = html`<client-review-site
    share-token=${l.share.token}
    ?preview=${!!opts.preview}
    .api=${l.studio.anonymous()}
    .studioApi=${opts.preview ? l.studio : null}
  ></client-review-site>`;
  return opts.width ? html`<div style="width: ${opts.width}px; border: 1px dashed #ccc;">${el}</div>` : el;
};

/** Passes the gate as "Casey Client". */
const enter = async (canvas: HTMLElement) => {
  const el = await until(() => canvas.querySelector<ClientReviewSite>('client-review-site'));
  const name = await until(() => el.shadowRoot?.querySelector<HTMLInputElement>('#name'));
  name.value = 'Casey Client';
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await until(() => el.shadowRoot?.querySelector('review-session'));
};

const meta: Meta = {
  title: 'Elements/client-review-site',
  component: 'client-review-site',
  parameters: {
    layout: 'fullscreen',
    docs: {
      story: { inline: false, height: '900px' },
      description: {
        component:
          'The complete client page of a share: studio branding, password gate, then the playlist, player, clip ' +
          'header (status, download) and notes as the share allows. `preview` adds the blue Preview bar with ' +
          '"Invite People", opened from the studio sign-in (`studioApi`) with no gate and read-only. Stories run on ' +
          'MemoryReviewApi (`api` property).',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

/** The password gate, branded with the studio's logo and accent colour. */
export const PasswordGate: Story = {
  loaders: [load({ password: 'sesame-42' })],
  render: (_a, { loaded }) => site(loaded as Loaded),
};

/** A wrong password: the message and the field marked invalid. */
export const WrongPassword: Story = {
  loaders: [load({ password: 'sesame-42' })],
  render: (_a, { loaded }) => site(loaded as Loaded),
  play: async ({ canvasElement }) => {
    const el = await until(() => canvasElement.querySelector<ClientReviewSite>('client-review-site'));
    const pw = await until(() => el.shadowRoot?.querySelector<HTMLInputElement>('#password'));
    pw.value = 'guess';
    el.shadowRoot!.querySelector<HTMLInputElement>('#name')!.value = 'Casey Client';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  },
};

/** Signed in: player, clip header, playlist and writable notes (desktop). */
export const Review: Story = {
  loaders: [load()],
  render: (_a, { loaded }) => site(loaded as Loaded),
  play: async ({ canvasElement }) => enter(canvasElement),
};

/** The same on a 360 px phone: one column. */
export const Phone: Story = {
  loaders: [load()],
  render: (_a, { loaded }) => site(loaded as Loaded, { width: 360 }),
  play: async ({ canvasElement }) => enter(canvasElement),
};

/** Comments hidden and downloads off. */
export const Restricted: Story = {
  loaders: [
    load({ password: null, settings: { requirePassword: false, commentsVisible: false, allowDownload: false, allowStatusChange: false } }),
  ],
  render: (_a, { loaded }) => site(loaded as Loaded),
  play: async ({ canvasElement }) => enter(canvasElement),
};

/**
 * The studio's Preview mode: the blue bar above exactly what the client sees, with "Invite People". It opens
 * from the studio's sign-in (`studioApi`): no gate, read-only, nothing posted as the client.
 */
export const Preview: Story = {
  loaders: [load({ password: 'sesame-42' })],
  render: (_a, { loaded }) => site(loaded as Loaded, { preview: true }),
  play: async ({ canvasElement }) => {
    const el = await until(() => canvasElement.querySelector<ClientReviewSite>('client-review-site'));
    await until(() => el.shadowRoot?.querySelector('review-session'));
  },
};

/** A revoked (or expired) link. */
export const Revoked: Story = {
  loaders: [load(undefined, async ({ studio, share }) => studio.deleteShare(share.id))],
  render: (_a, { loaded }) => site(loaded as Loaded),
};
