import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import { createDemoFixture } from '../demo/fixture.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-room/define.js';
import '../src/elements/review-player/define.js';

/**
 * A room of playlist 301 already in progress: Pat Producer drives on clip 102, frame 37; Alex Artist (an
 * annotator) asks for control; Casey Client follows through a share that allows rooms. Answers who looks:
 * the studio's API (Pat, the driver) and the client's.
 */
async function roomInProgress(): Promise<{ studio: MemoryReviewApi; client: MemoryReviewApi }> {
  const studio = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
  const share = await studio.createShare(301, {
    settings: { requirePassword: false, allowRoom: true, commentsCreate: false },
    password: null,
  });
  const client = studio.withToken((await studio.anonymous().openShareSession(share.token, { name: 'Casey Client' })).token);
  const artist = studio.forUser(3);
  await studio.joinRoom(301);
  for (const api of [artist, client]) {
    await api.joinRoom(301);
    api.subscribeRoom(301, () => undefined);
  }
  await studio.sendRoomAction(301, { type: 'playback', changes: { clipId: 102, frame: 37 } });
  await artist.sendRoomAction(301, { type: 'ask-control', ask: true });
  return { studio, client };
}

const page = (api: MemoryReviewApi) =>
  html`<review-session .api=${api} clip-id="102">
    <div style="display:grid;gap:12px;max-width:720px">
      <review-player time-format="frames" style="aspect-ratio:16/9"></review-player>
      <review-room playlist-id="301" auto-join></review-room>
    </div>
  </review-session>`;

const meta: Meta = {
  title: 'Elements/review-room',
  component: 'review-room',
  parameters: {
    docs: {
      description: {
        component:
          'A synced review room: who is in it, their role and where they are. The driver hands control over ' +
          '(a request shows with Hand over and Decline), exports the minutes and closes the room; the others ask ' +
          'for control. The session’s player follows the driver through the session’s store.',
      },
    },
  },
};
export default meta;
type Story = StoryObj;

/** The studio's producer drives; the artist asks for control. */
export const AsDriver: Story = {
  loaders: [async () => ({ room: await roomInProgress() })],
  render: (_args, { loaded }) => page((loaded.room as { studio: MemoryReviewApi }).studio),
};

/** The client follows through a share that allows rooms. */
export const AsClient: Story = {
  loaders: [async () => ({ room: await roomInProgress() })],
  render: (_args, { loaded }) => page((loaded.room as { client: MemoryReviewApi }).client),
};

/** Before joining: one button. */
export const NotJoined: Story = {
  render: () =>
    html`<review-session .api=${new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 })}>
      <review-room playlist-id="301"></review-room>
    </review-session>`,
};
