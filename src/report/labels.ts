/** The words of a review report, in the UI locale (lit-localize; i18n/translations.json). */
import { msg, str } from '@lit/localize';

export interface ReportLabels {
  reviewReport: string;
  generated: (date: string) => string;
  clipsAndNotes: (clips: number, notes: number) => string;
  statusHeading: string;
  status: string;
  version: string;
  clientVersion: string;
  reasonForReview: string;
  noStatus: string;
  notes: (count: number) => string;
  noNotes: string;
  frame: (frame: number) => string;
  internal: string;
  deleted: string;
  noPicture: (reason: string) => string;
  mediaUnreadable: string;
  clipUnreadable: (reason: string) => string;
  stillAlt: (what: string) => string;
  page: (page: number, pages: number) => string;
  replacedCharacters: string;
  preparing: (clip: number, clips: number) => string;
  writing: string;
}

export function reportLabels(): ReportLabels {
  return {
    reviewReport: msg('Review report'),
    generated: (date) => msg(str`Generated ${date}`),
    clipsAndNotes: (clips, notes) => msg(str`${clips} clips, ${notes} notes`),
    statusHeading: msg('Clips by status'),
    status: msg('Status'),
    version: msg('Version'),
    clientVersion: msg('Client version name'),
    reasonForReview: msg('Reason for review'),
    noStatus: msg('No status'),
    notes: (count) => msg(str`Notes: ${count}`),
    noNotes: msg('No notes on this clip.'),
    frame: (frame) => msg(str`Frame ${frame}`),
    internal: msg('internal'),
    deleted: msg('(deleted note)'),
    noPicture: (reason) => msg(str`No picture: ${reason}`),
    mediaUnreadable: msg('the media could not be read'),
    clipUnreadable: (reason) => msg(str`This clip could not be read: ${reason}`),
    stillAlt: (what) => msg(str`Still of ${what}`),
    page: (page, pages) => msg(str`Page ${page} of ${pages}`),
    replacedCharacters: msg(
      'Some characters cannot be shown with the fonts of this PDF and appear as “?”. The printable report (HTML) shows them.',
    ),
    preparing: (clip, clips) => msg(str`Preparing report — clip ${clip} of ${clips}`),
    writing: msg('Writing the report…'),
  };
}

/**
 * The same words in English, for a PDF whose UI locale's script its built-in fonts cannot show (Japanese):
 * English labels read better than rows of "?" (docs/review-report.md, "Fonts").
 */
export const ENGLISH_LABELS: ReportLabels = {
  reviewReport: 'Review report',
  generated: (date) => `Generated ${date}`,
  clipsAndNotes: (clips, notes) => `${clips} clips, ${notes} notes`,
  statusHeading: 'Clips by status',
  status: 'Status',
  version: 'Version',
  clientVersion: 'Client version name',
  reasonForReview: 'Reason for review',
  noStatus: 'No status',
  notes: (count) => `Notes: ${count}`,
  noNotes: 'No notes on this clip.',
  frame: (frame) => `Frame ${frame}`,
  internal: 'internal',
  deleted: '(deleted note)',
  noPicture: (reason) => `No picture: ${reason}`,
  mediaUnreadable: 'the media could not be read',
  clipUnreadable: (reason) => `This clip could not be read: ${reason}`,
  stillAlt: (what) => `Still of ${what}`,
  page: (page, pages) => `Page ${page} of ${pages}`,
  replacedCharacters:
    'Some characters cannot be shown with the fonts of this PDF and appear as “?”. The printable report (HTML) shows them.',
  preparing: (clip, clips) => `Preparing report — clip ${clip} of ${clips}`,
  writing: 'Writing the report…',
};
