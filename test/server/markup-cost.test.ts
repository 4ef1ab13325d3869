/**
 * Unclosed markup costs about what plain text costs (security finding: 10 kB of `#{#{…` blocked the server
 * ~230 ms per create against ~5 ms for plain text, a regular expression rescanning the rest of the text from
 * every marker). Measured against plain text of the same length in the same run, interleaved, so a busy
 * machine slows both alike; the quadratic parser was over 20× slower, the bound allows 4×.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MAX_DESCRIPTION_LENGTH } from '../../src/contract/types.js';
import { API, newComment, testServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

async function timedCreate(description: string): Promise<number> {
  const started = performance.now();
  const res = await s.call('POST', `${API}/mo/101/clip`, {
    token: s.tokens.producer,
    body: newComment({ description, mentionIds: [], tags: [] }),
  });
  const elapsed = performance.now() - started;
  assert.equal(res.status, 201, res.text);
  assert.equal(res.body.description, description);
  return elapsed;
}

test('notes of unclosed #{ and @{ markers at the longest allowed length are stored and listed as fast as plain text', async () => {
  const plain = 'a'.repeat(MAX_DESCRIPTION_LENGTH);
  const markers = ['#{'.repeat(MAX_DESCRIPTION_LENGTH / 2), '@{2,'.repeat(MAX_DESCRIPTION_LENGTH / 4)];
  await timedCreate(plain); // warm-up
  let plainMs = 0;
  let markupMs = 0;
  for (let i = 0; i < 16; i++) {
    plainMs += await timedCreate(plain);
    markupMs += await timedCreate(markers[i % 2]);
  }
  assert.ok(markupMs < 4 * plainMs + 100, `16 creates: markup ${markupMs.toFixed(0)} ms, plain text ${plainMs.toFixed(0)} ms`);
  const list = await s.call('GET', `${API}/an/search?fq=mediaObjectId:101&fq=funnel:ReviewComment&limit=200`, { token: s.tokens.producer });
  assert.equal(list.status, 200);
  assert.equal(list.body.filter((c: { description: string }) => c.description === markers[0]).length, 8);
});
