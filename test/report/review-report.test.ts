import { expect } from '@open-wc/testing';
import { GlobalWorkerOptions, OPS, getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import { createReviewReport, type ReviewReportProgress } from '../../src/report/index.js';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { createFixture } from '../../src/backend/fixture.js';
import { newComment } from '../../src/contract/new-comment.js';
import type { Drawing } from '../../src/contract/types.js';
import { setLocale } from '../../src/i18n/index.js';
import { frameCodeIn, pictureLuminance } from '../media/frame-code.js';

/**
 * The review report read back as a user would: the PDF opened with pdf.js, its text extracted, its images
 * counted, its pages rendered and each still's frame number read from its pixels (frame-coded test clips,
 * scripts/make-test-media.sh), the drawing's colour looked for where it was drawn.
 */
GlobalWorkerOptions.workerSrc = '/node_modules/pdfjs-dist/build/pdf.worker.mjs';

/** A thick red line across the grey lower part of a bars picture (below the frame-code rows). */
const RED_LINE: Drawing = {
  shapes: [
    {
      type: 'line',
      color: '#ff2020',
      width: 40,
      points: [
        [0.45, 0.72],
        [0.95, 0.72],
      ],
    },
  ],
};
const BLUE_LINE: Drawing = {
  shapes: [
    {
      type: 'line',
      color: '#2040ff',
      width: 40,
      points: [
        [0.45, 0.72],
        [0.95, 0.72],
      ],
    },
  ],
};
/** Where the lines cross the picture, as a fraction of the still. */
const PROBE = [0.7, 0.72] as const;

async function seededApi(): Promise<MemoryReviewApi> {
  const fixture = createFixture({
    clips: [
      {
        id: 101,
        name: 'sh010_v003',
        url: '/test/media/bars-24.mp4',
        frameCount: 96,
        fps: 24,
        width: 320,
        height: 180,
        clientName: 'Opening v3',
        reasonForReview: 'Flare timing',
      },
      {
        id: 102,
        name: 'sh020_v001',
        url: '/test/media/bars-2997.mp4',
        frameCount: 120,
        fps: 29.97,
        width: 320,
        height: 180,
        reasonForReview: 'First look',
      },
      // A file that is no video: its note is listed without a still.
      { id: 103, name: 'sh030_v001', url: '/test/media/not-a-video.mp4', frameCount: 48, fps: 24, width: 320, height: 180 },
    ],
    user: { name: 'Dana Supervisor' },
  });
  fixture.playlists[0].name = 'Hyperspace dailies';
  const api = new MemoryReviewApi({ fixture, userId: 1 });
  await api.setReviewStatus(201, 'APPROVED');
  await api.setReviewStatus(202, 'NEEDS_WORK');
  const flare = await api.createComment(
    newComment({ mediaObjectId: 101, start: 12, description: 'Flare too hot here, @{1,Dana Supervisor} see #{grade}', drawing: RED_LINE }),
  );
  await api.createComment(newComment({ mediaObjectId: 101, start: 12, relatedToId: flare.id, description: 'Fixed in v004' }));
  await api.createComment(newComment({ mediaObjectId: 101, start: 12, relatedToId: flare.id, description: 'フレア OK' }));
  await api.createComment(newComment({ mediaObjectId: 101, start: 60, description: 'Hold two frames longer' }));
  await api.createComment(newComment({ mediaObjectId: 102, start: 100, description: 'Sky is banding', drawing: BLUE_LINE }));
  await api.createComment(newComment({ mediaObjectId: 103, start: 5, description: 'Where is the plate?' }));
  return api;
}

async function openPdf(blob: Blob): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(await blob.arrayBuffer()) }).promise;
}

async function pageText(page: PDFPageProxy): Promise<string> {
  const content = await page.getTextContent();
  return content.items.map((item) => ('str' in item ? item.str : '')).join('\n');
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** Where each image is painted on the page, in PDF units (x, y of the lower-left corner, width, height). */
async function imageRects(page: PDFPageProxy): Promise<Array<[number, number, number, number]>> {
  const ops = await page.getOperatorList();
  const rects: Array<[number, number, number, number]> = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  ops.fnArray.forEach((fn, i) => {
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = multiply(ops.argsArray[i] as Matrix, ctm);
    else if (fn === OPS.paintImageXObject) rects.push([ctm[4], ctm[5], ctm[0], ctm[3]]);
  });
  return rects;
}

/** Each still on the page, cut from the rendered page at 320×180 for the frame-code reader. */
async function stillsOf(page: PDFPageProxy): Promise<HTMLCanvasElement[]> {
  const viewport = page.getViewport({ scale: 2 });
  const canvas = document.createElement('canvas');
  canvas.width = viewport.width;
  canvas.height = viewport.height;
  await page.render({ canvas, viewport }).promise;
  return (await imageRects(page)).map(([x, y, w, h]) => {
    const [x1, y1] = viewport.convertToViewportPoint(x, y) as [number, number];
    const [x2, y2] = viewport.convertToViewportPoint(x + w, y + h) as [number, number];
    const still = document.createElement('canvas');
    still.width = 320;
    still.height = 180;
    // One pixel in from each edge: the page's anti-aliased border of the image is no part of the picture.
    const [left, top] = [Math.min(x1, x2) + 1, Math.min(y1, y2) + 1];
    still.getContext('2d')!.drawImage(canvas, left, top, Math.abs(x2 - x1) - 2, Math.abs(y2 - y1) - 2, 0, 0, 320, 180);
    return still;
  });
}

function colourAt(canvas: HTMLCanvasElement, [fx, fy]: readonly [number, number]): [number, number, number] {
  const [r, g, b] = canvas.getContext('2d')!.getImageData(Math.round(fx * canvas.width), Math.round(fy * canvas.height), 1, 1).data;
  return [r, g, b];
}

describe('createReviewReport', function () {
  this.timeout(120000);

  it('writes a PDF whose text, images and stills show every note', async () => {
    const progress: ReviewReportProgress[] = [];
    const report = await createReviewReport(await seededApi(), 301, { onProgress: (p) => progress.push(p) });
    expect(report.blob.type).to.equal('application/pdf');
    expect(report.fileName).to.equal('Hyperspace_dailies-review-report.pdf');
    expect([report.clips, report.notes, report.missingStills]).to.deep.equal([3, 4, 1]);
    // "フレア" is no Windows-1252: three characters written "?", and counted.
    expect(report.replacedCharacters).to.equal(3);
    expect(progress.map((p) => p.message)).to.include.members([
      'Preparing report — clip 1 of 3',
      'Preparing report — clip 2 of 3',
      'Preparing report — clip 3 of 3',
    ]);

    const pdf = await openPdf(report.blob);
    const texts: string[] = [];
    const stills: HTMLCanvasElement[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      texts.push(await pageText(page));
      stills.push(...(await stillsOf(page)));
    }
    const all = texts.join('\n');
    // The title page: the playlist, the counts by status, the note on characters it could not write.
    expect(texts[0]).to.include('Hyperspace dailies');
    expect(texts[0]).to.include('3 clips, 4 notes');
    expect(texts[0]).to.include('Approved: 1');
    expect(texts[0]).to.include('Needs Work: 1');
    expect(texts[0]).to.include('Not Approved: 1');
    expect(texts[0]).to.include('appear as “?”');
    // Each clip: status, version names, reason for review.
    for (const line of [
      'Status: Approved',
      'Status: Needs Work',
      'Status: Not Approved',
      'Client version name: Opening v3',
      'Reason for review: Flare timing',
      'Reason for review: First look',
    ]) {
      expect(all, line).to.include(line);
    }
    // Each note: frame, timecode (29.97 is drop-frame: `;`), author, plain text of the markup, replies.
    expect(all).to.include('Frame 12 · 00:00:00:12 · Dana Supervisor');
    expect(all).to.include('Frame 60 · 00:00:02:12 · Dana Supervisor');
    expect(all).to.include('Frame 100 · 00:00:03;10 · Dana Supervisor');
    expect(all).to.include('Frame 5 · 00:00:00:05 · Dana Supervisor');
    expect(all).to.include('Flare too hot here, @Dana Supervisor see #grade');
    expect(all).to.include('Hold two frames longer');
    expect(all).to.include('Sky is banding');
    expect(all).to.include('Fixed in v004');
    expect(all).to.include('??? OK');
    expect(all).to.include('Where is the plate?');
    expect(all).to.match(/No picture: the media could not be read/);

    // One image per note that has a picture, none for the unreadable clip; each shows its note's frame.
    expect(stills.map((s) => frameCodeIn(pictureLuminance(s)))).to.deep.equal([12, 60, 100]);
    // The drawings are burnt in: red on frame 12, blue on frame 100, the grey picture on frame 60.
    const [r12, g12, b12] = colourAt(stills[0], PROBE);
    expect(r12 > 180 && g12 < 90 && b12 < 90, `frame 12 at the line: rgb(${r12}, ${g12}, ${b12})`).to.be.true;
    const [r60, g60, b60] = colourAt(stills[1], PROBE);
    expect(Math.max(r60, g60, b60) - Math.min(r60, g60, b60) < 30, `frame 60 (no drawing): rgb(${r60}, ${g60}, ${b60})`).to.be.true;
    const [r100, g100, b100] = colourAt(stills[2], PROBE);
    expect(b100 > 180 && r100 < 90 && g100 < 120, `frame 100 at the line: rgb(${r100}, ${g100}, ${b100})`).to.be.true;
  });

  it('puts each note on the page of its still and the unreadable clip on its own page', async () => {
    const report = await createReviewReport(await seededApi(), 301);
    const pdf = await openPdf(report.blob);
    const pages: Array<{ text: string; images: number }> = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      pages.push({ text: await pageText(page), images: (await imageRects(page)).length });
    }
    const pageOf = (text: string) => pages.findIndex((p) => p.text.includes(text));
    expect(pages[pageOf('Flare too hot here')].images).to.be.at.least(1);
    expect(pages[pageOf('Sky is banding')].images).to.equal(1);
    expect(pages[pageOf('Where is the plate?')].images).to.equal(0);
    expect(pages.reduce((n, p) => n + p.images, 0)).to.equal(3);
    expect(pages.at(-1)!.text).to.include(`Page ${pages.length} of ${pages.length}`);
  });

  it('seeks a <video> for the stills when asked to, with the same frames', async () => {
    const api = await seededApi();
    await api.patchPlaylist(301, [{ op: 'replace', path: '/clipIds', value: [101] }]);
    const report = await createReviewReport(api, 301, { decoder: 'video' });
    const pdf = await openPdf(report.blob);
    const stills: HTMLCanvasElement[] = [];
    for (let n = 1; n <= pdf.numPages; n++) stills.push(...(await stillsOf(await pdf.getPage(n))));
    expect(stills.map((s) => frameCodeIn(pictureLuminance(s)))).to.deep.equal([12, 60]);
  });

  it('writes a printable HTML page with the same notes, stills inline and text escaped', async () => {
    const api = await seededApi();
    await api.createComment(newComment({ mediaObjectId: 102, start: 3, description: '<img src=x onerror=alert(1)> looks off' }));
    const report = await createReviewReport(api, 301, { format: 'html' });
    expect(report.blob.type).to.equal('text/html');
    const doc = new DOMParser().parseFromString(await report.blob.text(), 'text/html');
    const stills = [...doc.querySelectorAll<HTMLImageElement>('img.still')];
    expect(stills.map((img) => img.alt)).to.deep.equal([
      'Still of Frame 12 00:00:00:12',
      'Still of Frame 60 00:00:02:12',
      'Still of Frame 3 00:00:00;03',
      'Still of Frame 100 00:00:03;10',
    ]);
    expect(stills.every((img) => img.src.startsWith('data:image/jpeg;base64,'))).to.be.true;
    expect(doc.querySelectorAll('img:not(.still), script')).to.have.length(0);
    const text = doc.body.textContent ?? '';
    expect(text).to.include('<img src=x onerror=alert(1)> looks off');
    expect(text).to.include('フレア OK');
    expect(text).to.include('No picture: the media could not be read');
    // A still decodes to its note's frame.
    const img = new Image();
    img.src = stills[1].src;
    await img.decode();
    expect(frameCodeIn(pictureLuminance(img))).to.equal(60);
  });

  it('shows a still image clip as it is, with no frame or timecode', async () => {
    const fixture = createFixture({
      clips: [{ id: 101, name: 'key_art_v002', url: '/test/media/still.png', frameCount: 1, width: 320, height: 180 }],
      user: { name: 'Dana Supervisor' },
    });
    const api = new MemoryReviewApi({ fixture, userId: 1 });
    await api.createComment(newComment({ mediaObjectId: 101, start: 0, description: 'Logo a little lower', drawing: RED_LINE }));
    const report = await createReviewReport(api, 301);
    const pdf = await openPdf(report.blob);
    const page = await pdf.getPage(2);
    const text = await pageText(page);
    expect(text).to.include('Logo a little lower');
    expect(text).not.to.include('Frame 0');
    expect(text).not.to.include('00:00:00:00');
    const stills = await stillsOf(page);
    expect(stills).to.have.length(1);
    // The image's own code (test/media/still.png shows 42).
    expect(frameCodeIn(pictureLuminance(stills[0]))).to.equal(42);
    const [r, g, b] = colourAt(stills[0], PROBE);
    expect(r > 180 && g < 90 && b < 90, `the drawing on the image: rgb(${r}, ${g}, ${b})`).to.be.true;
  });

  describe('in the UI locale', () => {
    afterEach(() => setLocale('en'));

    async function oneClipApi(): Promise<MemoryReviewApi> {
      const api = await seededApi();
      await api.patchPlaylist(301, [{ op: 'replace', path: '/clipIds', value: [101] }]);
      return api;
    }

    async function allText(blob: Blob): Promise<string> {
      const pdf = await openPdf(blob);
      const texts: string[] = [];
      for (let n = 1; n <= pdf.numPages; n++) texts.push(await pageText(await pdf.getPage(n)));
      return texts.join('\n');
    }

    it('writes French labels in the PDF', async () => {
      await setLocale('fr');
      const progress: string[] = [];
      const report = await createReviewReport(await oneClipApi(), 301, { onProgress: (p) => progress.push(p.message) });
      const text = await allText(report.blob);
      expect(text).to.include('RAPPORT DE REVUE');
      expect(text).to.include('Image 12 · 00:00:00:12 · Dana Supervisor');
      expect(text).to.include('Motif de la revue: Flare timing');
      expect(progress).to.include('Préparation du rapport — clip 1 sur 1');
      // Dates in French too ("7 déc. 2026").
      expect(text).to.match(/\d{1,2} [a-zéû]+\.? \d{4}/);
    });

    it('writes Japanese labels in the HTML page, and English ones in the PDF its fonts can write', async () => {
      await setLocale('ja');
      const html = await createReviewReport(await oneClipApi(), 301, { format: 'html' });
      const doc = new DOMParser().parseFromString(await html.blob.text(), 'text/html');
      expect(doc.body.textContent).to.include('フレーム 12');
      expect(doc.body.textContent).to.include('レビューの理由');
      const pdf = await createReviewReport(await oneClipApi(), 301);
      const text = await allText(pdf.blob);
      expect(text).to.include('Frame 12 · 00:00:00:12 · Dana Supervisor');
      expect(text).to.include('Reason for review: Flare timing');
      expect(text).not.to.include('?????');
      // Dates in English with the English labels.
      expect(text).to.match(/[A-Z][a-z]{2} \d{1,2}, \d{4}/);
      // The HTML page's dates in Japanese ("2026/12/07 13:56").
      expect(doc.body.textContent).to.match(/\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}/);
    });
  });
});
