import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-org-settings/define.js';
import { demoApi, type, until } from './sharing-story-helpers.js';

const inSession = (api: MemoryReviewApi) => html`<review-session .api=${api}><review-org-settings></review-org-settings></review-session>`;

const meta: Meta = {
  title: 'Elements/review-org-settings',
  component: 'review-org-settings',
  parameters: {
    docs: {
      description: {
        component:
          'Studio name, logo, accent colour and the invitation e-mail sender: they brand the client page and the ' +
          'invitation of every share at once. Everyone views; SETTINGS_EDIT edits (`patchOrgSettings`).',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

export const Editable: Story = { render: () => inSession(demoApi(1)) };

export const Invalid: Story = {
  render: () => inSession(demoApi(1)),
  play: async ({ canvasElement }) => {
    const el = await until(() => canvasElement.querySelector('review-org-settings'));
    const root = await until(() => (el.shadowRoot?.querySelector('form') ? el.shadowRoot : null));
    type(root.querySelector<HTMLInputElement>('#studioName')!, '');
    type(root.querySelector<HTMLInputElement>('#accentColor')!, 'orange-ish');
    type(root.querySelector<HTMLInputElement>('#senderEmail')!, 'review@');
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('[part="save"]')!.click();
  },
};

export const ReadOnly: Story = { render: () => inSession(demoApi(2)) };
