import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import type { ProductionSettings, ShareSettings } from '../src/contract/types.js';
import type { ReviewClipHeader } from '../src/elements/review-clip-header/review-clip-header.js';
import { createDemoFixture } from '../demo/fixture.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-clip-header/define.js';

/** A MemoryReviewApi on the demo production, acting as a demo user (1 Pat Producer … 4 Vic Viewer). */
function demoApi(userId = 1, settings: Partial<ProductionSettings> = {}): MemoryReviewApi {
  const fixture = createDemoFixture();
  fixture.settings = { ...fixture.settings, ...settings };
  return new MemoryReviewApi({ fixture, userId });
}

/** The same data seen by a client through a share with these settings. */
async function clientApi(share: Partial<ShareSettings>, settings: Partial<ProductionSettings> = {}): Promise<MemoryReviewApi> {
  const studio = demoApi(1, settings);
  const created = await studio.createShare(301, { settings: { ...share, requirePassword: false }, password: null });
  const { token } = await studio.anonymous().openShareSession(created.token, { name: 'Casey Client' });
  return studio.withToken(token);
}

const session = (api: MemoryReviewApi, clipId = 101) =>
  html`<review-session .api=${api}>
    <review-clip-header clip-id=${clipId}></review-clip-header>
  </review-session>`;

async function loadedHeader(canvas: HTMLElement): Promise<ReviewClipHeader> {
  const header = canvas.querySelector('review-clip-header')!;
  for (let i = 0; i < 100 && !header.shadowRoot?.querySelector('[part~="name"]'); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return header;
}

/** Edits the client version name through the UI, as a user would (click, type, Enter). */
async function renameInPlace(canvas: HTMLElement, name: string): Promise<void> {
  const header = await loadedHeader(canvas);
  header.shadowRoot!.querySelector<HTMLButtonElement>('[part~="edit-name"]')!.click();
  await header.updateComplete;
  const input = header.shadowRoot!.querySelector<HTMLInputElement>('.field')!;
  input.value = name;
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
}

const meta: Meta = {
  title: 'Elements/review-clip-header',
  component: 'review-clip-header',
  parameters: {
    docs: {
      description: {
        component:
          'The version name clients see (internal `name` or `clientName`, by the production setting ' +
          '`clientVersionName`; studio users see both), the reason for review, the status picker and the ' +
          '"Download source" link (studio always; clients when the share allows downloads). Studio users with ' +
          '`SHARE_MANAGE` edit the client version name and the reason for review in place.',
      },
    },
  },
  decorators: [(story) => html`<div style="max-width: 960px; min-height: 240px; padding: 8px;">${story()}</div>`],
};
export default meta;

type Story = StoryObj;

/** Pat Producer (SHARE_MANAGE): both names, editable in place; the tag marks the name clients see. */
export const Editable: Story = {
  render: () => session(demoApi(1)),
};

/** Editing the reason for review (Enter saves, Shift+Enter adds a line, Escape cancels). */
export const EditingReason: Story = {
  render: () => session(demoApi(1)),
  play: async ({ canvasElement }) => {
    const header = await loadedHeader(canvasElement);
    header.shadowRoot!.querySelector<HTMLButtonElement>('[part~="edit-reason"]')!.click();
  },
};

/** Vic Viewer: a studio user without SHARE_MANAGE or REVIEW_STATUS_EDIT sees everything, edits nothing. */
export const ReadOnly: Story = {
  render: () => session(demoApi(4)),
};

/** A production with its own status list. */
export const CustomStatuses: Story = {
  render: () =>
    session(
      demoApi(1, {
        reviewStatusConfig: {
          possibleValues: [
            { id: 'IN_PROGRESS', label: 'In Progress', color: '#6366f1' },
            { id: 'NEEDS_WORK', label: 'Needs Work', color: '#e8a33d' },
            { id: 'FINAL', label: 'Final', color: '#0f766e' },
          ],
        },
      }),
    ),
};

/** A rename on its way: the new name shows at once while the server has not answered. */
export const Pending: Story = {
  render: () => {
    const api = demoApi(1);
    api.holdNext('updateClip'); // never released in this story
    return session(api);
  },
  play: async ({ canvasElement }) => renameInPlace(canvasElement, 'Hyperspace jump — final'),
};

/** The server refused the rename (409): the name rolled back and the header says why. */
export const SaveError: Story = {
  render: () => {
    const api = demoApi(1);
    api.failNext('updateClip', 409);
    return session(api);
  },
  play: async ({ canvasElement }) => renameInPlace(canvasElement, 'Hyperspace jump — final'),
};

/** What a client sees: the client version name only, status and download as the share allows. */
export const ClientView: Story = {
  loaders: [async () => ({ api: await clientApi({ allowDownload: true, allowStatusChange: true }) })],
  render: (_args, { loaded }) => session(loaded.api as MemoryReviewApi),
};

/** A client whose share allows neither downloads nor status changes. */
export const ClientViewRestricted: Story = {
  loaders: [async () => ({ api: await clientApi({ allowDownload: false, allowStatusChange: false }) })],
  render: (_args, { loaded }) => session(loaded.api as MemoryReviewApi),
};

/** On a phone (360 px): the actions wrap under the titles. */
export const Narrow: Story = {
  render: () => html`<div style="width: 360px; border: 1px dashed #ccc;">${session(demoApi(1))}</div>`,
};
