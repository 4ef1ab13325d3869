/**
 * Page of bench/notes-scale.bench.mjs: the studio review page (session, clip header, player with the
 * annotation layer, status picker, comment thread) on the reference server through RestReviewApi, as
 * the demo portal's review view mounts it. The bench's Vite server proxies /api and /media to the
 * reference server, so the page is same-origin. Sets `window.benchStart` when the page starts mounting.
 */
import { html, render } from 'lit';
import { RestReviewApi } from '../../src/client/rest-review-api.js';
import '../../src/define.js';

declare global {
  interface Window {
    benchStart?: number;
  }
}

const login = await fetch('/api/auth/login', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ email: 'producer@demo.test', password: 'producer' }),
});
const { token } = (await login.json()) as { token: string };
// No events stream: the bench measures loading and playing, and a proxied stream would only add noise.
const api = new RestReviewApi({ baseUrl: `${location.origin}/api`, productionId: 'demo', token, eventSource: null });
window.benchStart = performance.now();
render(
  html`<review-session .api=${api} clip-id="101">
    <section class="stage">
      <review-clip-header></review-clip-header>
      <review-player time-format="timecode" no-download>
        <review-annotation-layer slot="overlay"></review-annotation-layer>
      </review-player>
      <review-status-picker></review-status-picker>
    </section>
    <comment-thread></comment-thread>
  </review-session>`,
  document.getElementById('host')!,
);
