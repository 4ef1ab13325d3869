import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ClipAnnotation } from '../../../src/contract/types.js';
import type { PlayerMarker, ReviewPlayer } from '../../../src/elements/review-player/review-player.js';
import { bucketFrames } from '../../../src/elements/review-player/timeline-markers.js';
import { mountPlayer } from './helpers.js';

const CLIP = { name: 'bars-24.mp4', fps: '24', frames: 96 };
const $ = <T extends Element = HTMLElement>(el: ReviewPlayer, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: ReviewPlayer, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function note(id: number, frame: number, what: string): PlayerMarker {
  const comment = {
    id,
    mediaObjectId: 1,
    description: what,
    relatedToId: null,
    start: frame,
    creatorName: 'Pat',
  } as ClipAnnotation;
  return { id, frame, label: `Pat: ${what}`, comment };
}

/** How often the player built its markers (each build records a `review-player:markers` measure). */
const markerBuilds = () => performance.getEntriesByName('review-player:markers', 'measure').length;

describe('<review-player> timeline markers', function () {
  this.timeout(40000);

  describe('bucketFrames', () => {
    it('merges notes closer than a cell and keeps apart notes on their frames', () => {
      // 101 frames on 160 px: 10 cells of 16 px, 10 frames each
      const buckets = bucketFrames([0, 3, 3, 9, 10, 50, 100], 101, 160, 16);
      expect(buckets.map((b) => [b.start, b.end])).to.deep.equal([
        [0, 4],
        [4, 5],
        [5, 6],
        [6, 7],
      ]);
      expect(buckets[0].x).to.equal(0.05); // a crowded cell: its middle
      expect(buckets.slice(1).map((b) => b.x)).to.deep.equal([0.1, 0.5, 1]); // one note: its frame
    });

    it('crowded marks stand a cell apart; as many buckets at most as cells, whatever the count', () => {
      expect(bucketFrames([7, 7, 7, 12, 15], 101, 160, 16)).to.deep.equal([
        { start: 0, end: 3, x: 0.05 },
        { start: 3, end: 5, x: 0.15 },
      ]);
      const frames = Array.from({ length: 10000 }, (_, i) => Math.floor(i / 10));
      const buckets = bucketFrames(frames, 1000, 800);
      expect(buckets.length).to.be.at.most(800 / 24);
      expect(buckets[0].start).to.equal(0);
      expect(buckets[buckets.length - 1].end).to.equal(10000);
      for (let i = 1; i < buckets.length; i++) expect(buckets[i].start).to.equal(buckets[i - 1].end);
    });
  });

  it('a frame change does not rebuild the markers; new notes do', async () => {
    const el = await mountPlayer(CLIP);
    el.markers = [note(1, 12, 'edge'), note(2, 40, 'grade'), note(3, 70, 'hold')];
    await el.updateComplete;
    expect($$(el, '[part~="marker"]')).to.have.length(3);
    const before = markerBuilds();
    await el.seekToFrame(30);
    await el.stepFrames(1);
    await el.stepFrames(1);
    await el.updateComplete;
    expect(el.currentFrame).to.equal(32);
    expect($(el, '[part~="time"] .current')!.textContent).to.equal('32'); // the counter did follow
    expect(markerBuilds() - before, 'marker builds on frame changes').to.equal(0);

    el.markers = [...el.markers, note(4, 90, 'end')];
    await el.updateComplete;
    expect(markerBuilds() - before).to.equal(1);
    expect($$(el, '[part~="marker"]')).to.have.length(4);
  });

  it('crowded notes merge into one marker with a count, and hover or focus lists its notes', async () => {
    const el = await mountPlayer(CLIP);
    // Three frames in one 24 px cell of this timeline.
    const cells = Math.floor($(el, '[part~="timeline"]')!.getBoundingClientRect().width / 24);
    const cellOf = (frame: number) => Math.floor((frame / 95) * cells);
    let f = 25;
    while (cellOf(f) !== cellOf(f + 2)) f++;
    el.markers = [
      note(1, 5, 'edge'),
      note(2, f, 'grade'),
      note(3, f, 'sky'),
      note(4, f + 1, 'flare'),
      note(5, f + 2, 'hair'),
      note(6, 80, 'end'),
    ];
    await el.updateComplete;
    const markers = $$<HTMLButtonElement>(el, '[part~="marker"]');
    expect(markers.map((m) => m.dataset.count)).to.deep.equal(['1', '4', '1']);
    const stack = markers[1];
    expect(stack.getAttribute('part')).to.equal('marker stack');
    expect(text(stack)).to.equal('4');
    expect(stack.getAttribute('aria-label')).to.equal(`4 comments from ${f} to ${f + 2}`);
    expect($(el, '[part~="marker-notes"]')).to.equal(null);

    stack.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await el.updateComplete;
    const list = $(el, '[part~="marker-notes"]')!;
    expect([...list.querySelectorAll('li')].map(text)).to.deep.equal([
      `${f} Pat: grade`,
      `${f} Pat: sky`,
      `${f + 1} Pat: flare`,
      `${f + 2} Pat: hair`,
    ]);
    stack.dispatchEvent(new PointerEvent('pointerout', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect($(el, '[part~="marker-notes"]')).to.equal(null);

    // Keyboard: Tab to the marker; the list describes it.
    markers[0].focus();
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(stack);
    expect(stack.getAttribute('aria-describedby')).to.equal('marker-notes');
    expect($(el, '#marker-notes li')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('a crowded marker lists the first notes and counts the rest', async () => {
    const el = await mountPlayer(CLIP);
    el.markers = Array.from({ length: 200 }, (_, i) => note(i + 1, 50, `n${i + 1}`));
    await el.updateComplete;
    const [stack] = $$(el, '[part~="marker"]');
    expect(text(stack)).to.equal('99+');
    expect(stack.getAttribute('aria-label')).to.equal('200 comments at 50');
    stack.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect($$(el, '[part~="marker-notes"] li')).to.have.length(12);
    expect(text($(el, '[part~="marker-notes"] p'))).to.equal('and 188 more');
  });

  it(', and . visit every note in frame order, also several on one frame, and announce each', async () => {
    const el = await mountPlayer(CLIP);
    el.markers = [note(5, 70, 'e'), note(1, 12, 'a'), note(2, 30, 'b'), note(3, 30, 'c'), note(4, 31, 'd')];
    await el.updateComplete;
    const selected: number[] = [];
    el.addEventListener('review-comment-select', (e) => selected.push(e.detail.comment.id));
    const press = async (key: string, frame: number) => {
      $(el, '[part~="stage"]')!.focus();
      await sendKeys({ press: key });
      await waitUntil(() => el.currentFrame === frame, `${key} → ${frame} (at ${el.currentFrame})`, { timeout: 8000 });
      await el.updateComplete;
    };
    for (const frame of [12, 30, 30, 31, 70]) await press('.', frame);
    expect(selected).to.deep.equal([1, 2, 3, 4, 5]);
    expect(text($(el, '[role="status"][aria-live="polite"]'))).to.equal('Comment 5 of 5 at 70: Pat: e');
    for (const frame of [31, 30, 30, 12]) await press(',', frame);
    expect(selected).to.deep.equal([1, 2, 3, 4, 5, 4, 3, 2, 1]);
    expect(text($(el, '[role="status"][aria-live="polite"]'))).to.equal('Comment 1 of 5 at 12: Pat: a');
  });
});
