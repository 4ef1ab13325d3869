/**
 * Review comments (ClipAnnotation, funnel ReviewComment): create, JSON Patch edit (also the review-status
 * patch of a MOA, which shares the id space), bulk delete, search, export.
 */
import type { Operation } from '../../../src/contract/types.js';
import {
  applyPatchCopy,
  tombstoneOf,
  validateCommentFields,
  validateCommentPatchOps,
  validateMentions,
  validateNewComment,
} from '../../../src/backend/validation.js';
import type { FastifyReply } from 'fastify';
import {
  EXPORT_FORMATS,
  EXPORT_MIME_TYPES,
  exportFileName,
  isNleExportFormat,
  NLE_EXPORT_FORMATS,
} from '../../../src/contract/export-formats.js';
import { exportOptionsOf, formatCommentsExport, withInternalNotes } from '../../../src/backend/export-formats.js';
import type { InternalNotesInExport } from '../../../src/contract/review-api.js';
import { formatClipMarkers, formatTimelineExport, type TimelineClipInput } from '../../../src/backend/nle-markers.js';
import type { Clip, ClipAnnotation, ExportFormat, Id, NewClipAnnotation, NleExportFormat } from '../../../src/contract/types.js';
import { AnswerCache, cachedAnswer } from '../answer-cache.js';
import { answerEncoding, encode } from '../compress.js';
import type { RouteModule } from '../context.js';
import { etagMatches } from '../files.js';
import { canReachClip, canSeeComment, principalOf, reachableClipIds, requireRight, type Principal } from '../auth.js';
import type { Filter, Repo } from '../db.js';
import { badRequest, forbidden, noSuchComment } from '../errors.js';
import { errors, params, ref } from '../schemas.js';
import { checkDocument } from '../validate.js';
import { clipFor, reachableClip } from './clips.js';
import { reachablePlaylist } from './playlists.js';
import { PATCH_CONSUMES } from './settings.js';
import { patchMoa } from './status.js';
import { canEditComment } from '../../../src/contract/rights.js';

/**
 * The shared rule of src/backend/validation.ts, with members looked up in this production; a client may
 * mention only the studio people on its share (the ones `GET /users` gives it).
 */
function checkMentions(repo: Repo, p: Principal, mentionIds: Id[]): void {
  const pid = p.productionId!;
  if (mentionIds.length === 0) return;
  const allowed = p.share
    ? new Set(repo.sharePeople(pid, p.share, '', Number.MAX_SAFE_INTEGER).map((u) => u.id))
    : repo.memberIds(pid, [...new Set(mentionIds)]);
  validateMentions(mentionIds, (id) => allowed.has(id), !!p.share);
}

/** A comment the caller can see and that is not a tombstone; otherwise `noSuchComment`. */
function visibleComment(repo: Repo, p: Principal, id: Id): ClipAnnotation {
  const c = repo.comment(p.productionId!, id);
  if (!c || c.customFields.deleted || !canReachClip(repo, p, c.mediaObjectId) || !canSeeComment(p, c)) throw noSuchComment(id);
  return c;
}

/**
 * The `fq` fields of the comment search and the SQL each value becomes. Column names are fixed here and
 * every value is a bound parameter, so no user text reaches the SQL.
 */
const SEARCH_FIELDS: Record<string, (value: string) => Filter> = {
  id: (v) => ({ sql: 'id = ?', params: [int('id', v)] }),
  mediaObjectId: (v) => ({ sql: 'media_object_id = ?', params: [int('mediaObjectId', v)] }),
  creatorId: (v) => ({ sql: 'creator_id = ?', params: [int('creatorId', v)] }),
  threadGroupId: (v) => ({ sql: 'thread_group_id = ?', params: [int('threadGroupId', v)] }),
  relatedToId: (v) =>
    v === 'null' ? { sql: 'related_to_id IS NULL', params: [] } : { sql: 'related_to_id = ?', params: [int('relatedToId', v)] },
  start: (v) => ({ sql: 'start = ?', params: [int('start', v)] }),
  tags: (v) => ({ sql: 'EXISTS (SELECT 1 FROM json_each(comments.tags) WHERE value = ?)', params: [v] }),
  mentionIds: (v) => ({ sql: 'EXISTS (SELECT 1 FROM json_each(comments.mention_ids) WHERE value = ?)', params: [int('mentionIds', v)] }),
  // Only review comments live here: another funnel/objectType is a valid filter that matches nothing.
  funnel: (v) => ({ sql: v === 'ReviewComment' ? '1' : '0', params: [] }),
  objectType: (v) => ({ sql: v === 'ClipAnnotation' ? '1' : '0', params: [] }),
};

function int(field: string, v: string): number {
  if (!/^\d{1,15}$/.test(v)) throw badRequest('fq', `fq ${field}:${v} — ${field} must be a whole number`);
  return Number(v);
}

/** One `fq` filter, Solr style: `field:value`, `-field:value` (not), `field:(a b)` or `field:(a OR b)` (either). */
interface SearchFilter {
  field: string;
  negated: boolean;
  values: string[];
}

function parseFilter(fq: string): SearchFilter {
  const match = /^(-?)([A-Za-z_]\w*):([\s\S]*)$/.exec(fq);
  if (!match) throw badRequest('fq', `fq "${fq}": a filter is field:value, -field:value or field:(a b)`);
  const [, minus, field, raw] = match;
  if (!Object.hasOwn(SEARCH_FIELDS, field)) {
    throw badRequest('fq', `fq "${fq}": unknown field "${field}"; the fields are ${Object.keys(SEARCH_FIELDS).join(', ')}`);
  }
  const group = /^\(([\s\S]*)\)$/.exec(raw);
  const values = group ? group[1].split(/\s+/).filter((v) => v !== '' && v !== 'OR') : [raw];
  if (values.length === 0 || values.includes('')) throw badRequest('fq', `fq "${fq}": ${field} needs a value`);
  return { field, negated: minus === '-', values };
}

/** The filter as SQL: its values ORed, then negated when asked (a NULL column counts as no match). */
function filterSql({ field, negated, values }: SearchFilter): Filter {
  const parts = values.map(SEARCH_FIELDS[field]);
  const either = parts.map((f) => `(${f.sql})`).join(' OR ');
  return { sql: negated ? `NOT COALESCE(${either}, 0)` : `(${either})`, params: parts.flatMap((f) => f.params) };
}

/** `offset`/`limit` or their Solr names `start`/`rows`; both given and different is a 400 naming the alias. */
function pagingValue(name: string, value: number | undefined, alias: string, aliasValue: number | undefined, fallback: number): number {
  if (value !== undefined && aliasValue !== undefined && value !== aliasValue) {
    throw badRequest(alias, `${alias} and ${name} are the same parameter and disagree (${aliasValue} vs ${value}); send one`);
  }
  return value ?? aliasValue ?? fallback;
}

/** The `internal` parameter of the exports: what happens to internal notes (docs/http-api.md, "Exports"). */
const INTERNAL_QUERY = {
  type: 'string',
  enum: ['mark', 'omit'],
  description: 'Internal notes (studio only): `mark` (default) keeps them marked `[Internal]`; `omit` leaves them and their replies out.',
} as const;

const ORDER: Record<string, string> = {
  'start ASC': 'start ASC, id ASC',
  'start DESC': 'start DESC, id DESC',
  'created ASC': 'created ASC, id ASC',
  'created DESC': 'created DESC, id DESC',
};

export const commentRoutes: RouteModule = {
  name: 'comments',
  register(app, ctx) {
    const { repo, hub, auth } = ctx;
    const answers = new AnswerCache();

    app.post<{ Params: { moId: number }; Body: NewClipAnnotation }>(
      '/production/:pid/mo/:moId/clip',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Create a review comment on a frame of the clip (REVIEW_EDIT)',
          description:
            "The body is the production API's: `mediaObjectId` and `objectType` may be left out (the path names the clip); `mentionIds` and `tags` are stored as sent. Refused with 400 (naming the field): a `mediaObjectId` other than `:moId`, `end != start + 1`, `start` past the last frame, blank or too long description, a mention of a non-member (for a client token: of anyone but the studio people on its share, those `GET /users` gives it), too many mentions or tags or a tag too long, a bad `xywh=percent:` fragment, a reply to a reply or to a comment of another clip. A client token may not create internal comments (403).",
          tags: ['comments'],
          params: params('moId'),
          body: ref('NewClipAnnotation'),
          response: { 201: ref('ClipAnnotation'), ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const pid = p.productionId!;
        const clip = reachableClip(repo, p, request.params.moId);
        requireRight(p, 'REVIEW_EDIT', 'creating a comment');
        const input = request.body;
        const parent = input.relatedToId != null ? repo.comment(pid, input.relatedToId) : undefined;
        validateNewComment(input, clip, parent && !parent.customFields.deleted && canSeeComment(p, parent) ? parent : undefined);
        checkMentions(repo, p, input.mentionIds);
        if (p.share && input.customFields?.internal) throw forbidden('clients cannot create internal comments');
        const comment = repo.tx(() => {
          const id = repo.nextId('annotation');
          const now = new Date().toISOString();
          const c: ClipAnnotation = {
            id,
            objectType: 'ClipAnnotation',
            funnel: 'ReviewComment',
            mediaObjectId: clip.id,
            description: input.description,
            mentionIds: input.mentionIds,
            tags: input.tags,
            spatial: input.spatial ?? null,
            uiLocation: input.uiLocation ?? null,
            relatedToId: parent?.id ?? null,
            threadGroupId: parent?.id ?? id,
            start: input.start,
            end: input.end,
            creatorId: p.user.id,
            creatorName: p.user.name,
            creatorKind: p.user.kind,
            created: now,
            modified: now,
            version: 1,
            customFields: input.customFields ?? {},
          };
          repo.insertComment(pid, c);
          return c;
        });
        hub.publish(pid, { type: 'comment.created', comment });
        ctx.notifier?.commentCreated(p, comment);
        return reply.code(201).send(comment);
      },
    );

    app.patch<{ Params: { anId: number }; Body: Operation[] }>(
      '/production/:pid/an/:anId',
      {
        onRequest: auth.production,
        schema: {
          summary: "Edit a comment, or set a clip's review status, with a JSON Patch",
          description: [
            '**Comment** (REVIEW_EDIT on one\'s own, REVIEW_EDIT_ALL on any): the patch may touch only description, mentionIds, tags, spatial, uiLocation and customFields (`/id`, `/creatorId`, `/start`… answer 400). A leading `{"op":"test","path":"/version","value":<version>}` guards against lost updates (409 when stale); without it the last write wins. All or nothing: any failing `test` answers 409, any other failing op 400, and then nothing is changed. The result is checked like a new comment; `version` increments.',
            '**MediaObjectAnnotation** (REVIEW_STATUS_EDIT): `[{"op":"add","path":"/reviewStatus","value":"NEEDS_WORK"}]`; the value must be one of the production\'s `reviewStatusConfig.possibleValues`.',
          ].join('\n\n'),
          tags: ['comments', 'review status'],
          params: params('anId'),
          consumes: PATCH_CONSUMES,
          body: ref('JsonPatch'),
          response: {
            200: { anyOf: [ref('ClipAnnotation'), ref('MediaObjectAnnotation')] },
            ...errors(400, 401, 403, 404, 409, 413, 415),
          },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const pid = p.productionId!;
        const moa = repo.moa(pid, request.params.anId);
        if (moa) return patchMoa(ctx, p, moa, request.body);
        const current = visibleComment(repo, p, request.params.anId);
        if (!canEditComment(p.rights, p.user.id, current)) {
          throw forbidden(
            p.rights.includes('REVIEW_EDIT')
              ? 'you can edit only your own comments (REVIEW_EDIT_ALL edits any)'
              : 'editing a comment needs the REVIEW_EDIT or REVIEW_EDIT_ALL right',
          );
        }
        validateCommentPatchOps(request.body);
        const next = repo.tx(() => {
          // Read again inside the transaction: the version test must see the latest committed row.
          const latest = repo.comment(pid, current.id)!;
          const patched = applyPatchCopy(latest, request.body);
          validateCommentFields(patched);
          checkDocument('ClipAnnotation', patched);
          checkMentions(repo, p, patched.mentionIds);
          if (p.share && patched.customFields?.internal) throw forbidden('clients cannot make a comment internal');
          patched.version = latest.version + 1;
          patched.modified = new Date().toISOString();
          repo.saveComment(patched);
          return patched;
        });
        hub.publish(pid, { type: 'comment.updated', comment: next });
        return next;
      },
    );

    app.delete<{ Body: { actions: Array<{ action: 'DELETE'; ids: Id[] }> } }>(
      '/production/:pid/an/bulk',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Delete comments: {"actions":[{"action":"DELETE","ids":[…]}]}',
          description:
            'All or nothing: an id that is missing or that the caller cannot see answers 404 (the same answer for both), one the caller sees but may not delete 403 (REVIEW_EDIT: own comments; REVIEW_EDIT_ALL: any), and then nothing is deleted. Deleting a root comment deletes its replies when the caller may delete each of them; otherwise the root becomes a tombstone (`customFields.deleted`, empty description, creator kept) and the replies stay. Deleting the last reply under a tombstone removes the tombstone. `deleted` lists every id removed, `tombstoned` the roots kept as tombstones (see docs/http-api.md).',
          tags: ['comments'],
          params: params(),
          body: {
            type: 'object',
            properties: {
              actions: {
                type: 'array',
                minItems: 1,
                maxItems: 20,
                items: {
                  type: 'object',
                  properties: {
                    action: { type: 'string', enum: ['DELETE'] },
                    ids: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, maxItems: 1000 },
                  },
                  required: ['action', 'ids'],
                  additionalProperties: false,
                },
              },
            },
            required: ['actions'],
            additionalProperties: false,
          },
          response: {
            200: {
              type: 'object',
              properties: {
                deleted: { type: 'array', items: { type: 'integer' }, description: 'Every id removed.' },
                tombstoned: {
                  type: 'array',
                  items: { type: 'integer' },
                  description: 'Roots kept as tombstones for the replies of others.',
                },
              },
              required: ['deleted', 'tombstoned'],
            },
            ...errors(400, 401, 403, 404),
          },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const pid = p.productionId!;
        const ids = [...new Set(request.body.actions.flatMap((a) => a.ids))];
        const { removed, tombstones } = repo.tx(() => {
          const targets = ids.map((id) => {
            const c = visibleComment(repo, p, id);
            if (!canEditComment(p.rights, p.user.id, c)) throw forbidden(`you may not delete comment ${id}`);
            return c;
          });
          const repliesOf = (rootId: Id) =>
            repo.searchComments(pid, [{ sql: 'related_to_id = ?', params: [rootId] }], 'id ASC', 0, Number.MAX_SAFE_INTEGER).items;
          const gone = new Map<Id, ClipAnnotation>();
          const kept: ClipAnnotation[] = [];
          for (const c of targets.filter((t) => t.relatedToId === null)) {
            const replies = repliesOf(c.id);
            // A root goes with its replies only when the caller may delete every one of them; otherwise the
            // replies of others stay, under a tombstone of the root.
            if (replies.every((r) => canEditComment(p.rights, p.user.id, r))) {
              for (const x of [c, ...replies]) gone.set(x.id, x);
            } else {
              kept.push(tombstoneOf(c, replies, new Date().toISOString()));
            }
          }
          for (const c of targets.filter((t) => t.relatedToId !== null)) gone.set(c.id, c);
          for (const t of kept) repo.saveComment(t);
          repo.deleteComments([...gone.keys()]);
          // A tombstone whose last reply just went has nothing left to hold up.
          const roots = new Set([...gone.values()].filter((c) => c.relatedToId !== null).map((c) => c.relatedToId!));
          for (const rootId of roots) {
            const root = repo.comment(pid, rootId);
            if (root?.customFields.deleted && repliesOf(rootId).length === 0) {
              repo.deleteComments([rootId]);
              gone.set(rootId, root);
            }
          }
          return { removed: [...gone.values()], tombstones: kept };
        });
        for (const comment of tombstones) hub.publish(pid, { type: 'comment.updated', comment });
        // One event per clip, internal ids apart so the events stream can keep them from clients.
        const groups = new Map<string, { mediaObjectId: Id; ids: Id[] }>();
        for (const c of removed) {
          const key = `${c.mediaObjectId}:${!!c.customFields.internal}`;
          const g = groups.get(key) ?? { mediaObjectId: c.mediaObjectId, ids: [] };
          g.ids.push(c.id);
          groups.set(key, g);
        }
        for (const [key, g] of groups) {
          hub.publish(pid, { type: 'comment.deleted', ids: g.ids, mediaObjectId: g.mediaObjectId }, { internal: key.endsWith('true') });
        }
        return { deleted: removed.map((c) => c.id), tombstoned: tombstones.map((c) => c.id) };
      },
    );

    app.get<{ Querystring: { fq: string[]; sort: string; offset?: number; limit?: number; start?: number; rows?: number } }>(
      '/production/:pid/an/search',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Search comments: repeated fq filters (ANDed), sort, offset/limit (or start/rows)',
          description: [
            `Filters, Solr style: \`fq=field:value\`; \`fq=-field:value\` excludes; \`fq=field:(a b)\` matches either value. Fields: ${Object.keys(SEARCH_FIELDS).join(', ')} (relatedToId takes a number or \`null\`); another field answers 400 naming it.`,
            'Paging: `offset` and `limit` (1..1000, default 200), or their Solr names `start` and `rows`. Total matches in `X-Pagination-Total-Results`, the offset used in `X-Pagination-Offset`.',
            "A client token sees only its playlist's clips, never internal comments, nothing when the share hides comments.",
            'Answers carry an `ETag`; `If-None-Match` with it answers 304 (no body) while no comment of the production changed.',
          ].join('\n\n'),
          tags: ['comments'],
          params: params(),
          querystring: {
            type: 'object',
            properties: {
              fq: {
                type: 'array',
                items: { type: 'string', maxLength: 200 },
                maxItems: 20,
                default: [],
                description: 'e.g. `mediaObjectId:101`, `funnel:ReviewComment`, `-creatorId:3`, `creatorId:(1 2)`',
              },
              sort: { type: 'string', enum: Object.keys(ORDER), default: 'start ASC' },
              offset: { type: 'integer', minimum: 0, description: 'Matches to skip (default 0).' },
              start: { type: 'integer', minimum: 0, description: 'Same as `offset` (Solr name).' },
              limit: { type: 'integer', minimum: 1, maximum: 1000, description: 'Page size (default 200).' },
              rows: { type: 'integer', minimum: 1, maximum: 1000, description: 'Same as `limit` (Solr name).' },
            },
            additionalProperties: false,
          },
          responseHeaders: {
            'X-Pagination-Total-Results': 'Number of comments matching the filters (all pages).',
            'X-Pagination-Offset': 'The offset of this page (`offset` or `start`, 0 when neither was given).',
            ETag: 'Validator of this answer: a request with `If-None-Match` naming it gets 304 while the answer is unchanged.',
            'Cache-Control': '`private, no-cache`: a browser may keep the answer and revalidates it on every use.',
          },
          response: { 200: { type: 'array', items: ref('ClipAnnotation') }, ...errors(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const { fq, sort } = request.query;
        const offset = pagingValue('offset', request.query.offset, 'start', request.query.start, 0);
        const limit = pagingValue('limit', request.query.limit, 'rows', request.query.rows, 200);
        const where: Filter[] = [];
        for (const f of fq) {
          const filter = parseFilter(f);
          // A clip named positively must be one the caller may reach (404 otherwise, as on the clip itself).
          if (filter.field === 'mediaObjectId' && !filter.negated) {
            for (const v of filter.values) reachableClip(repo, p, int('mediaObjectId', v));
          }
          where.push(filterSql(filter));
        }
        const reachable = reachableClipIds(repo, p);
        if (reachable) {
          where.push({ sql: `media_object_id IN (${[...reachable].map(() => '?').join(',') || 'NULL'})`, params: [...reachable] });
          where.push({ sql: `json_extract(custom_fields, '$.internal') IS NOT 1`, params: [] });
          if (!p.share!.commentsVisible) where.push({ sql: '0', params: [] });
        }
        // The query as run, the caller's limits included, is the answer's key (answer-cache.ts).
        const pid = p.productionId!;
        const key = JSON.stringify([pid, where, ORDER[sort], offset, limit]);
        const stamp = repo.commentStamp(pid);
        let answer = answers.get(key, stamp);
        if (!answer) {
          const query = JSON.stringify([pid, where]);
          const page = repo.searchCommentsJson(pid, where, ORDER[sort], offset, limit, answers.knownTotal(query, stamp));
          answers.keepTotal(query, stamp, page.total);
          answer = cachedAnswer(page.json, page.total);
          answers.set(key, stamp, answer);
        }
        reply
          .header('X-Pagination-Total-Results', String(answer.total))
          .header('X-Pagination-Offset', String(offset))
          .header('Cache-Control', 'private, no-cache')
          .type('application/json; charset=utf-8');
        const encoding = answerEncoding(request, reply, answer.bytes);
        // Each representation has its own ETag (RFC 9110 8.8.3), as the portal's files do (files.ts).
        const etag = `"${answer.hash}${encoding ? `-${encoding}` : ''}"`;
        reply.header('ETag', etag);
        if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
        if (!encoding) return reply.send(answer.json);
        let body = answer.encoded.get(encoding);
        if (!body) {
          const cached = answer;
          body = encode(answer.json, encoding, answer.bytes);
          cached.encoded.set(encoding, body);
          body.catch(() => cached.encoded.delete(encoding));
        }
        return reply.header('Content-Encoding', encoding).send(await body);
      },
    );

    /** The notes of `clip` that `p` may see, in frame order. */
    const exportable = (p: Principal, clip: Clip): ClipAnnotation[] =>
      repo
        .searchComments(p.productionId!, [{ sql: 'media_object_id = ?', params: [clip.id] }], ORDER['start ASC'], 0, 1_000_000)
        .items.filter((c) => canSeeComment(p, c));
    /** A clip of an NLE timeline: its shown name, rate, length, timecode start, review status and notes. */
    const timelineClip = (p: Principal, clip: Clip, internal: InternalNotesInExport, format: ExportFormat): TimelineClipInput => ({
      id: clip.id,
      name: clipFor(repo, p, clip).name,
      frameRate: clip.media.frameRate,
      frameCount: clip.media.frameCount,
      timecodeStart: clip.timecodeStart,
      // Media URLs are for the studio's editors; a share client's file names the clips only.
      mediaUrl: p.share ? undefined : clip.media.url,
      reviewStatus: repo.moaOfClip(p.productionId!, clip.id)?.reviewStatus,
      comments: withInternalNotes(exportable(p, clip), internal, format),
    });
    const sendFile = (reply: FastifyReply, format: ExportFormat, name: string, text: string) =>
      reply
        .header('Content-Type', EXPORT_MIME_TYPES[format])
        .header('Content-Disposition', `attachment; filename="${exportFileName(name, format)}"`)
        .send(Buffer.from(text, 'utf8'));

    app.get<{ Params: { moId: number }; Querystring: { format: ExportFormat; internal?: InternalNotesInExport } }>(
      '/production/:pid/mo/:moId/comments/export',
      {
        onRequest: auth.production,
        schema: {
          summary: "The clip's comments as a file: WebVTT, SRT, CSV, JSON, or NLE markers (EDL, FCP 7 XML, Premiere, Resolve EDL, OTIO)",
          description:
            "vtt/srt/csv/json: cues cover each comment's frame (start/fps to end/fps, rational rates); replies follow their root. " +
            "edl, fcp7, premiere, resolve, otio: the clip as a timeline whose markers are its notes, at the clip's timecode (`timecodeStart`) " +
            'and rate, drop-frame at 29.97 DF, coloured by review status (docs/http-api.md, "Exports"). Comments the caller may not see are left out.',
          tags: ['comments'],
          params: params('moId'),
          querystring: {
            type: 'object',
            properties: { format: { type: 'string', enum: [...EXPORT_FORMATS] }, internal: INTERNAL_QUERY },
            required: ['format'],
            additionalProperties: false,
          },
          produces: ['text/vtt', 'application/x-subrip', 'text/csv', 'application/json', 'text/plain', 'application/xml'],
          response: { 200: { type: 'string' }, ...errors(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const clip = reachableClip(repo, p, request.params.moId);
        const format = request.query.format;
        const shown = timelineClip(p, clip, request.query.internal ?? 'mark', format);
        const options = exportOptionsOf(shown);
        const text = isNleExportFormat(format)
          ? formatClipMarkers(format, shown.comments, options)
          : formatCommentsExport(format, shown.comments, options);
        return sendFile(reply, format, shown.name, text);
      },
    );

    app.get<{ Params: { plId: number }; Querystring: { format: NleExportFormat; internal?: InternalNotesInExport } }>(
      '/production/:pid/playlist/:plId/comments/export',
      {
        onRequest: auth.production,
        schema: {
          summary: "The playlist's notes as one NLE timeline: EDL, FCP 7 XML, Premiere, Resolve EDL or OTIO",
          description:
            "The playlist's clips one after another on one timeline, in playlist order (EDL events with consecutive record timecodes, " +
            "OTIO clips in one track), each with its notes as markers. The timeline starts at the first clip's `timecodeStart` and runs at its rate. " +
            "A client token reaches only its share's playlist and sees what its share shows.",
          tags: ['comments', 'playlists'],
          params: params('plId'),
          querystring: {
            type: 'object',
            properties: { format: { type: 'string', enum: [...NLE_EXPORT_FORMATS] }, internal: INTERNAL_QUERY },
            required: ['format'],
            additionalProperties: false,
          },
          produces: ['text/plain', 'application/xml', 'application/json'],
          response: { 200: { type: 'string' }, ...errors(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const playlist = reachablePlaylist(repo, p, request.params.plId);
        const clips = playlist.clipIds
          .filter((id) => canReachClip(repo, p, id))
          .map((id) => repo.clip(p.productionId!, id))
          .filter((c): c is Clip => !!c)
          .map((c) => timelineClip(p, c, request.query.internal ?? 'mark', request.query.format));
        const format = request.query.format;
        return sendFile(reply, format, playlist.name, formatTimelineExport(format, { name: playlist.name, clips }));
      },
    );
  },
};
