/**
 * The room store (issue 23): a follower's review store gets the driver's clip and frame as the same requests
 * a user's controls send (selectClip, seek); the driver publishes what its store shows; hand-over turns it
 * round; a revoked share ends the client's place.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { ReviewStore } from '../../src/store/review-store.js';
import { RoomStore } from '../../src/store/room-store.js';
import { createDemoFixture } from '../../demo/fixture.js';

const PLAYLIST = 301;

function participant(api: MemoryReviewApi) {
  const review = new ReviewStore();
  const room = new RoomStore(api, review);
  const ready = (clipId: number) =>
    review.reportReady({
      clipId,
      frameCount: 100,
      frameRate: { num: 24, den: 1, dropFrame: false },
      timeFormat: 'frames',
      frameOffset: 0,
      timecodeStart: 0,
    });
  return { review, room, ready };
}

describe('RoomStore', () => {
  it('a follower is driven through its review store: the clip selected and the frame asked for, as a user would', async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const driver = participant(api);
    const follower = participant(api.forUser(3));
    await driver.room.join(PLAYLIST);
    await follower.room.join(PLAYLIST);
    expect(driver.room.drives).to.equal(true);
    expect(follower.room.drives).to.equal(false);

    // The driver picks a clip and steps: its own store changes, the room carries it.
    driver.review.selectClip(102);
    driver.ready(102);
    driver.review.reportFrame(17);
    await waitUntil(() => follower.review.navigation.state.wantedFrame?.frame === 17, 'the follower asks for frame 17');
    expect(follower.review.navigation.state.clipId).to.equal(102);
    expect(follower.review.navigation.state.wantedFrame?.clipId).to.equal(102);
    const seq = follower.review.navigation.state.wantedFrame!.seq;

    // The follower's player reaches the frame: nothing more is asked.
    follower.ready(102);
    follower.review.reportFrame(17);
    const followerOf = () => driver.room.state.room?.participants.find((p) => p.id === follower.room.state.me);
    await waitUntil(() => followerOf()?.clipId === 102 && followerOf()?.frame === 17, 'the driver sees where the follower is');
    driver.review.reportFrame(18);
    await waitUntil(() => follower.review.navigation.state.wantedFrame?.frame === 18);
    expect(follower.review.navigation.state.wantedFrame!.seq).to.equal(seq + 1);

    // Hand-over: the follower drives, the old driver follows.
    const followerId = follower.room.state.me!;
    driver.room.request({ action: 'hand-over', to: followerId });
    await waitUntil(() => follower.room.drives && !driver.room.drives, 'control changed hands');
    follower.review.reportFrame(40);
    await waitUntil(() => driver.review.navigation.state.wantedFrame?.frame === 40, 'the old driver follows');

    const minutes = await follower.room.exportMinutes('markdown');
    expect(minutes).to.contain('handed control to');
    driver.room.dispose();
    follower.room.dispose();
  });

  it('a client whose share allows rooms joins; when the share is revoked the place ends as not allowed', async () => {
    const studio = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const refused = await studio.createShare(PLAYLIST, { settings: { requirePassword: false } });
    const noRoom = studio.withToken((await studio.anonymous().openShareSession(refused.token, { name: 'Dana' })).token);
    const denied = participant(noRoom);
    await denied.room.join(PLAYLIST);
    expect(denied.room.state.status).to.equal('not-allowed');
    expect(denied.room.state.error?.message).to.contain('does not let its clients join');

    const share = await studio.createShare(PLAYLIST, { settings: { requirePassword: false, allowRoom: true } });
    const client = participant(studio.withToken((await studio.anonymous().openShareSession(share.token, { name: 'Dana' })).token));
    const driver = participant(studio);
    await driver.room.join(PLAYLIST);
    await client.room.join(PLAYLIST);
    expect(client.room.state.status).to.equal('joined');
    await studio.deleteShare(share.id);
    await waitUntil(() => client.room.state.status === 'not-allowed', 'the client is out');
    await waitUntil(() => driver.room.state.room?.participants.length === 1, 'the driver sees them gone');
    driver.room.dispose();
  });
});
