/**
 * What a studio review page asks the server for as it opens: every element reads its resources from the
 * session's one store, so each resource is requested once (docs/architecture.md). Runs RestReviewApi
 * against the reference server that web-test-runner.config.mjs starts on demand.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ReviewPlayer } from '../../src/elements/review-player/review-player.js';
import type { ReviewSession } from '../../src/elements/review-session/review-session.js';
import { loggedApi, referenceServer, repeated, type RequestLog } from './request-log.js';

describe('a studio review page', () => {
  it('requests each resource once as it opens', async () => {
    const log: RequestLog = { requests: [], inFlight: 0 };
    const { apiBase, producerToken } = await referenceServer();
    const api = loggedApi(log, { apiBase, productionId: 'demo', token: producerToken });
    // The studio page of the demo portal (demo/studio.ts), review view.
    const session = await fixture<ReviewSession>(html`
      <review-session .api=${api} clip-id="101">
        <review-playlist playlist-id="301"></review-playlist>
        <review-clip-header></review-clip-header>
        <review-player time-format="timecode" no-download>
          <review-annotation-layer slot="overlay"></review-annotation-layer>
        </review-player>
        <comment-thread></comment-thread>
        <share-dialog playlist-id="301"></share-dialog>
      </review-session>
    `);
    const player = session.querySelector('review-player') as ReviewPlayer;
    const thread = session.querySelector('comment-thread')!;
    const header = session.querySelector('review-clip-header')!;
    const playlist = session.querySelector('review-playlist')!;
    // Opened: the media's first frame is on screen, the notes, the clip's name and the playlist are shown…
    await waitUntil(() => player.frameCount > 0, 'the player shows the clip', { timeout: 10000 });
    await waitUntil(() => thread.shadowRoot!.querySelectorAll('[data-comment-id]').length > 0, 'the thread shows the notes');
    await waitUntil(() => /hm_010|Hyperspace|\w/.test(header.shadowRoot!.textContent ?? ''), 'the header shows the clip');
    await waitUntil(() => (playlist.shadowRoot!.textContent ?? '').includes('hm_'), 'the playlist shows its clips');
    // …and nothing is still on its way.
    await waitUntil(() => log.inFlight === 0, 'no request in flight');

    expect(repeated(log), `asked more than once (all: ${log.requests.join(', ')})`).to.deep.equal([]);
    // The page did ask for what it shows.
    const paths = log.requests.map((r) => r.split('?')[0]);
    expect(paths).to.include.members([
      'GET /production/P/me',
      'GET /production/P/settings',
      'GET /production/P/mo/101',
      'GET /production/P/an/search',
    ]);
  });

  it('opens the share dialog from what the page loaded, and a second opening asks for nothing', async () => {
    const log: RequestLog = { requests: [], inFlight: 0 };
    const { apiBase, producerToken } = await referenceServer();
    const api = loggedApi(log, { apiBase, productionId: 'demo', token: producerToken });
    const session = await fixture<ReviewSession>(html`
      <review-session .api=${api}>
        <review-playlist playlist-id="301"></review-playlist>
        <share-dialog playlist-id="301"></share-dialog>
      </review-session>
    `);
    const playlist = session.querySelector('review-playlist')!;
    const dialog = session.querySelector('share-dialog')!;
    await waitUntil(() => (playlist.shadowRoot!.textContent ?? '').includes('hm_'), 'the playlist shows its clips');
    await waitUntil(() => log.inFlight === 0, 'no request in flight');
    const before = log.requests.length;

    dialog.open = true;
    await waitUntil(() => dialog.shadowRoot!.querySelector('h2')?.textContent?.includes('Share “'), 'the dialog names the playlist');
    await waitUntil(() => log.inFlight === 0, 'no request in flight');
    const opening = log.requests.slice(before).map((r) => r.split('?')[0]);
    // The playlist's name comes from the copy the playlist element loaded; the links and people are new.
    expect(opening).to.have.members(['GET /production/P/clientuser', 'GET /production/P/share']);

    dialog.open = false;
    await dialog.updateComplete;
    dialog.open = true;
    await dialog.updateComplete;
    await waitUntil(() => log.inFlight === 0, 'no request in flight');
    expect(log.requests.length - before, `asked again: ${log.requests.slice(before).join(', ')}`).to.equal(2);
  });
});
