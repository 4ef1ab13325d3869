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

async function setUp(requests: string[], inFlight: { count: number }) {
  const { apiBase } = (await (await fetch('/__review-server')).json()) as { apiBase: string };
  const login = await fetch(`${apiBase}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'producer@demo.test', password: 'producer' }),
  });
  const { token } = (await login.json()) as { token: string };
  const studio = new RestReviewApi({ baseUrl: apiBase, productionId: 'demo', token, eventSource: null, retry: 0 });
  const share = await studio.createShare(301, { password: null, settings: { requirePassword: false } });
  const counting: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname.replace(/^.*\/api/, '').replace(/\/production\/[^/]+/, '/production/P')}${url.search}`);
    inFlight.count++;
    try {
      return await fetch(request);
    } finally {
      inFlight.count--;
    }
  };
  const anonymous = new RestReviewApi({ baseUrl: apiBase, productionId: '', fetch: counting, eventSource: null, retry: 0 });
  return { share, anonymous };
}

describe('the client page', () => {
  beforeEach(() => sessionStorage.clear());

  it('requests each resource once as a client enters and the first clip opens', async () => {
    const requests: string[] = [];
    const inFlight = { count: 0 };
    const { share, anonymous } = await setUp(requests, inFlight);
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
      throw new Error(`the playlist shows: ${playlist.shadowRoot!.textContent!.replace(/\s+/g, ' ')}; requests: ${requests.join(', ')}`);
    });
    await waitUntil(() => inFlight.count === 0, 'no request in flight');

    const times = new Map<string, number>();
    for (const r of requests) times.set(r, (times.get(r) ?? 0) + 1);
    const twice = [...times].filter(([, n]) => n > 1).map(([r, n]) => `${r} ×${n}`);
    expect(twice, `asked more than once (all: ${requests.join(', ')})`).to.deep.equal([]);
  });
});
