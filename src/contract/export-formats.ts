/**
 * The formats a clip's or a playlist's notes export to, the media type and file extension of each (the files
 * themselves: backend/export-formats.ts; what imports them: docs/http-api.md, "Exports").
 */
import type { ExportFormat, NleExportFormat } from './types.js';

export const EXPORT_MIME_TYPES: Record<ExportFormat, string> = {
  vtt: 'text/vtt; charset=utf-8',
  srt: 'application/x-subrip; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  // EDLs have no registered media type; they are plain text.
  edl: 'text/plain; charset=utf-8',
  fcp7: 'application/xml; charset=utf-8',
  premiere: 'application/xml; charset=utf-8',
  resolve: 'text/plain; charset=utf-8',
  // OpenTimelineIO files are JSON.
  otio: 'application/json; charset=utf-8',
};

/** The file name extension of each format (without the dot). */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  vtt: 'vtt',
  srt: 'srt',
  csv: 'csv',
  json: 'json',
  edl: 'edl',
  fcp7: 'xml',
  premiere: 'xml',
  resolve: 'edl',
  otio: 'otio',
};

/** The timeline formats with markers, the ones a playlist exports to. */
export const NLE_EXPORT_FORMATS: readonly NleExportFormat[] = ['edl', 'fcp7', 'premiere', 'resolve', 'otio'];

export const EXPORT_FORMATS: readonly ExportFormat[] = ['vtt', 'srt', 'csv', 'json', ...NLE_EXPORT_FORMATS];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

export function isNleExportFormat(value: unknown): value is NleExportFormat {
  return typeof value === 'string' && (NLE_EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The download file name of an export: `name-comments.ext`, the name made safe for a file system. */
export function exportFileName(name: string, format: ExportFormat): string {
  return `${name.replace(/[^\w.-]+/g, '_')}-comments.${EXPORT_EXTENSIONS[format]}`;
}
