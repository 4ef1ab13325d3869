/**
 * Writes a review report as one printable HTML document: the same content as the PDF, the stills inline
 * as data URLs, a print style sheet (each clip from a new page, a note never split from its still). Every
 * text from the review is escaped; the document has no script.
 */
import { formatDateTime } from '../i18n/format.js';
import type { ReportLabels } from './labels.js';
import type { ReportClip, ReportData, ReportNote, ReportStatus } from './model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Only a hex colour reaches the style attribute (a status colour is production settings, not ours). */
function safeColor(css: string | null): string {
  return css && /^#[0-9a-f]{3,8}$/i.test(css.trim()) ? css.trim() : '#888';
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the still could not be read'));
    reader.readAsDataURL(blob);
  });
}

const STYLE = `
  :root { color: #1a1a1f; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Hiragino Sans", sans-serif; }
  body { margin: 0 auto; max-width: 820px; padding: 32px; }
  h1 { font-size: 28px; margin: 4px 0 8px; }
  h2 { font-size: 20px; margin: 0 0 6px; }
  .kicker, .muted { color: #666; }
  .kicker { text-transform: uppercase; letter-spacing: .06em; font-size: 12px; font-weight: 600; }
  .chip { display: inline-block; width: .8em; height: .8em; margin-right: .4em; border-radius: 2px; vertical-align: -1px; }
  section.clip { border-top: 1px solid #ccd; margin-top: 32px; padding-top: 24px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 16px; }
  dt { color: #666; } dd { margin: 0; white-space: pre-wrap; }
  article.note { margin: 0 0 24px; break-inside: avoid; }
  .note-head { font-weight: 600; }
  .text { white-space: pre-wrap; margin: 4px 0 8px; }
  img.still { display: block; width: 100%; max-width: 480px; height: auto; border: 1px solid #ccd; }
  .no-picture { max-width: 480px; padding: 12px; background: #f0f0f2; border: 1px solid #ccd; color: #555; }
  .reply { margin: 8px 0 0 24px; padding-left: 10px; border-left: 2px solid #dde; }
  .reply .who { font-weight: 600; font-size: 13px; }
  .error { color: #a11; font-weight: 600; }
  @media print {
    body { max-width: none; padding: 0; }
    section.clip { break-before: page; border-top: 0; margin-top: 0; padding-top: 0; }
  }
`;

function statusChip(status: ReportStatus | null, text: string): string {
  return status ? `<span class="chip" style="background:${safeColor(status.color)}"></span>${esc(text)}` : esc(text);
}

async function noteHtml(note: ReportNote, L: ReportLabels, locale: string | undefined): Promise<string> {
  const where = note.frame === null ? [] : [L.frame(note.frame), note.timecode ?? ''];
  const head = [...where, note.author].filter(Boolean).map(esc).join(' · ');
  const meta = [formatDateTime(note.created, locale), note.internal ? L.internal : ''].filter(Boolean).map(esc).join(' · ');
  const what = note.frame === null ? note.author : `${L.frame(note.frame)} ${note.timecode ?? ''}`;
  const picture = note.still
    ? `<img class="still" src="${await dataUrl(note.still.jpeg)}" width="${note.still.width}" height="${note.still.height}" alt="${esc(L.stillAlt(what))}">`
    : `<p class="no-picture">${esc(L.noPicture(note.stillError ? `${L.mediaUnreadable} (${note.stillError})` : L.mediaUnreadable))}</p>`;
  const replies = note.replies
    .map(
      (r) =>
        `<div class="reply"><div class="who">${[r.author, formatDateTime(r.created, locale), r.internal ? L.internal : ''].filter(Boolean).map(esc).join(' · ')}</div><div class="text">${esc(r.text)}</div></div>`,
    )
    .join('');
  return `<article class="note"><div class="note-head">${head}</div><div class="muted">${meta}</div><div class="text${note.deleted ? ' muted' : ''}">${esc(note.deleted ? L.deleted : note.text)}</div>${picture}${replies}</article>`;
}

async function clipHtml(c: ReportClip, L: ReportLabels, locale: string | undefined): Promise<string> {
  const notes: string[] = [];
  for (const note of c.notes) notes.push(await noteHtml(note, L, locale));
  const field = (label: string, value: string) => `<dt>${esc(label)}</dt><dd>${esc(value || '—')}</dd>`;
  return `<section class="clip"><h2>${esc(c.clip.name)}</h2><dl>${[
    `<dt>${esc(L.status)}</dt><dd>${statusChip(c.status, c.status?.label ?? L.noStatus)}</dd>`,
    field(L.version, c.clip.name),
    field(L.clientVersion, c.clip.clientName ?? ''),
    field(L.reasonForReview, c.clip.reasonForReview),
  ].join(
    '',
  )}</dl>${c.error ? `<p class="error">${esc(L.clipUnreadable(c.error))}</p>` : ''}<p class="muted">${esc(L.notes(c.notes.length))}</p>${
    c.notes.length === 0 && !c.error ? `<p class="muted">${esc(L.noNotes)}</p>` : ''
  }${notes.join('')}</section>`;
}

export async function writeReportHtml(data: ReportData, L: ReportLabels): Promise<string> {
  const counts = data.statusCounts.map(({ status, count }) => `<li>${statusChip(status, `${status.label}: ${count}`)}</li>`);
  const unknown = data.clips.filter((c) => !c.status).length;
  if (unknown) counts.push(`<li>${esc(`${L.noStatus}: ${unknown}`)}</li>`);
  const clips: string[] = [];
  for (const c of data.clips) clips.push(await clipHtml(c, L, data.locale));
  const lang = data.locale ?? document.documentElement.lang ?? '';
  return `<!doctype html>
<html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${L.reviewReport}: ${data.playlist.name}`)}</title><style>${STYLE}</style></head>
<body><header><div class="kicker">${esc(L.reviewReport)}</div><h1>${esc(data.playlist.name)}</h1>
<p class="muted">${esc(L.generated(formatDateTime(data.generated, data.locale)))}<br>${esc(L.clipsAndNotes(data.clips.length, data.noteCount))}</p>
<h3>${esc(L.statusHeading)}</h3><ul>${counts.join('')}</ul></header>
${clips.join('\n')}
</body></html>
`;
}
