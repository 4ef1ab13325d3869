import { expect } from '@open-wc/testing';
import { formatCommentsExport, frameToSeconds, toCsv, toSrt, toWebVtt, withInternalNotes } from '../../src/backend/export-formats.js';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import type { ClipAnnotation } from '../../src/contract/types.js';
import { createDemoFixture } from '../../demo/fixture.js';

describe('export formats', () => {
  const fixture = createDemoFixture();
  const clip101 = fixture.comments.filter((c) => c.mediaObjectId === 101);
  const fps24 = { num: 24, den: 1, dropFrame: false };

  it('converts frames with rational rates exactly', () => {
    expect(frameToSeconds(24, fps24)).to.equal(1);
    expect(frameToSeconds(24000, { num: 24000, den: 1001, dropFrame: false })).to.equal(1001);
  });

  it('writes WebVTT cues in thread order with authors and plain-text markup', () => {
    const vtt = toWebVtt(clip101, { frameRate: fps24, clipName: 'hm_010' });
    expect(vtt).to.equal(
      'WEBVTT - hm_010\n\n' +
        'comment-5001\n00:00:00.500 --> 00:00:00.542\nSam Supervisor: Edge of the ship flickers here, @Alex Artist can you check the #comp matte?\n\n' +
        'comment-5002\n00:00:00.500 --> 00:00:00.542\n↳ Alex Artist: On it — the holdout was one frame late. Fixed in v013.\n\n' +
        'comment-5003\n00:00:01.667 --> 00:00:01.708\nPat Producer: Client asked for a warmer grade in this section. #grade\n\n' +
        'comment-5004\n00:00:02.917 --> 00:00:02.958\nSam Supervisor: Internal: hold this until the client sees v013. #internal\n',
    );
  });

  it('marks internal notes, or leaves them and the replies in their threads out', async () => {
    const internalRoot = clip101.find((c) => c.customFields?.internal)!;
    const reply: ClipAnnotation = { ...clip101[1], id: 9001, relatedToId: internalRoot.id, description: 'Agreed, wait for v013.' };
    const notes = [...clip101, reply];
    const omitted = withInternalNotes(notes, 'omit', 'vtt');
    expect(omitted.map((c) => c.id)).to.deep.equal(clip101.filter((c) => !c.customFields?.internal).map((c) => c.id));
    const marked = withInternalNotes(notes, 'mark', 'srt');
    expect(marked.find((c) => c.id === internalRoot.id)!.description).to.match(/^\[Internal\] Internal: hold this/);
    expect(marked.find((c) => c.id === reply.id)!.description, 'a reply is not itself internal').to.equal('Agreed, wait for v013.');
    // CSV and JSON carry the flag as data: the text stays as written.
    expect(withInternalNotes(notes, 'mark', 'csv').find((c) => c.id === internalRoot.id)!.description).to.equal(internalRoot.description);
    // The in-browser backend takes the same choice, and refuses an unknown one.
    const api = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    expect(await api.exportComments(101, 'vtt', { internalNotes: 'omit' })).to.not.contain('hold this');
    expect(await api.exportComments(101, 'vtt')).to.contain('[Internal] Internal: hold this');
    const refused = await api.exportComments(101, 'vtt', { internalNotes: 'hide' as 'omit' }).catch((e: Error) => e);
    expect((refused as Error).message).to.contain('internalNotes');
  });

  it('keeps a cue intact when the text contains --> or blank lines', () => {
    const c: ClipAnnotation = { ...clip101[0], description: 'a --> b\n\nc' };
    expect(toWebVtt([c], { frameRate: fps24 })).to.contain('Sam Supervisor: a -> b\nc\n');
    expect(toSrt([c], { frameRate: fps24 })).to.equal('1\n00:00:00,500 --> 00:00:00,542\nSam Supervisor: a --> b\nc\n');
  });

  it('writes RFC 4180 CSV and defuses spreadsheet formulas', () => {
    const c: ClipAnnotation = { ...clip101[0], description: '=HYPERLINK("x"), "quoted"', tags: ['a', 'b'] };
    const [header, row, end] = toCsv([c], { frameRate: fps24 }).split('\r\n');
    expect(header).to.equal('id,frame,seconds,author,reply_to,internal,tags,created,modified,description');
    expect(row).to.equal(`5001,12,0.5,Sam Supervisor,,false,a b,${c.created},${c.modified},"'=HYPERLINK(""x""), ""quoted"""`);
    expect(end).to.equal('');
  });

  it('writes JSON of the comments', () => {
    expect(JSON.parse(formatCommentsExport('json', clip101, { frameRate: fps24 }))).to.deep.equal(clip101);
  });
});
