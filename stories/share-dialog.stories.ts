import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import type { ShareDialog } from '../src/elements/share-dialog/share-dialog.js';
import '../src/elements/review-session/define.js';
import '../src/elements/share-dialog/define.js';
import { demoApi, type, until, withShare } from './sharing-story-helpers.js';

const dialog = (api: MemoryReviewApi, attrs: { shareId?: number } = {}) =>
  html`<review-session .api=${api}>
    ${
      attrs.shareId != null
        ? html`<share-dialog share-id=${attrs.shareId} open></share-dialog>`
        : html`<share-dialog playlist-id="301" open></share-dialog>`
    }
  </review-session>`;

const opened = async (canvas: HTMLElement): Promise<ShareDialog> => {
  const el = await until(() => canvas.querySelector('share-dialog'));
  await until(() => el.shadowRoot?.querySelector('dialog[open]'));
  await el.updateComplete; // the forms are a chunk of their own
  return el;
};

const meta: Meta = {
  title: 'Elements/share-dialog',
  component: 'share-dialog',
  parameters: {
    // A modal dialog covers its page: each story gets its own frame in the docs.
    docs: {
      story: { inline: false, height: '820px' },
      description: {
        component:
          'Share a playlist with clients: settings from the project defaults (overridable), invite client users or ' +
          'new people with a message, then the link with Copy and "Open preview" (`share.url` + `?preview=1`). ' +
          "Lists and revokes the playlist's links. `show()`, `hide()`, `open`. Needs `SHARE_MANAGE`.",
      },
    },
  },
};
export default meta;
type Story = StoryObj;

/** Freshly opened: the project's share defaults and the client users. */
export const Open: Story = { render: () => dialog(demoApi(1)) };

/** Validation: no password, an invalid e-mail for a new person. */
export const Invalid: Story = {
  render: () => dialog(demoApi(1)),
  play: async ({ canvasElement }) => {
    const el = await opened(canvasElement);
    const root = el.shadowRoot!;
    type(root.querySelector<HTMLInputElement>('#new-name')!, 'Dana Director');
    type(root.querySelector<HTMLInputElement>('#new-email')!, 'dana@');
    await el.updateComplete;
    [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Add')!.click();
    await el.updateComplete;
    type(root.querySelector<HTMLInputElement>('#new-email')!, '');
    type(root.querySelector<HTMLInputElement>('#new-name')!, '');
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
  },
};

/** After "Share": the link, Copy link, Open preview, who was invited. */
export const Shared: Story = {
  render: () => dialog(demoApi(1)),
  play: async ({ canvasElement }) => {
    const el = await opened(canvasElement);
    const root = el.shadowRoot!;
    await until(() => root.querySelector('ul[aria-label="Client users"] input'));
    type(root.querySelector<HTMLInputElement>('#password')!, 'sesame-42');
    root.querySelector<HTMLInputElement>('ul[aria-label="Client users"] input')!.click();
    type(root.querySelector<HTMLTextAreaElement>('#message')!, 'Here is v12 of the jump — notes welcome!');
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await until(() => root.querySelector('[part="link"]'));
  },
};

/** With links already made (one revoked): the list with Revoke buttons. */
export const ExistingLinks: Story = {
  loaders: [
    async () => {
      const { studio, share } = await withShare();
      await studio.createShare(301, { password: 'secret-1' });
      await studio.deleteShare(share.id);
      return { api: studio };
    },
  ],
  render: (_args, { loaded }) => dialog(loaded.api as MemoryReviewApi),
};

/** `share-id`: the Preview bar's "Invite People" on an existing link. */
export const InvitePeople: Story = {
  loaders: [
    async () => {
      const { studio, share } = await withShare();
      return { api: studio, shareId: share.id };
    },
  ],
  render: (_args, { loaded }) => dialog(loaded.api as MemoryReviewApi, { shareId: loaded.shareId as number }),
};

/** Without SHARE_MANAGE. */
export const NoRight: Story = { render: () => dialog(demoApi(3)) };
