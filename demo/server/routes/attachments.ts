/**
 * Files attached to notes (docs/http-api.md, "Attachments"): list a clip's, upload to a note, delete, and
 * the files themselves at `/attachments/:id/file|thumb` outside /api, through signed URLs like the media
 * (an `<img>` sends no token).
 *
 * - The type is found in the content (`file-type`, the file's first bytes), never in the name or the
 *   declared type: an HTML or SVG file renamed `.png` is refused (415). Images are decoded by `sharp` too,
 *   which refuses a file that only starts like an image, and makes the thumbnail (WebP, 320 px at most).
 * - Served with `X-Content-Type-Options: nosniff`, `Content-Security-Policy: default-src 'none'; sandbox`,
 *   the sniffed type, and `Content-Disposition: attachment` for what is not an image: a client's file never
 *   runs as a page of this origin.
 * - Who may see one: whoever may see its note (a client never an internal note's); who may add or delete
 *   one: whoever may edit the note (its author with REVIEW_EDIT, anyone with REVIEW_EDIT_ALL).
 */
import multipart from '@fastify/multipart';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import {
  ATTACHMENT_TYPES,
  isAttachmentType,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_NOTE,
  type AttachmentType,
  type NoteAttachment,
} from '../../../src/contract/attachments.js';
import { canEditComment } from '../../../src/contract/rights.js';
import type { ClipAnnotation, Id } from '../../../src/contract/types.js';
import { canReachClip, canSeeComment, principalOf, reauthorize, type Principal } from '../auth.js';
import type { RouteModule } from '../context.js';
import type { Repo } from '../db.js';
import { badRequest, forbidden, HttpError, notFound, noSuchComment, unauthorized } from '../errors.js';
import { MEDIA_URL_TTL_MS, signingSecret } from '../media-urls.js';
import { errors, params } from '../schemas.js';

/** Longest file name kept (longer ones are cut, keeping the extension). */
const MAX_FILE_NAME = 200;
/** Largest side of a thumbnail, in pixels. */
const THUMB_SIZE = 320;
/** Pictures larger than this many pixels are refused: decoding them would take the server's memory. */
const MAX_PIXELS = 50_000_000;
/** A signed URL's expiry is rounded up to this step, so the same list fetched twice gives the same URLs (caches). */
const EXPIRY_STEP_MS = 15 * 60_000;

interface AttachmentRow {
  id: number;
  production_id: string;
  comment_id: number;
  media_object_id: number;
  name: string;
  mime_type: string;
  size: number;
  width: number | null;
  height: number | null;
  has_thumbnail: number;
  creator_id: number;
  created: string;
}

const ATTACHMENT_SCHEMA = {
  type: 'object',
  required: [
    'id',
    'commentId',
    'mediaObjectId',
    'name',
    'mimeType',
    'size',
    'width',
    'height',
    'url',
    'thumbnailUrl',
    'creatorId',
    'created',
  ],
  properties: {
    id: { type: 'integer' },
    commentId: { type: 'integer', description: 'The note it is attached to.' },
    mediaObjectId: { type: 'integer', description: "The note's clip." },
    name: { type: 'string', description: 'The file name as uploaded.' },
    mimeType: { type: 'string', enum: [...ATTACHMENT_TYPES], description: 'The type found in the content.' },
    size: { type: 'integer', description: 'Bytes.' },
    width: { type: ['integer', 'null'] },
    height: { type: ['integer', 'null'] },
    url: { type: 'string', description: 'The file: a signed URL, valid about two hours, for this session only.' },
    thumbnailUrl: { type: ['string', 'null'], description: 'A WebP of at most 320 px a side (images only), signed like `url`.' },
    creatorId: { type: 'integer' },
    created: { type: 'string', format: 'date-time' },
  },
} as const;

/** `name` made safe to store and show: no path, no control characters, not too long. */
function cleanName(raw: string | undefined, type: AttachmentType): string {
  const base = (raw ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  const fallback = `attachment.${type === 'application/pdf' ? 'pdf' : type.slice('image/'.length)}`;
  if (!base) return fallback;
  if (base.length <= MAX_FILE_NAME) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, MAX_FILE_NAME - ext.length) + ext;
}

/** `Content-Disposition` with the name in ASCII and in UTF-8 (RFC 6266, RFC 8187). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Signs and checks the attachment URLs, with the media's secret (media-urls.ts explains the scheme). */
class AttachmentUrls {
  constructor(private readonly secret: Buffer) {}

  private mac(path: string, by: string, exp: number): Buffer {
    return createHmac('sha256', this.secret).update(`attachment\n${path}\n${by}\n${exp}`).digest();
  }

  sign(path: string, p: Principal): string {
    const until = Math.min(Date.now() + MEDIA_URL_TTL_MS, p.expires);
    const exp = (Math.ceil(until / EXPIRY_STEP_MS) * EXPIRY_STEP_MS) / 1000;
    const by = `t.${p.selector}`;
    return `${path}?exp=${exp}&by=${encodeURIComponent(by)}&sig=${this.mac(path, by, exp).toString('base64url')}`;
  }

  /** The selector the URL was minted for; throws 401/403 when it is not signed, forged or expired. */
  check(path: string, query: Record<string, string | undefined>): string {
    const { exp, by, sig } = query;
    if (!exp || !by || !sig) throw unauthorized('attachments need a signed URL; take it from the attachment (url, thumbnailUrl)');
    const given = Buffer.from(sig, 'base64url');
    const expected = this.mac(path, by, Number(exp));
    if (given.length !== expected.length || !timingSafeEqual(given, expected) || !by.startsWith('t.'))
      throw forbidden('this attachment link is not valid');
    if (!(Number(exp) * 1000 > Date.now())) throw forbidden('this attachment link has expired; reload the page');
    return by.slice(2);
  }
}

/** The note of an attachment as `p` may see it (not deleted, on a clip it reaches, not hidden from it), or null. */
function visibleNote(repo: Repo, p: Principal, commentId: Id): ClipAnnotation | null {
  const c = repo.comment(p.productionId!, commentId);
  if (!c || c.customFields.deleted || !canReachClip(repo, p, c.mediaObjectId) || !canSeeComment(p, c)) return null;
  return c;
}

export const attachmentRoutes: RouteModule = {
  name: 'attachments',
  // The files are outside /api (as the media); the API routes are registered under it below.
  root: true,
  async register(app, { repo, options, auth, hub }) {
    const urls = new AttachmentUrls(signingSecret(repo, options.mediaSecret));
    const dir = options.attachmentsDir;
    const fileOf = (id: Id, variant: 'file' | 'thumb') => join(dir, variant === 'file' ? String(id) : `${id}.thumb.webp`);
    const row = (pid: string, id: Id) =>
      repo.db.prepare('SELECT * FROM attachments WHERE production_id = ? AND id = ?').get(pid, id) as AttachmentRow | undefined;
    const shape = (r: AttachmentRow, p: Principal): NoteAttachment => ({
      id: r.id,
      commentId: r.comment_id,
      mediaObjectId: r.media_object_id,
      name: r.name,
      mimeType: r.mime_type as AttachmentType,
      size: r.size,
      width: r.width,
      height: r.height,
      url: urls.sign(`/attachments/${r.id}/file`, p),
      thumbnailUrl: r.has_thumbnail ? urls.sign(`/attachments/${r.id}/thumb`, p) : null,
      creatorId: r.creator_id,
      created: r.created,
    });

    // A deleted note takes its files with it; a root kept as a tombstone (its text erased) too.
    const forget = (pid: string, commentIds: Id[]) => {
      if (commentIds.length === 0) return;
      const marks = commentIds.map(() => '?').join(',');
      const ids = repo.db
        .prepare(`SELECT id FROM attachments WHERE production_id = ? AND comment_id IN (${marks})`)
        .pluck()
        .all(pid, ...commentIds) as number[];
      if (ids.length === 0) return;
      repo.tx(() => repo.db.prepare(`DELETE FROM attachments WHERE id IN (${ids.map(() => '?').join(',')})`).run(...ids));
      for (const id of ids) for (const variant of ['file', 'thumb'] as const) rmSync(fileOf(id, variant), { force: true });
    };
    const productions = repo.db.prepare('SELECT id FROM productions').pluck().all() as string[];
    const unsubscribe = productions.map((pid) =>
      hub.subscribe(pid, ({ event }) => {
        if (event.type === 'comment.deleted') forget(pid, event.ids);
        else if (event.type === 'comment.updated' && event.comment.customFields.deleted) forget(pid, [event.comment.id]);
      }),
    );
    app.addHook('onClose', async () => unsubscribe.forEach((stop) => stop()));

    // The files: outside /api, as the media are.
    app.get<{ Params: { id: number; variant: 'file' | 'thumb' }; Querystring: Record<string, string | undefined> }>(
      '/attachments/:id/:variant',
      {
        schema: {
          summary: 'An attachment (`file`) or its thumbnail (`thumb`), through the signed URL of the attachment',
          description:
            "Sent with the type found in the content, `X-Content-Type-Options: nosniff`, `Content-Security-Policy: default-src 'none'; sandbox`, and `Content-Disposition: attachment` for a PDF (inline for an image). The signature is checked again on every request against the session it was minted for: a client whose note became internal, or whose share ended, gets 403 or 401.",
          tags: ['attachments'],
          security: [],
          params: {
            type: 'object',
            properties: { id: { type: 'integer', minimum: 1 }, variant: { type: 'string', enum: ['file', 'thumb'] } },
            required: ['id', 'variant'],
          },
          produces: [...ATTACHMENT_TYPES],
          response: { 200: { type: 'string' }, ...errors(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { id, variant } = request.params;
        const selector = urls.check(request.url.split('?')[0], request.query);
        const r = repo.db.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as AttachmentRow | undefined;
        if (!r) throw notFound(`no attachment ${id}`);
        let p: Principal;
        try {
          p = reauthorize(repo, selector, r.production_id);
        } catch {
          throw new HttpError(401, 'UNAUTHORIZED', 'the session of this attachment link has ended');
        }
        if (!visibleNote(repo, p, r.comment_id)) throw notFound(`no attachment ${id}`);
        if (variant === 'thumb' && !r.has_thumbnail) throw notFound(`attachment ${id} has no thumbnail`);
        const path = fileOf(r.id, variant);
        let size: number;
        try {
          size = statSync(path).size;
        } catch {
          throw notFound(`the file of attachment ${id} is missing`);
        }
        const image = r.mime_type.startsWith('image/');
        return (
          reply
            .header('Content-Type', variant === 'thumb' ? 'image/webp' : r.mime_type)
            .header('Content-Length', size)
            .header('X-Content-Type-Options', 'nosniff')
            .header('Content-Security-Policy', "default-src 'none'; sandbox")
            .header('Content-Disposition', disposition(image ? 'inline' : 'attachment', r.name))
            // Per session: a shared cache must not keep it.
            .header('Cache-Control', 'private, max-age=300')
            .send(request.method === 'HEAD' ? '' : createReadStream(path))
        );
      },
    );

    await app.register(
      async (api) => {
        // Multipart only here: every other route keeps answering 415 to it.
        await api.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 0, parts: 2 } });

        api.get<{ Params: { pid: string; moId: number } }>(
          '/production/:pid/mo/:moId/attachments',
          {
            onRequest: auth.production,
            schema: {
              summary: "The files on the clip's notes that the caller may see, oldest first",
              description:
                'A client token sees only those of the notes its share shows (never of an internal note). Each carries signed URLs (`url`, `thumbnailUrl`) for `<img>` and links.',
              tags: ['attachments'],
              params: params('moId'),
              response: { 200: { type: 'array', items: ATTACHMENT_SCHEMA }, ...errors(401, 403, 404) },
            },
          },
          async (request) => {
            const p = principalOf(request);
            const pid = p.productionId!;
            if (!repo.clip(pid, request.params.moId) || !canReachClip(repo, p, request.params.moId))
              throw notFound(`clip ${request.params.moId} not found`, 'moId');
            const rows = repo.db
              .prepare('SELECT * FROM attachments WHERE production_id = ? AND media_object_id = ? ORDER BY id')
              .all(pid, request.params.moId) as AttachmentRow[];
            const seen = new Map<Id, boolean>();
            const visible = (commentId: Id) => {
              if (!seen.has(commentId)) seen.set(commentId, !!visibleNote(repo, p, commentId));
              return seen.get(commentId)!;
            };
            return rows.filter((r) => visible(r.comment_id)).map((r) => shape(r, p));
          },
        );

        api.post<{ Params: { pid: string; anId: number } }>(
          '/production/:pid/an/:anId/attachments',
          {
            onRequest: auth.production,
            bodyLimit: MAX_ATTACHMENT_BYTES + 64 * 1024,
            schema: {
              summary: 'Attach a file to a note (multipart/form-data, one part named `file`)',
              description: `PNG, JPEG, WebP, GIF or PDF, up to ${MAX_ATTACHMENT_BYTES / 1_000_000} MB, at most ${MAX_ATTACHMENTS_PER_NOTE} per note; the type is found in the content, not the name (415 otherwise, e.g. an HTML or SVG file named \`.png\`). Whoever may edit the note may attach to it (its author with REVIEW_EDIT, anyone with REVIEW_EDIT_ALL); a note the caller cannot see answers 404. Images get a thumbnail.`,
              tags: ['attachments'],
              params: params('anId'),
              consumes: ['multipart/form-data'],
              response: { 201: ATTACHMENT_SCHEMA, ...errors(400, 401, 403, 404, 409, 413, 415) },
            },
          },
          async (request, reply) => {
            const p = principalOf(request);
            const pid = p.productionId!;
            const note = visibleNote(repo, p, request.params.anId);
            if (!note) throw noSuchComment(request.params.anId);
            if (!canEditComment(p.rights, p.user.id, note))
              throw forbidden('attaching a file needs the right to edit the note (its author with REVIEW_EDIT, or REVIEW_EDIT_ALL)');
            if (!request.isMultipart())
              throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data, in a part named "file"');
            if (Number(request.headers['content-length']) > MAX_ATTACHMENT_BYTES + 64 * 1024) throw tooBig();
            const part = await request.file();
            if (!part || part.fieldname !== 'file') throw badRequest('file', 'send the file in a part named "file"');
            let bytes: Buffer;
            try {
              bytes = await part.toBuffer();
            } catch (e) {
              if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooBig();
              throw e;
            }
            if (bytes.length === 0) throw badRequest('file', 'the file is empty');
            const sniffed = await fileTypeFromBuffer(bytes);
            if (!sniffed || !isAttachmentType(sniffed.mime)) {
              throw new HttpError(
                415,
                'UNSUPPORTED_MEDIA_TYPE',
                `"${cleanName(part.filename, 'application/pdf')}" is ${sniffed ? `a ${sniffed.mime} file` : 'not a file type this server accepts'} by its content; attach a PNG, JPEG, WebP or GIF image, or a PDF`,
                'file',
              );
            }
            const type = sniffed.mime;
            let size: { width: number; height: number } | null = null;
            let thumb: Buffer | null = null;
            if (type.startsWith('image/')) {
              try {
                const image = sharp(bytes, { limitInputPixels: MAX_PIXELS });
                const meta = await image.metadata();
                size = { width: meta.autoOrient?.width ?? meta.width ?? 0, height: meta.autoOrient?.height ?? meta.height ?? 0 };
                thumb = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
                  .rotate()
                  .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
                  .webp({ quality: 80 })
                  .toBuffer();
              } catch (e) {
                throw new HttpError(
                  415,
                  'UNSUPPORTED_MEDIA_TYPE',
                  `the image cannot be read (${(e as Error).message}); it may be damaged or too large`,
                  'file',
                );
              }
            }
            const name = cleanName(part.filename, type);
            const saved = repo.tx(() => {
              const count = repo.db
                .prepare('SELECT COUNT(*) FROM attachments WHERE comment_id = ? AND production_id = ?')
                .pluck()
                .get(note.id, pid) as number;
              if (count >= MAX_ATTACHMENTS_PER_NOTE)
                throw new HttpError(409, 'CONFLICT', `a note holds at most ${MAX_ATTACHMENTS_PER_NOTE} attachments`, 'file');
              const created = new Date().toISOString();
              const { lastInsertRowid } = repo.db
                .prepare(
                  `INSERT INTO attachments (production_id, comment_id, media_object_id, name, mime_type, size, width, height, has_thumbnail, creator_id, created)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
                )
                .run(
                  pid,
                  note.id,
                  note.mediaObjectId,
                  name,
                  type,
                  bytes.length,
                  size?.width ?? null,
                  size?.height ?? null,
                  thumb ? 1 : 0,
                  p.user.id,
                  created,
                );
              const id = Number(lastInsertRowid);
              // Written inside the transaction: a failed write rolls the row back.
              mkdirSync(dir, { recursive: true });
              writeFileSync(fileOf(id, 'file'), bytes);
              if (thumb) writeFileSync(fileOf(id, 'thumb'), thumb);
              return row(pid, id)!;
            });
            const changed = { type: 'attachments.changed', mediaObjectId: note.mediaObjectId, commentId: note.id } as const;
            hub.publish(pid, changed, { internal: !!note.customFields.internal });
            return reply.code(201).send(shape(saved, p));
          },
        );

        api.delete<{ Params: { pid: string; id: number } }>(
          '/production/:pid/attachments/:id',
          {
            onRequest: auth.production,
            schema: {
              summary: 'Delete an attachment (whoever may edit its note)',
              tags: ['attachments'],
              params: params('id'),
              response: { 204: { type: 'null', description: 'Deleted.' }, ...errors(401, 403, 404) },
            },
          },
          async (request, reply) => {
            const p = principalOf(request);
            const r = row(p.productionId!, request.params.id);
            const note = r && visibleNote(repo, p, r.comment_id);
            if (!r || !note) throw notFound(`no attachment ${request.params.id}`, 'id');
            if (!canEditComment(p.rights, p.user.id, note))
              throw forbidden('deleting an attachment needs the right to edit its note (its author with REVIEW_EDIT, or REVIEW_EDIT_ALL)');
            repo.tx(() => repo.db.prepare('DELETE FROM attachments WHERE id = ?').run(r.id));
            rmSync(fileOf(r.id, 'file'), { force: true });
            rmSync(fileOf(r.id, 'thumb'), { force: true });
            const changed = { type: 'attachments.changed', mediaObjectId: note.mediaObjectId, commentId: note.id } as const;
            hub.publish(p.productionId!, changed, { internal: !!note.customFields.internal });
            return reply.code(204).send();
          },
        );
      },
      { prefix: '/api' },
    );
  },
};

const tooBig = () =>
  new HttpError(413, 'PAYLOAD_TOO_LARGE', `the file is over ${MAX_ATTACHMENT_BYTES / 1_000_000} MB, the most a note may carry`, 'file');
