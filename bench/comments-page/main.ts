/**
 * Page of bench/comments.bench.mjs (also handy to look at the element): `?mode=virtual` mounts
 * `<comment-thread>` in a `<review-session>` on MemoryReviewApi with `n` extra comments; `?mode=plain`
 * renders the same comments as a plain, non-virtualized Lit list (the baseline). Sets
 * `window.benchReady` when the first comments are on screen.
 */
import { html, render } from 'lit';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { markupToPlainText } from '../../src/contract/markup.js';
import { createBulkComments, createDemoFixture } from '../../demo/fixture.js';
import '../../src/elements/review-session/define.js';
import '../../src/elements/comment-thread/define.js';

declare global {
  interface Window {
    benchReady?: boolean;
    benchStart?: number;
  }
}

const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'virtual';
const n = Number(params.get('n') ?? 10_000);
const userId = Number(params.get('user') ?? 1);

const fixture = createDemoFixture({ mediaBase: '/demo/media' });
const extra = createBulkComments(n);
fixture.comments.push(...extra);
const host = document.getElementById('host')!;
window.benchStart = performance.now();

if (mode === 'plain') {
  // Baseline: every comment in the DOM, same data, no virtualization.
  const all = [...fixture.comments].sort((a, b) => a.start - b.start);
  render(
    html`<div class="plain" role="list">
      ${all.map(
        (c) => html`<article role="listitem">
          <h3>${c.creatorName}</h3>
          <button type="button">${c.start}</button>
          <time datetime=${c.created}>${new Date(c.created).toLocaleString()}</time>
          <p>${markupToPlainText(c.description)}</p>
        </article>`,
      )}
    </div>`,
    host,
  );
  requestAnimationFrame(() => (window.benchReady = true));
} else {
  const api = new MemoryReviewApi({ fixture, userId });
  render(html`<review-session .api=${api} clip-id="101"><comment-thread></comment-thread></review-session>`, host);
  const thread = document.querySelector('comment-thread')!;
  const poll = () => {
    if (thread.shadowRoot?.querySelector('[role="listitem"]')) window.benchReady = true;
    else requestAnimationFrame(poll);
  };
  poll();
}
