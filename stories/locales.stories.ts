import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import { createDemoFixture } from '../demo/fixture.js';
import '../src/elements/review-session/define.js';
import '../src/elements/review-player/define.js';
import '../src/elements/review-playlist/define.js';
import '../src/elements/comment-thread/define.js';
import '../src/elements/review-clip-header/define.js';
import '../src/elements/review-annotation-layer/define.js';
import '../src/elements/share-dialog/define.js';
import '../src/elements/client-review-site/define.js';
import type { ShareDialog } from '../src/elements/share-dialog/share-dialog.js';
import { until, withShare } from './sharing-story-helpers.js';

/**
 * The same review page in each UI locale. `<review-session locale>` switches the UI strings
 * (English, French, Japanese; a regional tag uses its base language, anything else English) and
 * formats dates and numbers with Intl in that locale. The UI locale is page-wide: one story at a time.
 */
const page = (locale: string) => html`
  <review-session .api=${new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 })} locale=${locale} clip-id="101">
    <div style="display: grid; gap: 12px; grid-template-columns: minmax(0, 2fr) minmax(280px, 1fr); align-items: start;">
      <div style="display: grid; gap: 12px;">
        <review-clip-header clip-id="101"></review-clip-header>
        <review-player no-download>
          <review-annotation-layer slot="overlay" tool="pen"></review-annotation-layer>
        </review-player>
        <review-playlist playlist-id="301"></review-playlist>
      </div>
      <comment-thread clip-id="101" style="display: block; height: 640px;"></comment-thread>
    </div>
  </review-session>
`;

const meta: Meta<{ locale: string }> = {
  title: 'Guides/Locales',
  parameters: {
    docs: {
      description: {
        component:
          'Set `locale` on `<review-session>` or `<client-review-site>` (or call `setLocale()` from the package root). Translations ' +
          'live in xliff/ (`npm run i18n:extract`, fill the targets, `npm run i18n:build`). Comment text, names ' +
          'and the production’s status labels are user data and stay as written.',
      },
    },
  },
  argTypes: { locale: { control: 'select', options: ['en', 'fr', 'ja', 'fr-CA', 'de'] } },
  render: ({ locale }) => page(locale),
  decorators: [(story) => html`<div style="padding: 8px; min-height: 720px;">${story()}</div>`],
};
export default meta;

type Story = StoryObj<{ locale: string }>;

export const English: Story = { args: { locale: 'en' } };
export const French: Story = { args: { locale: 'fr' } };
export const Japanese: Story = { args: { locale: 'ja' } };
/** A regional tag falls back to its base language: fr-CA shows French. */
export const CanadianFrench: Story = { args: { locale: 'fr-CA' } };

/** The client page of a share (`<client-review-site locale>`): the Preview bar and the password gate. */
export const ClientPage: Story = {
  args: { locale: 'fr' },
  loaders: [async () => ({ shared: await withShare({ password: 'sesame-42' }) })],
  render: ({ locale }, { loaded }) => {
    sessionStorage.clear();
    const { studio, share } = loaded.shared as Awaited<ReturnType<typeof withShare>>;
    return html`<client-review-site preview locale=${locale} share-token=${share.token} .api=${studio.anonymous()}></client-review-site>`;
  },
};

/** `<share-dialog>` open on the demo playlist. */
export const ShareDialogOpen: Story = {
  args: { locale: 'ja' },
  render: ({ locale }) => html`
    <review-session .api=${new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 })} locale=${locale}>
      <share-dialog playlist-id="301" open></share-dialog>
    </review-session>
  `,
  play: async ({ canvasElement }) => {
    const dialog = await until(() => canvasElement.querySelector<ShareDialog>('share-dialog'));
    await until(() => dialog.shadowRoot?.querySelector('ul[aria-label]'));
  },
};
