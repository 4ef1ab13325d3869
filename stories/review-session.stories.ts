import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import { createDemoFixture } from '../demo/fixture.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-playlist/define.js';
import '../src/elements/review-status-picker/define.js';

/** The demo production on MemoryReviewApi, acting as a demo user (1 Pat Producer … 4 Vic Viewer). */
const demoApi = (userId = 1) => new MemoryReviewApi({ fixture: createDemoFixture(), userId });

const content = html`
  <div style="display: grid; gap: 12px; max-width: 720px;">
    <review-status-picker clip-id="101"></review-status-picker>
    <review-playlist playlist-id="301"></review-playlist>
  </div>
`;

const meta: Meta = {
  title: 'Elements/review-session',
  component: 'review-session',
  parameters: {
    docs: {
      description: {
        component:
          'The provider every review element reads from (via @lit/context): the API, the signed-in user and ' +
          'rights, production and organization settings (the studio accent colour themes everything inside), the ' +
          'current clip, the selected comment and the playhead. Give it an `api` property (any `ReviewApi`, here ' +
          '`MemoryReviewApi`) or `api-base` + `production-id` + `token` for the REST API. When loading fails it ' +
          'shows why, with Retry, and keeps rendering its content.',
      },
    },
  },
  decorators: [(story) => html`<div style="padding: 8px; min-height: 240px;">${story()}</div>`],
};
export default meta;

type Story = StoryObj;

/** Loaded as Pat Producer: the elements inside get the API, rights and settings. */
export const Ready: Story = {
  render: () => html`<review-session .api=${demoApi(1)}>${content}</review-session>`,
};

/** Still loading: `me` and the settings have not arrived (the call is held forever). */
export const Loading: Story = {
  render: () => {
    const api = demoApi(1);
    api.holdNext('getMe');
    return html`<review-session .api=${api}>${content}</review-session>`;
  },
};

/** The API failed (here an injected network failure): a clear message and Retry, content still rendered. */
export const LoadError: Story = {
  render: () => {
    const api = demoApi(1);
    api.failNext('getMe', 'network');
    return html`<review-session .api=${api}>${content}</review-session>`;
  },
};

/** `api-base` points at nothing: the message names the URL it could not reach. */
export const Unreachable: Story = {
  // The browser logs the refused requests; the story e2e test accepts console errors here.
  tags: ['console-error-expected'],
  render: () => html`<review-session api-base="http://127.0.0.1:9/api" production-id="demo" token="demo">
    ${content}
  </review-session>`,
};

/** `api-base` is not a URL: a configuration error, no Retry (retrying cannot help). */
export const BadConfiguration: Story = {
  render: () => html`<review-session api-base="studio api" production-id="demo">${content}</review-session>`,
};

/** Dark theme. */
export const Dark: Story = {
  render: () => html`<review-session theme="dark" style="background: #121419; padding: 12px;" .api=${demoApi(2)}>
    ${content}
  </review-session>`,
};
