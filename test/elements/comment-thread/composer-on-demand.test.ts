/**
 * The composer is a chunk of its own: a reader who may not write never downloads it, and a writer's thread
 * fetches it and shows it. Its own file: a page loads a module once, so a test that showed a composer first
 * would hide whether the reader's thread fetched it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { $, mount } from './helpers.js';

const composerFetched = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/comment-composer.'));

describe('<comment-thread> loads its composer on demand', () => {
  it('a viewer never fetches it; a user who may write gets it with the thread', async () => {
    const reader = await mount({ userId: 4 });
    await reader.el.updateComplete;
    expect($(reader.el, '[part="read-only"]'), 'the read-only note').to.exist;
    expect(composerFetched(), 'composer fetched for a viewer').to.equal(false);
    expect(customElements.get('review-comment-composer')).to.equal(undefined);

    const writer = await mount({ userId: 1 });
    await writer.el.updateComplete; // waits for the composer's chunk
    expect(composerFetched()).to.equal(true);
    const composer = $(writer.el, 'review-comment-composer[mode="new"]');
    expect(composer?.constructor).to.equal(customElements.get('review-comment-composer'));
    await waitUntil(() => composer?.shadowRoot?.querySelector('textarea'), 'composer field shown');
  });
});
