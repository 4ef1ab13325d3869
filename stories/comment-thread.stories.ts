import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import { newComment } from '../src/contract/comment-patch.js';
import type { ClipAnnotation } from '../src/contract/types.js';
import { createBulkComments, createDemoFixture } from '../demo/fixture.js';
import '../src/elements/review-session/define.js';
import '../src/elements/comment-thread/define.js';

/** A MemoryReviewApi on the demo production as a demo user (1 Pat Producer … 4 Vic Viewer). */
function demoApi(userId = 1, extra: ClipAnnotation[] = [], latency?: number): MemoryReviewApi {
  const fixture = createDemoFixture();
  fixture.comments.push(...extra);
  return new MemoryReviewApi({ fixture, userId, latency });
}

const thread = (api: MemoryReviewApi, clipId = 101) =>
  html`<review-session .api=${api} clip-id=${clipId} style="display:block">
    <comment-thread style="height: 560px; max-width: 440px; border: 1px solid #d3d7de"></comment-thread>
  </review-session>`;

const meta: Meta = {
  title: 'Elements/comment-thread',
  component: 'comment-thread',
  parameters: {
    docs: {
      description: {
        component:
          'The comments of a clip, grouped in threads (a comment and its replies, one level), pinned to frames. ' +
          'Composer with `@` mention and `#` tag pickers (keyboard driven), "Add spot" (`review-spot-request`, ' +
          "through the session's draft), drawings (the session draft's, or the `drawing` property), internal comments " +
          'for studio users. Edit/delete by the rights: `REVIEW_EDIT` own, `REVIEW_EDIT_ALL` any. Optimistic, ' +
          'with retry of failed comments and drafts kept in localStorage. Filters, sort, export, live updates; ' +
          'virtualized (10,000 comments stay smooth).',
      },
    },
  },
};
export default meta;

type Story = StoryObj;

/** Pat Producer: composer, reply, edit and delete on every comment. */
export const WithComposer: Story = { render: () => thread(demoApi(1)) };

/** A clip without comments: the empty state (its `empty` slot can be replaced). */
export const Empty: Story = { render: () => thread(demoApi(1), 104) };

/** The API answers slowly: the loading state. */
export const Busy: Story = { render: () => thread(demoApi(1, [], 60_000)) };

/** Vic Viewer has no review rights: read only; where the composer would be, a note says why. */
export const ReadOnly: Story = { render: () => thread(demoApi(4)) };

/** The live events stream drops a second after loading: "Live" gives way to "Offline — reconnecting…". */
export const Reconnecting: Story = {
  render: () => {
    const api = demoApi(1);
    setTimeout(() => api.backend.setStreamConnected(false), 1000);
    return thread(api);
  },
};

/** Loading failed: the error with Retry (the second attempt succeeds). */
export const LoadError: Story = {
  name: 'Error',
  render: () => {
    const api = demoApi(1);
    api.failNext('searchComments', 503);
    return thread(api);
  },
};

/** 10,000 comments on one clip: only the visible threads are in the DOM. */
export const TenThousandComments: Story = { render: () => thread(demoApi(1, createBulkComments(10_000))) };

/** Another user (Alex Artist) writes a comment every few seconds; it appears without reload. */
export const Live: Story = {
  render: () => {
    const api = demoApi(1);
    const alex = api.forUser(3);
    let n = 0;
    const timer = setInterval(() => {
      if (!document.querySelector('comment-thread')) return clearInterval(timer);
      n++;
      void alex.createComment(newComment({ mediaObjectId: 101, description: `Live note ${n} from Alex #{live}`, start: (n * 7) % 96 }));
    }, 3000);
    return thread(api);
  },
};
