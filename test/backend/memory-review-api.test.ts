import { expect } from '@open-wc/testing';
import { MemoryBackend, MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { ReviewApiError } from '../../src/contract/errors.js';
import { newComment } from '../../src/contract/comment-patch.js';
import type { ReviewEvent } from '../../src/contract/types.js';
import { createDemoFixture } from '../../demo/fixture.js';
import { describeReviewApiContract, expectApiError } from '../contract/review-api-contract.js';

const backend = new MemoryBackend(createDemoFixture());
describeReviewApiContract('MemoryReviewApi', async (email) => new MemoryReviewApi({ backend, email }));

describe('MemoryReviewApi specifics', () => {
  const fresh = (userId = 1) => new MemoryReviewApi({ fixture: createDemoFixture(), userId });
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('never hands out its internal objects', async () => {
    const api = fresh();
    const clip = await api.getClip(101);
    clip.name = 'mutated';
    clip.media.frameCount = 1;
    const again = await api.getClip(101);
    expect(again.name).to.equal('hm_010_0040_comp_v012');
    expect(again.media.frameCount).to.equal(96);
    const input = newComment({ mediaObjectId: 101, start: 1, description: 'copy in' });
    const created = await api.createComment(input);
    input.description = 'changed after the call';
    created.description = 'changed the answer';
    const stored = (await api.searchComments({ mediaObjectId: 101 })).items.find((c) => c.id === created.id)!;
    expect(stored.description).to.equal('copy in');
  });

  it('does not share data between two fixtures', async () => {
    const a = fresh();
    const b = fresh();
    await a.createComment(newComment({ mediaObjectId: 102, start: 1, description: 'only in a' }));
    expect((await a.searchComments({ mediaObjectId: 102 })).total).to.equal(2);
    expect((await b.searchComments({ mediaObjectId: 102 })).total).to.equal(1);
  });

  it('delivers changes of another instance on the same backend, filtered for clients', async () => {
    const pat = fresh(1);
    const alex = pat.forUser('artist@demo.test');
    const events: ReviewEvent[] = [];
    const stop = pat.subscribe((e) => events.push(e));
    const c = await alex.createComment(newComment({ mediaObjectId: 101, start: 3, description: 'hi' }));
    await tick();
    expect(events.map((e) => e.type)).to.deep.equal(['comment.created']);
    expect(events[0]).to.deep.include({ type: 'comment.created' });
    expect((events[0] as { comment: { id: number } }).comment.id).to.equal(c.id);

    const share = await pat.createShare(302, { password: 'pass1' });
    const session = await pat.anonymous().openShareSession(share.token, { password: 'pass1' });
    const client = pat.withToken(session.token);
    const clientEvents: ReviewEvent[] = [];
    client.subscribe((e) => clientEvents.push(e));
    await alex.createComment(newComment({ mediaObjectId: 101, start: 3, description: 'not in the playlist' }));
    await pat.createComment(newComment({ mediaObjectId: 102, start: 3, description: 'internal', internal: true }));
    const visible = await pat.createComment(newComment({ mediaObjectId: 102, start: 3, description: 'visible' }));
    await tick();
    expect(clientEvents.map((e) => (e.type === 'comment.created' ? e.comment.id : e.type))).to.deep.equal([visible.id]);
    stop();
  });

  it('injects faults: status, network, timeout and custom errors, before anything is stored', async () => {
    const api = fresh();
    api.failNext('createComment', 500);
    const e = await expectApiError(api.createComment(newComment({ mediaObjectId: 101, start: 1, description: 'x' })), 500);
    expect(e.code).to.equal('SERVER_ERROR');
    expect((await api.searchComments({ mediaObjectId: 101 })).items.some((c) => c.description === 'x')).to.be.false;
    api.failNext('getMe', 'network', 2);
    expect((await api.getMe().catch((x: ReviewApiError) => x)) as ReviewApiError).to.include({ code: 'NETWORK', status: 0 });
    expect((await api.getMe().catch((x: ReviewApiError) => x)) as ReviewApiError).to.include({ code: 'NETWORK' });
    expect((await api.getMe()).user.id).to.equal(1);
    api.failNext('getSettings', 'timeout');
    expect(((await api.getSettings().catch((x) => x)) as ReviewApiError).code).to.equal('TIMEOUT');
    api.failNext('patchComment', new ReviewApiError(409, 'CONFLICT', 'custom'));
    expect(((await api.patchComment(5001, []).catch((x) => x)) as ReviewApiError).message).to.equal('custom');

    const flaky = new MemoryReviewApi({
      fixture: createDemoFixture(),
      userId: 1,
      faults: (method) => (method === 'listClips' ? 503 : undefined),
    });
    await expectApiError(flaky.listClips(), 503);
    expect((await flaky.getMe()).user.id).to.equal(1);
  });

  it('holds a call pending until released or failed', async () => {
    const api = fresh();
    const hold = api.holdNext('setReviewStatus');
    let done = false;
    const call = api.setReviewStatus(201, 'APPROVED').then((m) => ((done = true), m));
    await hold.reached;
    await tick();
    expect(done).to.be.false;
    expect((await api.getMediaObjectAnnotation(101)).reviewStatus).to.equal('NEEDS_WORK');
    hold.release();
    expect((await call).reviewStatus).to.equal('APPROVED');

    const hold2 = api.holdNext('setReviewStatus');
    const call2 = api.setReviewStatus(201, 'NOT_APPROVED');
    hold2.fail(409);
    await expectApiError(call2, 409);
    expect((await api.getMediaObjectAnnotation(101)).reviewStatus).to.equal('APPROVED');
  });

  it('waits the configured latency', async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1, latency: 30 });
    let done = false;
    const p = api.getMe().then(() => (done = true));
    await tick();
    expect(done).to.be.false;
    await p;
    expect(done).to.be.true;
  });

  it('anonymous calls are refused with 401; unknown users too', async () => {
    const api = fresh().anonymous();
    await expectApiError(api.getMe(), 401);
    await expectApiError(fresh().forUser(99).getMe(), 401);
    expect(() => new MemoryReviewApi({})).to.throw(ReviewApiError);
  });

  it('rate-limits wrong share passwords with 429', async () => {
    const pat = fresh();
    const share = await pat.createShare(301, { password: 'right-one' });
    for (let i = 0; i < 5; i++) await expectApiError(pat.openShareSession(share.token, { password: 'nope' }), 401, 'password');
    await expectApiError(pat.openShareSession(share.token, { password: 'right-one' }), 429);
  });

  it('shows clients the client version name and no source link unless downloads are allowed', async () => {
    const pat = fresh();
    const share = await pat.createShare(302, { password: 'pass1', settings: { allowDownload: false } });
    const session = await pat.openShareSession(share.token, { password: 'pass1' });
    const clip = await pat.withToken(session.token).getClip(102);
    expect(clip.name).to.equal('Hangar lighting — v4');
    expect(clip.sourceUrl).to.equal(null);
  });

  it('deleting a root removes its replies', async () => {
    const pat = fresh();
    await pat.deleteComments([5001]);
    const ids = (await pat.searchComments({ mediaObjectId: 101 })).items.map((c) => c.id);
    expect(ids).to.not.include(5001);
    expect(ids).to.not.include(5002);
  });
});

describe('MemoryReviewApi options', () => {
  it('builds share links with shareUrl and expires shares on its clock', async () => {
    let now = Date.parse('2026-11-02T09:00:00Z');
    const api = new MemoryReviewApi({
      fixture: createDemoFixture(),
      userId: 1,
      shareUrl: (token) => `https://review.example/s/${token}`,
      now: () => new Date(now),
    });
    const share = await api.createShare(302, { password: 'pass1', settings: { expiresInDays: 2 } });
    expect(share.url).to.equal(`https://review.example/s/${share.token}`);
    expect(share.expiresAt).to.equal('2026-11-04T09:00:00.000Z');
    expect((await api.getPublicShare(share.token)).expired).to.be.false;
    now += 3 * 86_400_000;
    await expectApiError(api.getPublicShare(share.token), 410);
  });
});
