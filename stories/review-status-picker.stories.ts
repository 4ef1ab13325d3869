import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import type { ProductionSettings, ReviewStatusOption } from '../src/contract/types.js';
import type { ReviewStatusPicker } from '../src/elements/review-status-picker/review-status-picker.js';
import { createDemoFixture } from '../demo/fixture.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-status-picker/define.js';

/** A MemoryReviewApi on the demo production, acting as a demo user (1 Pat Producer … 4 Vic Viewer). */
function demoApi(userId = 1, settings: Partial<ProductionSettings> = {}): MemoryReviewApi {
  const fixture = createDemoFixture();
  fixture.settings = { ...fixture.settings, ...settings };
  return new MemoryReviewApi({ fixture, userId });
}

/** The same data seen by a client through a share with these permissions. */
async function clientApi(allowStatusChange: boolean): Promise<MemoryReviewApi> {
  const studio = demoApi(1);
  const share = await studio.createShare(301, { settings: { requirePassword: false, allowStatusChange }, password: null });
  const { token } = await studio.anonymous().openShareSession(share.token, { name: 'Casey Client' });
  return studio.withToken(token);
}

const session = (api: MemoryReviewApi, clipId = 101) =>
  html`<review-session .api=${api}>
    <review-status-picker clip-id=${clipId}></review-status-picker>
  </review-session>`;

/** Waits until the picker in the story has loaded its status. */
async function loadedPicker(canvas: HTMLElement): Promise<ReviewStatusPicker> {
  const picker = canvas.querySelector('review-status-picker')!;
  for (let i = 0; i < 100 && !picker.shadowRoot?.querySelector('[part~="button"], [part~="chip"]:not([aria-busy])'); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return picker;
}

const meta: Meta = {
  title: 'Elements/review-status-picker',
  component: 'review-status-picker',
  parameters: {
    docs: {
      description: {
        component:
          'Shows a clip’s review status; users with `REVIEW_STATUS_EDIT` change it from a listbox (mouse, touch, ' +
          'arrows, Home/End, Enter, Escape, type-ahead). Values come from `reviewStatusConfig.possibleValues`. ' +
          'Changes are optimistic and roll back with a message when the server refuses. A host can veto with ' +
          '`preventDefault()` on `review-status-change-request` and later call `setStatus(to)`.',
      },
    },
  },
  decorators: [(story) => html`<div style="min-height: 220px; padding: 8px;">${story()}</div>`],
};
export default meta;

type Story = StoryObj;

/** Pat Producer may change the status (NEEDS_WORK on the demo's first clip). */
export const Editable: Story = {
  render: () => session(demoApi(1)),
};

/** The menu open, as after a click or ArrowDown. */
export const Open: Story = {
  render: () => session(demoApi(1)),
  play: async ({ canvasElement }) => {
    const picker = await loadedPicker(canvasElement);
    picker.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!.click();
  },
};

/** Vic Viewer has no REVIEW_STATUS_EDIT: a plain label, nothing to click. */
export const ReadOnly: Story = {
  render: () => session(demoApi(4)),
};

const custom: ReviewStatusOption[] = [
  { id: 'IN_PROGRESS', label: 'In Progress', color: '#6366f1' },
  { id: 'NEEDS_WORK', label: 'Needs Work', color: '#e8a33d' },
  { id: 'CBB', label: 'Could Be Better' },
  { id: 'APPROVED', label: 'Approved', color: '#2f9e44' },
  { id: 'FINAL', label: 'Final', color: '#0f766e' },
];

/** A production with its own status list (one value without a colour). */
export const CustomStatuses: Story = {
  render: () => session(demoApi(1, { reviewStatusConfig: { possibleValues: custom } })),
  play: async ({ canvasElement }) => {
    const picker = await loadedPicker(canvasElement);
    picker.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!.click();
  },
};

/** A change on its way: the new status shows at once, with a spinner, until the server answers. */
export const Pending: Story = {
  render: () => {
    const api = demoApi(1);
    api.holdNext('setReviewStatus'); // never released in this story
    return session(api);
  },
  play: async ({ canvasElement }) => {
    const picker = await loadedPicker(canvasElement);
    void picker.setStatus('APPROVED');
  },
};

/** The server refused (403): the status rolled back and the picker says why. */
export const SaveError: Story = {
  render: () => {
    const api = demoApi(1);
    api.failNext('setReviewStatus', 403);
    return session(api);
  },
  play: async ({ canvasElement }) => {
    const picker = await loadedPicker(canvasElement);
    await picker.setStatus('APPROVED');
  },
};

/** A client whose share allows status changes. */
export const ClientAllowed: Story = {
  loaders: [async () => ({ api: await clientApi(true) })],
  render: (_args, { loaded }) => session(loaded.api as MemoryReviewApi),
};

/** A client whose share does not allow status changes: read only. */
export const ClientReadOnly: Story = {
  loaders: [async () => ({ api: await clientApi(false) })],
  render: (_args, { loaded }) => session(loaded.api as MemoryReviewApi),
};

/**
 * A host that asks before approving: it vetoes `review-status-change-request` with `preventDefault()`,
 * asks, and applies the change with `setStatus()` when the user confirms.
 */
export const ConfirmBeforeApproving: Story = {
  render: () => {
    const ask = (e: CustomEvent<{ from: string; to: string }>) => {
      if (e.detail.to !== 'APPROVED') return;
      e.preventDefault();
      const picker = e.target as ReviewStatusPicker;
      const box = (e.currentTarget as HTMLElement).querySelector<HTMLElement>('[role="alertdialog"]')!;
      box.hidden = false;
      box.querySelector<HTMLButtonElement>('button')!.focus();
      box.onclick = (click) => {
        const choice = (click.target as HTMLElement).closest('button')?.dataset.choice;
        if (!choice) return;
        box.hidden = true;
        if (choice === 'yes') void picker.setStatus('APPROVED');
      };
    };
    return html`<div @review-status-change-request=${ask}>
      ${session(demoApi(1))}
      <div role="alertdialog" aria-label="Approve this version?" hidden style="margin-top: 12px;">
        <span>Approve this version?</span>
        <button data-choice="yes">Approve</button>
        <button data-choice="no">Cancel</button>
      </div>
    </div>`;
  },
};
