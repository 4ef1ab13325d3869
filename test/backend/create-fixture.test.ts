import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createFixture } from '../../src/backend/fixture.js';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { newComment } from '../../src/contract/comment-patch.js';
import '../../src/define.js';
import type { ReviewPlayer } from '../../src/elements/review-player/review-player.js';
import type { ReviewSession } from '../../src/elements/review-session/review-session.js';

describe('createFixture (the "no server" recipe of the docs)', () => {
  it('fills the defaults a backend needs from just the clips', async () => {
    const api = new MemoryReviewApi({
      fixture: createFixture({
        clips: [
          { name: 'sh010_v001', url: '/test/media/bars-2997.webm', frameCount: 120, fps: 29.97 },
          { name: 'poster', url: '/test/media/still.png', frameCount: 1 },
        ],
      }),
      userId: 1,
    });
    const me = await api.getMe();
    expect(me.rights).to.include.members(['REVIEW_EDIT', 'REVIEW_STATUS_EDIT', 'SHARE_MANAGE']);
    const [video, still] = await Promise.all([api.getClip(101), api.getClip(102)]);
    expect(video.media.frameRate).to.deep.equal({ num: 30000, den: 1001, dropFrame: true });
    expect(video.media.mimeType).to.equal('video/webm');
    expect(still.media.mimeType).to.equal('image/png');
    expect((await api.getPlaylist(301)).clipIds).to.deep.equal([101, 102]);
    expect((await api.getMediaObjectAnnotation(101)).reviewStatus).to.equal('NOT_APPROVED');
    expect((await api.searchComments({ mediaObjectId: 101 })).items).to.have.length(0);
  });

  it('is enough for a session, a player on the right frame and a posted comment', async () => {
    const api = new MemoryReviewApi({
      fixture: createFixture({ clips: [{ name: 'bars', url: '/test/media/bars-24.mp4', frameCount: 96, fps: 24 }] }),
      userId: 1,
    });
    const session = await fixture<ReviewSession>(html`
      <review-session .api=${api} clip-id="101">
        <review-player></review-player>
        <comment-thread></comment-thread>
      </review-session>
    `);
    await session.loaded;
    const player = session.querySelector('review-player') as ReviewPlayer;
    await waitUntil(() => player.frameCount === 96, 'the player loads the clip from the fixture', { timeout: 10_000 });
    await player.seekToFrame(30);
    expect(player.currentFrame).to.equal(30);
    const created = await api.createComment(newComment({ mediaObjectId: 101, start: 30, description: 'from the recipe' }));
    expect(created.creatorName).to.equal('Studio User');
    const thread = session.querySelector('comment-thread')!;
    await waitUntil(() => thread.shadowRoot?.textContent?.includes('from the recipe'), 'the thread shows the new comment live');
  });

  it('lets a caller override any part', () => {
    const f = createFixture({
      clips: [{ id: 7, name: 'a', url: '/a.mp4', frameCount: 10 }],
      user: { name: 'Casey', rights: [] },
      overrides: { productionId: 'p42' },
    });
    expect(f.productionId).to.equal('p42');
    expect(f.users[0]).to.include({ id: 1, name: 'Casey' });
    expect(f.users[0].rights).to.deep.equal([]);
    expect(f.clips[0].id).to.equal(7);
    expect(f.clips[0].media.frameRate).to.deep.equal({ num: 24, den: 1, dropFrame: false });
  });
});
