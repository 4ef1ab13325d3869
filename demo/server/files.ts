/**
 * Sends a file with HTTP Range support (206 + Content-Range, 416 when unsatisfiable, Accept-Ranges on
 * every uncompressed answer), so a browser's <video> can seek. One byte range per request: a multi-range
 * request gets its first range, which RFC 9110 allows. Conditional requests: `If-None-Match` (ETag) and
 * `If-Modified-Since` answer 304.
 *
 * Compression (issue 26): the built portal's text files are compressed once, at build time
 * (demo/vite.config.ts writes `name.br` and `name.gz` beside each), and sent by Accept-Encoding. That is
 * brotli at its best level for free on every request, no CPU per request and no streaming compressor to
 * get wrong; a file without a fresh sibling is sent as it is. Media are never compressed (video and
 * images are compressed already, and Range must address the file's own bytes).
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

/** Content types worth compressing (text); everything else (video, images but SVG, fonts) is sent as it is. */
export const COMPRESSIBLE_TYPE = /^(?:text\/|application\/(?:json|javascript|xml|manifest\+json)|image\/svg\+xml)/;

export type Encoding = 'br' | 'gzip';

/**
 * The best of `offered` (in the server's order of preference) that an Accept-Encoding header accepts, or
 * null for identity. Honours q-values (`br;q=0` refuses brotli) and `*`.
 */
export function negotiateEncoding(header: string | string[] | undefined, offered: readonly Encoding[]): Encoding | null {
  if (!header || offered.length === 0) return null;
  const q = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (e: string) => q.get(e) ?? (e === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
  let best: Encoding | null = null;
  for (const e of offered) if (weight(e) > 0 && (best === null || weight(e) > weight(best))) best = e;
  return best;
}

/** Adds `value` to the Vary header without repeating it. */
export function addVary(reply: FastifyReply, value: string): void {
  const current = String(reply.getHeader('Vary') ?? '');
  const names = current
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.includes('*') || names.some((n) => n.toLowerCase() === value.toLowerCase())) return;
  reply.header('Vary', [...names, value].join(', '));
}

/** Whether an If-None-Match header names `etag` (weak comparison, lists, `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** The precompressed siblings (`.br`, `.gz`) of a file that are at least as new as it. */
function precompressedVariants(path: string, stat: Stats): Map<Encoding, Stats> {
  const variants = new Map<Encoding, Stats>();
  for (const [encoding, suffix] of [
    ['br', '.br'],
    ['gzip', '.gz'],
  ] as const) {
    try {
      const s = statSync(path + suffix);
      if (s.isFile() && s.mtimeMs >= stat.mtimeMs) variants.set(encoding, s);
    } catch {
      // none
    }
  }
  return variants;
}

export interface SendFileOptions {
  /** Send a fresh `.br` / `.gz` sibling when the client accepts it (the built portal; never media). */
  precompressed?: boolean;
}

export function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: { path: string; stat: Stats },
  cacheControl = 'public, max-age=3600',
  options: SendFileOptions = {},
): FastifyReply {
  const type = MIME_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
  const variants = options.precompressed && COMPRESSIBLE_TYPE.test(type) ? precompressedVariants(file.path, file.stat) : null;
  const encoding = variants?.size ? negotiateEncoding(request.headers['accept-encoding'], [...variants.keys()]) : null;
  const validator = `${file.stat.size.toString(16)}-${Math.floor(file.stat.mtimeMs).toString(16)}`;
  // Each representation has its own ETag (RFC 9110 8.8.3): a cache must not mix the brotli and the plain bytes.
  const etag = `"${validator}${encoding ? `-${encoding}` : ''}"`;
  reply
    .header('Content-Type', type)
    .header('Last-Modified', file.stat.mtime.toUTCString())
    .header('ETag', etag)
    .header('Cache-Control', cacheControl);
  if (variants?.size) addVary(reply, 'Accept-Encoding');
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'] ? Date.parse(request.headers['if-modified-since']) : NaN;
  const notModified =
    ifNoneMatch !== undefined
      ? etagMatches(ifNoneMatch, etag)
      : Number.isFinite(ifModifiedSince) && Math.floor(file.stat.mtimeMs / 1000) <= Math.floor(ifModifiedSince / 1000);
  if (notModified && !request.headers.range) return reply.code(304).send();
  const head = request.method === 'HEAD';
  if (encoding) {
    // The compressed representation is sent whole (a Range on it is ignored, which RFC 9110 allows): only
    // media need ranges, and media are never compressed.
    const variant = variants!.get(encoding)!;
    reply.header('Content-Encoding', encoding).header('Content-Length', variant.size);
    return reply.code(200).send(head ? '' : createReadStream(file.path + (encoding === 'br' ? '.br' : '.gz')));
  }
  const size = file.stat.size;
  reply.header('Accept-Ranges', 'bytes');
  // If-Range with an older validator: the client's partial copy is stale, send the whole file.
  const ifRange = request.headers['if-range'];
  const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.range, size);
  if (range === 'unsatisfiable') {
    reply.header('Content-Range', `bytes */${size}`);
    throw new HttpError(416, 'RANGE_NOT_SATISFIABLE', `the range is outside the file (${size} bytes)`, 'Range');
  }
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
