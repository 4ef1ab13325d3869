/**
 * Sends a file with HTTP Range support (206 + Content-Range, 416 when unsatisfiable, Accept-Ranges on
 * every answer), so a browser's <video> can seek. One byte range per request: a multi-range request gets
 * its first range, which RFC 9110 allows.
 */
import { createReadStream, statSync, type Stats } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

export const MIME_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
  '.vtt': 'text/vtt; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The file under `root` named by the URL path `rel`, or null when it escapes `root` or is no file. */
export function fileUnder(root: string, rel: string): { path: string; stat: Stats } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const path = resolve(base, '.' + sep + decoded);
  if (path !== base && !path.startsWith(base + sep)) return null;
  try {
    const stat = statSync(path);
    return stat.isFile() ? { path, stat } : null;
  } catch {
    return null;
  }
}

/** Parses a `bytes=` Range header against a size: the range, 'unsatisfiable', or null (ignore it). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*(?:,.*)?$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return null;
  }
  if (start >= size || size === 0) return 'unsatisfiable';
  return { start, end };
}

export function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: { path: string; stat: Stats },
  cacheControl = 'public, max-age=3600',
): FastifyReply {
  const size = file.stat.size;
  const etag = `"${size.toString(16)}-${Math.floor(file.stat.mtimeMs).toString(16)}"`;
  reply
    .header('Accept-Ranges', 'bytes')
    .header('Content-Type', MIME_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream')
    .header('Last-Modified', file.stat.mtime.toUTCString())
    .header('ETag', etag)
    .header('Cache-Control', cacheControl);
  if (request.headers['if-none-match'] === etag && !request.headers.range) {
    return reply.code(304).send();
  }
  // If-Range with an older validator: the client's partial copy is stale, send the whole file.
  const ifRange = request.headers['if-range'];
  const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.range, size);
  if (range === 'unsatisfiable') {
    reply.header('Content-Range', `bytes */${size}`);
    throw new HttpError(416, 'RANGE_NOT_SATISFIABLE', `the range is outside the file (${size} bytes)`, 'Range');
  }
  const head = request.method === 'HEAD';
  if (!range) {
    reply.header('Content-Length', size);
    return reply.code(200).send(head ? '' : createReadStream(file.path));
  }
  reply
    .code(206)
    .header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
    .header('Content-Length', range.end - range.start + 1);
  return reply.send(head ? '' : createReadStream(file.path, { start: range.start, end: range.end }));
}
