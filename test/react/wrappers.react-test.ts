// The React 19 wrappers of `review-elements/react`, rendered with react-dom/client in Chromium.
// Written with React.createElement (no JSX build step). Run: npm run test:react
import * as React from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../demo/fixture.js';
import type { ReviewCustomEvent } from '../../src/events.js';
import type { ReviewPlaylist as ReviewPlaylistElement } from '../../src/elements/review-playlist/review-playlist.js';
import { ReviewPlaylist, ReviewSession, ReviewStatusPicker, reactEvents } from '../../src/react/index.js';

const h = React.createElement;

let container: HTMLElement;
let root: Root;

function render(tree: React.ReactNode): void {
  flushSync(() => root.render(tree));
}

const clipButtons = (el: ReviewPlaylistElement) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('li[part="item"] .select')];

describe('review-elements/react', () => {
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('passes props as element properties and calls onReview… handlers with the typed event', async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const fromPlaylist: number[] = [];
    const fromSession: number[] = [];
    render(
      h(
        ReviewSession,
        { api, onReviewClipSelect: (e: ReviewCustomEvent<'review-clip-select'>) => fromSession.push(e.detail.clipId) },
        h(ReviewPlaylist, { playlistId: 301, onReviewClipSelect: (e) => fromPlaylist.push(e.detail.clipId) }),
        h(ReviewStatusPicker, { label: 'Status of the clip' }),
      ),
    );
    const session = container.querySelector('review-session')!;
    const playlist = container.querySelector('review-playlist')!;
    // An object prop reaches the element as a property, not a stringified attribute.
    expect(session.api).to.equal(api);
    expect(session.hasAttribute('api')).to.be.false;
    expect(playlist.playlistId).to.equal(301);
    expect(container.querySelector('review-status-picker')!.label).to.equal('Status of the clip');

    // The playlist loads its clips from the API given to the session.
    await waitUntil(() => clipButtons(playlist).length === 4, 'playlist rendered its clips', { timeout: 10000 });
    clipButtons(playlist)[2].click();
    expect(fromPlaylist).to.deep.equal([103]);
    // The container wrapper also maps the events that bubble up to it.
    expect(fromSession).to.deep.equal([103]);
  });

  it('swaps event handlers on re-render (the old one is no longer called)', async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const calls: string[] = [];
    const tree = (tag: string) =>
      h(ReviewSession, { api }, h(ReviewPlaylist, { playlistId: 301, onReviewClipSelect: () => calls.push(tag) }));
    render(tree('first'));
    const playlist = container.querySelector('review-playlist')!;
    await waitUntil(() => clipButtons(playlist).length === 4, 'playlist rendered its clips', { timeout: 10000 });
    render(tree('second'));
    clipButtons(playlist)[0].click();
    expect(calls).to.deep.equal(['second']);
  });

  it('has a wrapper for every element of custom-elements.json, mapping every documented review event', async () => {
    interface Decl {
      customElement?: boolean;
      tagName?: string;
      events?: { name?: string }[];
    }
    const manifest: { modules: { path: string; declarations?: Decl[] }[] } = await (await fetch('/custom-elements.json')).json();
    const problems: string[] = [];
    for (const mod of manifest.modules) {
      // Elements with their own folder (sub-elements are internal to their parent).
      if (!/^src\/elements\/([^/]+)\/\1\.ts$/.test(mod.path)) continue;
      for (const d of mod.declarations ?? []) {
        if (!d.customElement || !d.tagName) continue;
        const mapped = reactEvents[d.tagName];
        if (!mapped) {
          problems.push(`no React wrapper for <${d.tagName}>`);
          continue;
        }
        for (const e of d.events ?? []) {
          if (e.name?.startsWith('review-') && !Object.values(mapped).includes(e.name as never)) {
            problems.push(`<${d.tagName}> wrapper does not map ${e.name}`);
          }
        }
      }
    }
    expect(problems).to.deep.equal([]);
    expect(reactEvents['review-player']).to.include({ onReviewFrameChange: 'review-frame-change' });
    expect(reactEvents['review-session']).to.include({ onReviewCommentCreated: 'review-comment-created' });
  });
});
