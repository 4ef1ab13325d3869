/**
 * `<review-room>` (issue 23): who is in the room and their role, the driver handing control over on a
 * request, the states of one's place (joining, not allowed, closed), and that a follower's session is
 * driven to the driver's clip and frame through its store.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/review-session/define.js';
import '../../../src/elements/review-room/define.js';
import type { ReviewRoom } from '../../../src/elements/review-room/review-room.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../../demo/fixture.js';

async function mount(api: MemoryReviewApi) {
  const session = await fixture<ReviewSession>(
    html`<review-session .api=${api}><review-room playlist-id="301"></review-room></review-session>`,
  );
  const room = session.querySelector('review-room') as ReviewRoom;
  await waitUntil(() => room.shadowRoot?.querySelector('[part~="room"]'), 'the room box shows once the session is ready');
  return { session, room };
}

const text = (room: ReviewRoom) => room.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
const button = (room: ReviewRoom, label: RegExp) =>
  [...room.shadowRoot!.querySelectorAll('button')].find((b) => label.test(b.textContent!.replace(/\s+/g, ' ').trim())) as
    HTMLButtonElement | undefined;
const names = (room: ReviewRoom) =>
  [...room.shadowRoot!.querySelectorAll('[part~="participant"]')].map((li) => ({
    name: li.querySelector('.name')!.textContent!.replace('(you)', '').trim(),
    role: li.querySelector('[part~="role"]')!.textContent!.trim(),
  }));

describe('<review-room>', () => {
  it('lists who is in with their role; a request for control is accepted by the driver; the follower follows', async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const a = await mount(api);
    const b = await mount(api.forUser(3));
    expect(button(a.room, /^Join the room$/)).to.exist;

    button(a.room, /Join the room/)!.click();
    await waitUntil(() => text(a.room).includes('You drive'), 'the first in drives');
    button(b.room, /Join the room/)!.click();
    await waitUntil(() => names(a.room).length === 2 && names(b.room).length === 2, 'both see both');
    expect(names(b.room)).to.deep.equal([
      { name: 'Pat Producer', role: 'Driver' },
      { name: 'Alex Artist', role: 'Annotator' },
    ]);
    expect(text(b.room)).to.contain('Pat Producer drives');
    expect(a.room.shadowRoot!.querySelector('ul')!.getAttribute('aria-label')).to.equal('In the room');

    // The driver's session moves: the follower's session is asked for that clip and frame.
    a.session.store.selectClip(103);
    a.session.store.reportReady({
      clipId: 103,
      frameCount: 48,
      frameRate: { num: 24, den: 1, dropFrame: false },
      timeFormat: 'frames',
      frameOffset: 0,
      timecodeStart: 0,
    });
    a.session.store.reportFrame(12);
    await waitUntil(() => b.session.store.navigation.state.wantedFrame?.frame === 12, 'the follower is asked for frame 12');
    expect(b.session.currentClipId).to.equal(103);

    // Ask, accept: control changes hands.
    button(b.room, /Ask for control/)!.click();
    await waitUntil(() => text(a.room).includes('Alex Artist asks for control'), 'the driver sees the request');
    expect(button(b.room, /Withdraw the request/)!.getAttribute('aria-pressed')).to.equal('true');
    const request = a.room.shadowRoot!.querySelector('[part~="request"]')!;
    (request.querySelector('button.primary') as HTMLButtonElement).click();
    await waitUntil(() => text(b.room).includes('You drive') && text(a.room).includes('Alex Artist drives'), 'handed over');
    expect(button(b.room, /Close the room/)).to.exist;
    expect(button(a.room, /Close the room/)).to.not.exist;

    // The new driver closes the room: both say so.
    button(b.room, /Close the room/)!.click();
    await waitUntil(() => text(a.room).includes('The room was closed.'), 'the follower hears it closed');
    expect(button(a.room, /Join again/)).to.exist;
  });

  it('says why a client may not join, and shows nothing on a backend without rooms', async () => {
    const studio = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const share = await studio.createShare(301, { settings: { requirePassword: false } });
    const client = studio.withToken((await studio.anonymous().openShareSession(share.token, { name: 'Dana' })).token);
    const { room } = await mount(client);
    button(room, /Join the room/)!.click();
    await waitUntil(() => room.shadowRoot!.querySelector('[part~="error"][role="alert"]'), 'a refusal');
    expect(text(room)).to.contain('this share does not let its clients join the review room');

    const none = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1, capabilities: { rooms: false } });
    const session = await fixture<ReviewSession>(
      html`<review-session .api=${none}><review-room playlist-id="301"></review-room></review-session>`,
    );
    await waitUntil(() => session.status === 'ready');
    const hidden = session.querySelector('review-room') as ReviewRoom;
    await hidden.updateComplete;
    expect(hidden.shadowRoot!.querySelector('[part~="room"]')).to.equal(null);
  });
});
