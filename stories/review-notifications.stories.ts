import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import type { ReviewNotifications } from '../src/elements/review-notifications/review-notifications.js';
import { createDemoFixture } from '../demo/fixture.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-notifications/define.js';

/** Sam Supervisor's notifications on the demo production: Alex mentions him, Pat replies and changes a status. */
async function samsNotifications(): Promise<MemoryReviewApi> {
  const sam = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 2 });
  const alex = new MemoryReviewApi({ backend: sam.backend, userId: 3 });
  const pat = new MemoryReviewApi({ backend: sam.backend, userId: 1 });
  const note = (
    api: MemoryReviewApi,
    mediaObjectId: number,
    start: number,
    description: string,
    mentionIds: number[] = [],
    relatedToId: number | null = null,
  ) =>
    api.createComment({
      objectType: 'ClipAnnotation',
      funnel: 'ReviewComment',
      mediaObjectId,
      description,
      mentionIds,
      tags: [],
      spatial: null,
      uiLocation: null,
      relatedToId,
      start,
      end: start + 1,
      customFields: {},
    });
  const first = await note(sam, 103, 24, 'Is the motion blur on the ship better now?');
  await note(pat, 103, 24, 'Yes — the client liked it in the last session.', [], first.id);
  await note(alex, 101, 12, 'The matte is fixed in v013, @{2,Sam Supervisor} can you take a look before the client does?', [2]);
  await pat.setReviewStatus((await pat.getMediaObjectAnnotation(102)).id, 'NEEDS_WORK');
  await sam.markNotificationsRead([(await sam.listNotifications()).items.at(-1)!.id]);
  return sam;
}

const meta: Meta = {
  title: 'Elements/review-notifications',
  component: 'review-notifications',
  parameters: {
    docs: {
      description: {
        component:
          'The signed-in user’s notifications: a bell with the unread count and a list (who, what, which clip and ' +
          'frame, when; unread marked). Choosing one marks it read and opens its clip at its frame ' +
          '(`review-notification-open`, which `<review-session>` handles); “Mark all as read”; how often e-mail ' +
          'brings them. Arrow keys, Home and End move in the list; Escape closes it.',
      },
    },
  },
  decorators: [(story) => html`<div style="min-height: 460px; padding: 8px; display: flex; justify-content: flex-end;">${story()}</div>`],
};
export default meta;

type Story = StoryObj;

/** Sam Supervisor's list, open: a status change and a mention unread, an older reply read. */
export const Open: Story = {
  loaders: [async () => ({ api: await samsNotifications() })],
  render: (_args, { loaded }) =>
    html`<review-session .api=${loaded.api as MemoryReviewApi}><review-notifications open></review-notifications></review-session>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<ReviewNotifications>('review-notifications')!;
    for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('[part~="item"]'); i++) await new Promise((r) => setTimeout(r, 20));
  },
};
