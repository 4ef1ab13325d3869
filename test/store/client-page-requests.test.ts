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
import { holdBack, loggedApi, referenceServer, repeated, type RequestLog } from './request-log.js';

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
    // The page did ask for what it shows: with the reference server's open call, who, the playlist and the
    // first clip in one answer.
    expect(log.requests.map((r) => r.split('?')[0])).to.include.members([
      'GET /production/P/open',
      'GET /production/P/mo/101/moa',
      'GET /production/P/an/search',
    ]);
  });
});

describe('the client page on a backend with the open call (docs/http-api.md, "Open")', () => {
  beforeEach(() => sessionStorage.clear());

  /** A client who passed the gate before: the share session is kept, as after a reload. */
  async function keptSession(log: RequestLog) {
    const { share, anonymous } = await setUp(log);
    const session = await anonymous.openShareSession(share.token, { name: 'Clara Client' });
    sessionStorage.setItem(`review-elements:share-session:${share.token}`, JSON.stringify({ ...session, name: 'Clara Client' }));
    log.requests.length = 0;
    return { share, anonymous };
  }

  it('opens with one call beside the public share, and asks for nothing it answered', async () => {
    const log: RequestLog = { requests: [], inFlight: 0 };
    const { share, anonymous } = await keptSession(log);
    const site = await fixture<ClientReviewSite>(
      html`<client-review-site share-token=${share.token} .api=${anonymous}></client-review-site>`,
    );
    const player = () => site.shadowRoot!.querySelector<ReviewPlayer>('review-player');
    await waitUntil(() => (player()?.frameCount ?? 0) > 0, 'the player shows the first clip', { timeout: 15000 });
    const thread = site.shadowRoot!.querySelector('comment-thread')!;
    await waitUntil(() => thread.shadowRoot!.querySelector('[data-comment-id], .empty') !== null, 'the thread shows the notes', {
      timeout: 15000,
    });
    await waitUntil(() => log.inFlight === 0, 'no request in flight', { timeout: 15000 });

    expect(repeated(log), `asked more than once (all: ${log.requests.join(', ')})`).to.deep.equal([]);
    const paths = log.requests.map((r) => r.split('?')[0]);
    // The kept session is checked by the open call at once, not after the public share has answered.
    expect(paths.slice(0, 2)).to.have.members([`GET /share/${share.token}`, 'GET /production/P/open']);
    expect(log.requests).to.include('GET /production/P/open?playlistId=301');
    for (const answered of ['me', 'settings', 'capabilities', 'playlist/301', 'mo', 'mo/101']) {
      expect(paths, `all: ${log.requests.join(', ')}`).not.to.include(`GET /production/P/${answered}`);
    }
    expect(paths).not.to.include('GET /org/settings');
  });

  it('starts the media with only the open answer: notes, status and the rest held back, the picture shows', async () => {
    const log: RequestLog = { requests: [], inFlight: 0 };
    const { share, anonymous } = await keptSession(log);
    holdBack(log, (r) => !r.startsWith('GET /share/') && !r.startsWith('GET /production/P/open'));
    try {
      const site = await fixture<ClientReviewSite>(
        html`<client-review-site share-token=${share.token} .api=${anonymous}></client-review-site>`,
      );
      const video = () => site.shadowRoot!.querySelector('review-player')?.shadowRoot?.querySelector('video') ?? null;
      // The clip's thumbnail is on the stage until the picture is: something to see while the media loads.
      const stage = () => site.shadowRoot!.querySelector('review-player')?.shadowRoot?.querySelector<HTMLElement>('[part~="stage"]');
      await waitUntil(() => /-thumb\.jpg/.test(stage()?.style.backgroundImage ?? ''), 'the thumbnail on the stage', { timeout: 15000 });
      await waitUntil(() => (video()?.readyState ?? 0) >= HTMLMediaElement.HAVE_CURRENT_DATA, 'the first frame is there', {
        timeout: 15000,
      }).catch(() => {
        throw new Error(`no picture; requests: ${log.requests.join(', ')}`);
      });
      expect(
        log.requests.some((r) => r.startsWith('GET /production/P/an/search')),
        'the notes were asked for',
      ).to.equal(true);
      const thread = site.shadowRoot!.querySelector('comment-thread')!;
      expect(thread.shadowRoot!.querySelector('[data-comment-id]'), 'no note shown yet').to.equal(null);
    } finally {
      log.release?.();
    }
    await waitUntil(() => log.inFlight === 0, 'no request in flight', { timeout: 15000 });
  });
});
