/** The formats a clip's notes export to and the media type of each (the files themselves: backend/export-formats.ts). */
import type { ExportFormat } from './types.js';

export const EXPORT_MIME_TYPES: Record<ExportFormat, string> = {
  vtt: 'text/vtt; charset=utf-8',
  srt: 'application/x-subrip; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export const EXPORT_FORMATS: readonly ExportFormat[] = ['vtt', 'srt', 'csv', 'json'];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}
