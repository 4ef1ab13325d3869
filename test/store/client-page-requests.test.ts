/**
 * What the client page (`<client-review-site>`) asks the server for as a client opens a share link and
 * enters: each resource once (docs/architecture.md). RestReviewApi against the reference server that
 * web-test-runner.config.mjs starts on demand.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import { RestReviewApi } from '../../src/client/rest-review-api.js';
import type { ClientReviewSite } from '../../src/elements/client-review-site/client-review-site.js';
import type { ReviewPlayer } from '../../src/elements/review-player/review-player.js';
import { loggedApi, referenceServer, repeated, type RequestLog } from './request-log.js';

async function setUp(log: RequestLog) {
  const { apiBase, producerToken } = await referenceServer();
  const studio = new RestReviewApi({ baseUrl: apiBase, productionId: 'demo', token: producerToken, eventSource: null, retry: 0 });
  const share = await studio.createShare(301, { password: null, settings: { requirePassword: false } });
  return { share, anonymous: loggedApi(log, { apiBase, productionId: '' }) };
}

describe('the client page', () => {
  beforeEach(() => sessionStorage.clear());

  it('requests each resource once as a client enters and the first clip opens', async () => {
    const log: RequestLog = { requests: [], inFlight: 0 };
    const { share, anonymous } = await setUp(log);
    const site = await fixture<ClientReviewSite>(
      html`<client-review-site share-token=${share.token} .api=${anonymous}></client-review-site>`,
    );
    await waitUntil(() => site.shadowRoot!.querySelector<HTMLInputElement>('#name'), 'the gate asks for a name');
    site.shadowRoot!.querySelector<HTMLInputElement>('#name')!.value = 'Clara Client';
    site.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

    const player = () => site.shadowRoot!.querySelector<ReviewPlayer>('review-player');
    await waitUntil(() => (player()?.frameCount ?? 0) > 0, 'the player shows the first clip', { timeout: 10000 });
    const thread = site.shadowRoot!.querySelector('comment-thread')!;
    const playlist = site.shadowRoot!.querySelector('review-playlist')!;
    await waitUntil(() => thread.shadowRoot!.querySelector('[data-comment-id], .empty') !== null, 'the thread shows the notes');
    await waitUntil(() => (playlist.shadowRoot!.textContent ?? '').includes('4 clips'), 'the playlist shows its clips').catch(() => {
      throw new Error(
        `the playlist shows: ${playlist.shadowRoot!.textContent!.replace(/\s+/g, ' ')}; requests: ${log.requests.join(', ')}`,
      );
    });
    await waitUntil(() => log.inFlight === 0, 'no request in flight');

    expect(repeated(log), `asked more than once (all: ${log.requests.join(', ')})`).to.deep.equal([]);
    // The page did ask for what it shows.
    expect(log.requests.map((r) => r.split('?')[0])).to.include.members([
      'GET /production/P/me',
      'GET /production/P/playlist/301',
      'GET /production/P/mo/101',
      'GET /production/P/an/search',
    ]);
  });
});
