/**
 * Writes a review report as PDF with pdf-lib: A4, a title page (playlist, date, counts by status, the clips),
 * then each clip from a new page (name, status, version names, reason for review) and its notes (frame,
 * timecode, author, date, text, replies indented, the still with the drawing burnt in). Text is wrapped to
 * the page, and a note moves to the next page rather than being split from its still.
 *
 * Fonts: the PDF's 14 built-in fonts only (no font file travels with the library). They show the
 * characters of Windows-1252 (Latin scripts of western Europe); any other character (Japanese, Cyrillic,
 * emoji…) is written "?" and counted, and the title page then says so. The HTML report shows every
 * character (docs/review-report.md, "Fonts").
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib/dist/pdf-lib.esm.js';
import { formatDateTime } from '../i18n/format.js';
import { ENGLISH_LABELS, type ReportLabels } from './labels.js';
import type { ReportClip, ReportData, ReportNote, ReportStatus } from './model.js';

const PAGE: [number, number] = [595.28, 841.89]; // A4 in points
const MARGIN = 50;
const TOP = PAGE[1] - MARGIN;
const BOTTOM = MARGIN + 20; // room for the footer
const WIDTH = PAGE[0] - 2 * MARGIN;
const STILL_WIDTH = 380;
const REPLY_INDENT = 22;

const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);
const RULE = rgb(0.82, 0.82, 0.85);

/** The characters of Windows-1252 (WinAnsi) above 0x7f that are not Latin-1 (0xa0–0xff). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SPACES = /[\t\u2000-\u200a\u202f\u205f\u3000]/g;

function encodable(c: string): boolean {
  const code = c.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c);
}

/** Text the built-in fonts can write: odd spaces made plain, any other character outside WinAnsi "?". */
function winAnsi(text: string): { text: string; replaced: number } {
  let replaced = 0;
  const out = Array.from(text.replace(SPACES, ' '), (c) => {
    if (encodable(c)) return c;
    replaced++;
    return '?';
  }).join('');
  return { text: out, replaced };
}

function canWrite(text: string): boolean {
  return winAnsi(text).replaced === 0;
}

function colorOf(css: string | null): RGB {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css?.trim() ?? '');
  if (!m) return MUTED;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const n = Number.parseInt(hex, 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

interface TextStyle {
  font: PDFFont;
  size: number;
  color?: RGB;
  indent?: number;
}

class Layout {
  page!: PDFPage;
  y = TOP;
  readonly pages: PDFPage[] = [];

  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {}

  newPage(): void {
    this.page = this.doc.addPage(PAGE);
    this.pages.push(this.page);
    this.y = TOP;
  }

  /** Starts a new page unless `height` fits on this one (or would not fit on any). */
  keep(height: number): void {
    if (this.y - height < BOTTOM && height <= TOP - BOTTOM && this.y < TOP) this.newPage();
  }

  /** Lines of `text` no wider than `width` (words kept whole unless one is wider than a line). */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of winAnsi(text).text.split(/\r?\n/)) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(this.#plain(candidate), size) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        line = '';
        // A word wider than the line is cut where it must be.
        let rest = word;
        while (font.widthOfTextAtSize(this.#plain(rest), size) > width) {
          let cut = rest.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(this.#plain(rest.slice(0, cut)), size) > width) cut--;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
  }

  /** A no-break space keeps words together when wrapping, and is written as a space. */
  #plain(text: string): string {
    return text.replace(/\u00a0/g, ' ');
  }

  lineHeight(size: number): number {
    return size * 1.35;
  }

  textHeight(text: string, style: TextStyle): number {
    return this.wrap(text, style.font, style.size, WIDTH - (style.indent ?? 0)).length * this.lineHeight(style.size);
  }

  /** Writes wrapped text from the current position, breaking pages between lines. */
  text(text: string, style: TextStyle): void {
    const indent = style.indent ?? 0;
    for (const line of this.wrap(text, style.font, style.size, WIDTH - indent)) {
      const lh = this.lineHeight(style.size);
      if (this.y - lh < BOTTOM) this.newPage();
      this.page.drawText(this.#plain(line), {
        x: MARGIN + indent,
        y: this.y - style.size,
        size: style.size,
        font: style.font,
        color: style.color ?? INK,
      });
      this.y -= lh;
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + WIDTH, y: this.y }, thickness: 0.75, color: RULE });
  }

  /** A coloured square and a label on one line. */
  chip(status: ReportStatus | null, label: string, size: number): void {
    const lh = this.lineHeight(size);
    if (this.y - lh < BOTTOM) this.newPage();
    const box = size * 0.8;
    if (status) this.page.drawRectangle({ x: MARGIN, y: this.y - size + 0.5, width: box, height: box, color: colorOf(status.color) });
    this.page.drawText(this.#plain(winAnsi(label).text), {
      x: MARGIN + (status ? box + 6 : 0),
      y: this.y - size,
      size,
      font: this.bold,
      color: INK,
    });
    this.y -= lh;
  }
}

/** The PDF's labels: the UI locale's, or English when the built-in fonts cannot write them. */
function pdfLabels(labels: ReportLabels): ReportLabels {
  const sample = [
    labels.reviewReport,
    labels.status,
    labels.reasonForReview,
    labels.noPicture(''),
    labels.frame(1),
    labels.page(1, 2),
  ].join(' ');
  return canWrite(sample) ? labels : ENGLISH_LABELS;
}

/** Every text of the report that comes from the review (names, notes), to count what cannot be written. */
function reviewTexts(data: ReportData): string[] {
  const texts = [data.playlist.name];
  for (const c of data.clips) {
    texts.push(c.clip.name, c.clip.clientName ?? '', c.clip.reasonForReview, c.status?.label ?? '');
    for (const n of c.notes) {
      texts.push(n.author, n.text, n.stillError ?? '');
      for (const r of n.replies) texts.push(r.author, r.text);
    }
  }
  return texts;
}

/** An ISO date and time as the report shows it. */
type DateFormat = (iso: string) => string;

function noteHeader(note: ReportNote, L: ReportLabels): string {
  const where = note.frame === null ? [] : [L.frame(note.frame), note.timecode ?? ''];
  return [...where, note.author].filter(Boolean).join(' · ');
}

function writeTitlePage(layout: Layout, data: ReportData, L: ReportLabels, date: DateFormat, replaced: number): void {
  layout.newPage();
  layout.text(L.reviewReport.toUpperCase(), { font: layout.bold, size: 11, color: MUTED });
  layout.gap(6);
  layout.text(data.playlist.name, { font: layout.bold, size: 26 });
  layout.gap(6);
  layout.text(L.generated(date(data.generated)), { font: layout.regular, size: 11, color: MUTED });
  layout.text(L.clipsAndNotes(data.clips.length, data.noteCount), { font: layout.regular, size: 11, color: MUTED });
  layout.gap(18);
  layout.text(L.statusHeading, { font: layout.bold, size: 13 });
  layout.gap(4);
  for (const { status, count } of data.statusCounts) layout.chip(status, `${status.label}: ${count}`, 11);
  const unknown = data.clips.filter((c) => !c.status).length;
  if (unknown) layout.chip(null, `${L.noStatus}: ${unknown}`, 11);
  layout.gap(18);
  for (const [i, c] of data.clips.entries()) {
    layout.text(`${i + 1}. ${c.clip.name}  —  ${c.status?.label ?? L.noStatus}  —  ${L.notes(c.notes.length)}`, {
      font: layout.regular,
      size: 10,
    });
  }
  if (replaced > 0) {
    layout.gap(18);
    layout.text(L.replacedCharacters, { font: layout.regular, size: 9, color: MUTED });
  }
}

function writeClipHeading(layout: Layout, c: ReportClip, L: ReportLabels): void {
  layout.newPage();
  layout.text(c.clip.name, { font: layout.bold, size: 18 });
  layout.gap(4);
  layout.chip(c.status, `${L.status}: ${c.status?.label ?? L.noStatus}`, 11);
  const field = (label: string, value: string) => layout.text(`${label}: ${value || '—'}`, { font: layout.regular, size: 10.5 });
  field(L.version, c.clip.name);
  field(L.clientVersion, c.clip.clientName ?? '');
  field(L.reasonForReview, c.clip.reasonForReview);
  if (c.error) layout.text(L.clipUnreadable(c.error), { font: layout.bold, size: 10.5, color: rgb(0.7, 0.1, 0.1) });
  layout.text(L.notes(c.notes.length), { font: layout.regular, size: 10.5, color: MUTED });
  layout.gap(10);
  layout.rule();
  layout.gap(12);
  if (c.notes.length === 0 && !c.error) layout.text(L.noNotes, { font: layout.regular, size: 10.5, color: MUTED });
}

function stillSize(note: ReportNote): [number, number] {
  if (!note.still) return [STILL_WIDTH, 36];
  return [STILL_WIDTH, (STILL_WIDTH * note.still.height) / note.still.width];
}

function writeNote(layout: Layout, note: ReportNote, image: PDFImage | null, L: ReportLabels, date: DateFormat): void {
  const header = noteHeader(note, L);
  const meta = [date(note.created), note.internal ? L.internal : ''].filter(Boolean).join(' · ');
  const body = note.deleted ? L.deleted : note.text;
  const [w, h] = stillSize(note);
  // The header, the text and the still stay together on one page when they can.
  const blockHeight =
    layout.textHeight(header, { font: layout.bold, size: 11 }) +
    layout.textHeight(meta, { font: layout.regular, size: 9 }) +
    layout.textHeight(body, { font: layout.regular, size: 10.5 }) +
    h +
    16;
  layout.keep(blockHeight);
  layout.text(header, { font: layout.bold, size: 11 });
  layout.text(meta, { font: layout.regular, size: 9, color: MUTED });
  layout.gap(2);
  layout.text(body, { font: layout.regular, size: 10.5, color: note.deleted ? MUTED : INK });
  layout.gap(6);
  if (layout.y - h < BOTTOM) layout.newPage();
  if (image) {
    layout.page.drawImage(image, { x: MARGIN, y: layout.y - h, width: w, height: h });
  } else {
    const reason = L.noPicture(note.stillError ? `${L.mediaUnreadable} (${note.stillError})` : L.mediaUnreadable);
    layout.page.drawRectangle({
      x: MARGIN,
      y: layout.y - h,
      width: w,
      height: h,
      color: rgb(0.94, 0.94, 0.95),
      borderColor: RULE,
      borderWidth: 0.75,
    });
    const saved = layout.y;
    layout.y -= 8;
    layout.text(reason, { font: layout.regular, size: 9, color: MUTED, indent: 8 });
    layout.y = saved;
  }
  layout.y -= h + 8;
  for (const reply of note.replies) {
    const replyMeta = [reply.author, date(reply.created), reply.internal ? L.internal : ''].filter(Boolean).join(' · ');
    layout.keep(layout.lineHeight(10) * 2);
    layout.text(replyMeta, { font: layout.bold, size: 9.5, indent: REPLY_INDENT });
    layout.text(reply.text, { font: layout.regular, size: 10, indent: REPLY_INDENT });
    layout.gap(4);
  }
  layout.gap(12);
}

export async function writeReportPdf(data: ReportData, labels: ReportLabels): Promise<{ bytes: Uint8Array; replacedCharacters: number }> {
  const L = pdfLabels(labels);
  const replaced = reviewTexts(data).reduce((n, t) => n + winAnsi(t).replaced, 0);
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`${L.reviewReport}: ${data.playlist.name}`).text);
  doc.setCreator('review-elements');
  const layout = new Layout(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  // Dates in the labels' language: English ones with English labels (their script may be one the fonts lack).
  const date: DateFormat = (iso) => winAnsi(formatDateTime(iso, L === labels ? data.locale : 'en')).text;
  writeTitlePage(layout, data, L, date, replaced);
  for (const c of data.clips) {
    writeClipHeading(layout, c, L);
    for (const note of c.notes) {
      const image = note.still ? await doc.embedJpg(new Uint8Array(await note.still.jpeg.arrayBuffer())) : null;
      writeNote(layout, note, image, L, date);
    }
  }
  const pages = layout.pages.length;
  const footerName = winAnsi(data.playlist.name).text;
  for (const [i, page] of layout.pages.entries()) {
    const label = L.page(i + 1, pages).replace(/\u00a0/g, ' ');
    const size = 8;
    page.drawText(footerName.length > 70 ? `${footerName.slice(0, 69)}…` : footerName, {
      x: MARGIN,
      y: MARGIN - 10,
      size,
      font: layout.regular,
      color: MUTED,
    });
    page.drawText(label, {
      x: MARGIN + WIDTH - layout.regular.widthOfTextAtSize(label, size),
      y: MARGIN - 10,
      size,
      font: layout.regular,
      color: MUTED,
    });
  }
  return { bytes: await doc.save(), replacedCharacters: replaced };
}
