import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-project-settings/define.js';
import { demoApi, type, until } from './sharing-story-helpers.js';

const inSession = (api: MemoryReviewApi) =>
  html`<review-session .api=${api}><review-project-settings></review-project-settings></review-session>`;

const meta: Meta = {
  title: 'Elements/review-project-settings',
  component: 'review-project-settings',
  parameters: {
    docs: {
      description: {
        component:
          "The production's share defaults, review status list (id, label, colour; add, remove, reorder) and the " +
          'version name clients see. Everyone views; SETTINGS_EDIT edits. Saved as JSON Patch (`patchSettings`).',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

export const Editable: Story = { render: () => inSession(demoApi(1)) };

/** Validation messages: a duplicate status id, an empty label, a bad number of days. */
export const Invalid: Story = {
  render: () => inSession(demoApi(1)),
  play: async ({ canvasElement }) => {
    const el = await until(() => canvasElement.querySelector('review-project-settings'));
    const root = await until(() => (el.shadowRoot?.querySelector('form') ? el.shadowRoot : null));
    type(root.querySelector<HTMLInputElement>('#expires')!, '0');
    const ids = root.querySelectorAll<HTMLInputElement>('input[id^="id-"]');
    type(ids[1], 'NOT_APPROVED');
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('[part="save"]')!.click();
  },
};

/** View only (no SETTINGS_EDIT). */
export const ReadOnly: Story = { render: () => inSession(demoApi(3)) };

export const Narrow: Story = {
  render: () => html`<div style="width: 360px; border: 1px dashed #ccc;">${inSession(demoApi(1))}</div>`,
};
