/**
 * Sixteen notes of unclosed markup at the longest allowed length (security finding: they froze the studio
 * page for seconds and each keystroke in the filter stalled ~2 s, a regular expression rescanning the text
 * from every `#{`). The thread shows them and filters them; with the quadratic parser this overran the
 * test's timeout.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MAX_DESCRIPTION_LENGTH } from '../../../src/contract/types.js';
import { newComment } from '../../../src/contract/new-comment.js';
import { $, commentIds, mount } from './helpers.js';

describe('<comment-thread> with notes full of unclosed markers', () => {
  it('shows sixteen of them and filters them as it does plain notes', async () => {
    const m = await mount();
    const before = commentIds(m.el).length;
    const producer = m.api.forUser(1);
    const ids: number[] = [];
    for (let i = 0; i < 16; i++) {
      const marker = i % 2 ? '#{' : '@{2,';
      const description = `${i === 7 ? 'needle ' : ''}${marker.repeat(Math.floor((MAX_DESCRIPTION_LENGTH - 7) / marker.length))}`;
      const c = await producer.createComment(newComment({ mediaObjectId: 101, description, start: 20 + i }));
      ids.push(c.id);
    }
    await waitUntil(() => commentIds(m.el).length === before + 16, 'all sixteen shown', { timeout: 15000 });
    const search = $<HTMLInputElement>(m.el, 'input[type="search"]')!;
    search.value = 'needle';
    search.dispatchEvent(new Event('input'));
    await waitUntil(() => commentIds(m.el).length === 1, 'one match', { timeout: 15000 });
    expect(commentIds(m.el)).to.deep.equal([ids[7]]);
  });
});
