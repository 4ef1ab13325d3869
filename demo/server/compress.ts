/**
 * Compresses the server's dynamic answers (API JSON, the server-made HTML pages) when they are over 1 kB
 * and the client accepts brotli or gzip (issue 26: a comment list or a playlist is a few to tens of kB of
 * JSON, which shrinks 5–10×).
 *
 * Why a small onSend hook rather than @fastify/compress: every answer it should touch is a string or a
 * Buffer built in one piece (the serializer is JSON.stringify), so one zlib call is all it takes; streams
 * (files, which come precompressed — files.ts — and media, which must not be compressed) and the events
 * stream (which must not be buffered) are left alone by construction, and requests are never inflated.
 * Brotli at quality 5 costs about as much CPU as gzip's default and compresses better.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { addVary, COMPRESSIBLE_TYPE, negotiateEncoding, type Encoding } from './files.js';

/** Smaller answers are sent as they are: below about one packet compression saves nothing noticeable. */
export const COMPRESS_THRESHOLD = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The content coding an answer of `size` bytes goes out in, or null for none. From 1 kB on the answer
 * depends on Accept-Encoding (Vary), whether or not this client gets it encoded.
 */
export function answerEncoding(request: FastifyRequest, reply: FastifyReply, size: number): Encoding | null {
  if (size < COMPRESS_THRESHOLD) return null;
  addVary(reply, 'Accept-Encoding');
  const encoding = negotiateEncoding(request.headers['accept-encoding'], ['br', 'gzip']);
  return !encoding || request.method === 'HEAD' ? null : encoding;
}

/** `payload` (of `size` bytes) in the content coding. */
export function encode(payload: string | Buffer, encoding: Encoding, size: number): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: size } })
    : gzipAsync(payload);
}

export function addCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const type = String(reply.getHeader('Content-Type') ?? '');
    if (!COMPRESSIBLE_TYPE.test(type) || reply.hasHeader('Content-Encoding')) return payload;
    // 206 addresses bytes of the identity representation; 204/304 have no body.
    if (reply.statusCode === 204 || reply.statusCode === 206 || reply.statusCode === 304) return payload;
    const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
    const encoding = answerEncoding(request, reply, size);
    if (!encoding) return payload;
    const body = await encode(payload, encoding, size);
    reply.header('Content-Encoding', encoding).removeHeader('Content-Length');
    return body;
  });
}
