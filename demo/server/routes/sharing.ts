/**
 * Sharing with clients (docs/http-api.md): shares of a playlist (create, list, change, revoke), client
 * users, invitations (e-mail through mail.ts) and the client side — `GET /share/:token` (public branding;
 * 410 when expired or revoked) and `POST /share/:token/session` (password → a client bearer token).
 *
 * A client token is an ordinary token of auth.ts restricted to the production, with the rights the share
 * grants (REVIEW_EDIT iff clients may create comments, REVIEW_STATUS_EDIT iff they may change status) and
 * `scope` = the share; every other route already confines such a token to the share's playlist, hides
 * internal comments and, when the share hides comments, all of them. Changing a share updates its client
 * tokens; revoking deletes them; they never outlive the share's expiry.
 *
 * Share tokens are 192 random bits (base64url) — the link is the capability, so it is stored to show the
 * link again. Share passwords are scrypt hashes (passwords.ts format); wrong passwords are rate limited per
 * link and per address (429 with Retry-After). Changing the password ends the share's sessions.
 *
 * Client principals (the user a session acts as) are bound to the share: the same e-mail typed at another
 * link is another principal, unless the studio invited that client user to both shares (then it is the
 * client user's one principal). Sessions per share and address are capped. Links point at the configured
 * public origin, never at a request's Host header.
 */
import { randomBytes, scrypt } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CLIENT_THEMES,
  DEFAULT_SHARE_SETTINGS,
  type ClientUser,
  type Id,
  type Invitation,
  type InvitationResult,
  type NewShare,
  type PublicShare,
  type Right,
  type Share,
  type ShareChanges,
  type ShareSession,
  type ShareSessionScope,
  type ShareSettings,
} from '../../../src/contract/types.js';
import type { RouteModule, ServerContext } from '../context.js';
import { issueToken, principalOf, RateLimiter, requireRight, TOKEN_TTL_MS, type Principal } from '../auth.js';
import type { Repo } from '../db.js';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../errors.js';
import { verifyPassword } from '../passwords.js';
import { errors, params, ref, type JsonSchema } from '../schemas.js';
import { invitationEmail, mailerFromEnv, type Mailer } from '../mail.js';
import { reachablePlaylist } from './playlists.js';
import { checkShareSessionName } from '../names.js';
import { MAX_EMAIL_LENGTH, MAX_MESSAGE_LENGTH, MAX_NAME_LENGTH } from '../../../src/contract/limits.js';
import { isEmailAddress } from '../../../src/contract/email.js';

export const SHARE_PASSWORD_MIN = 4;
/** Wrong passwords per link (and 4× that per address) a minute before 429. */
export const SHARE_PASSWORD_ATTEMPTS = 5;
/** Sessions one address may open on one link an hour before 429. */
export const SHARE_SESSIONS_PER_ADDRESS = 20;

/** The 410 of a closed share, saying whether it was revoked or expired (revoked wins when both). */
const gone = (row: ShareRow) =>
  row.revoked === 1
    ? new HttpError(410, 'GONE', 'the studio revoked this share link', undefined, {}, 'revoked')
    : new HttpError(410, 'GONE', 'this share link has expired', undefined, {}, 'expired');

// — storage —

interface ShareRow {
  id: number;
  production_id: string;
  playlist_id: number;
  token: string;
  settings: string;
  password_hash: string | null;
  expires_at: string | null;
  revoked: number;
  created: string;
  created_by: number | null;
}

export const shareUrl = (origin: string, token: string) => `${origin}/review.html?token=${encodeURIComponent(token)}`;

function toShare(row: ShareRow, origin: string): Share {
  return {
    id: row.id,
    playlistId: row.playlist_id,
    token: row.token,
    url: shareUrl(origin, row.token),
    settings: JSON.parse(row.settings),
    hasPassword: row.password_hash !== null,
    expiresAt: row.expires_at,
    revoked: row.revoked === 1,
    created: row.created,
  };
}

const isClosed = (row: ShareRow, now = Date.now()) => row.revoked === 1 || (row.expires_at !== null && Date.parse(row.expires_at) <= now);

function scryptHash(password: string): Promise<string> {
  const N = 16384;
  const salt = randomBytes(16);
  return new Promise((done, fail) =>
    scrypt(password, salt, 32, { N, r: 8, p: 1 }, (err, key) =>
      err ? fail(err) : done(`scrypt$${N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`),
    ),
  );
}

/** What a client token of this share may do. */
export function clientRights(s: ShareSettings): Right[] {
  const rights: Right[] = [];
  if (s.commentsVisible && s.commentsCreate) rights.push('REVIEW_EDIT');
  if (s.allowStatusChange) rights.push('REVIEW_STATUS_EDIT');
  return rights;
}

function scopeOf(row: ShareRow, s: ShareSettings): ShareSessionScope {
  return {
    shareId: row.id,
    playlistId: row.playlist_id,
    commentsVisible: s.commentsVisible,
    commentsCreate: s.commentsVisible && s.commentsCreate,
    allowDownload: s.allowDownload,
    allowStatusChange: s.allowStatusChange,
    allowCompare: s.allowCompare === true,
    allowRoom: s.allowRoom === true,
  };
}

const SHARE_TOKENS = "json_extract(scope, '$.shareId') = ?";
/** The studio's Preview sessions of a share (`preview: true` in the scope): read-only, whatever clients may do. */
const PREVIEW_TOKENS = `${SHARE_TOKENS} AND json_extract(scope, '$.preview') = 1`;
const CLIENT_TOKENS = `${SHARE_TOKENS} AND json_extract(scope, '$.preview') IS NULL`;
/** A Preview session lasts an hour (or until the share ends): the studio opens a new one from the portal. */
export const PREVIEW_TTL_MS = 3600_000;

class ShareRepo {
  constructor(private readonly repo: Repo) {}

  get db() {
    return this.repo.db;
  }

  byId(pid: string, id: Id): ShareRow | undefined {
    return this.db.prepare('SELECT * FROM shares WHERE production_id = ? AND id = ?').get(pid, id) as ShareRow | undefined;
  }

  byToken(token: string): ShareRow | undefined {
    return this.db.prepare('SELECT * FROM shares WHERE token = ?').get(token) as ShareRow | undefined;
  }

  list(pid: string, playlistId?: Id): ShareRow[] {
    return (
      playlistId === undefined
        ? this.db.prepare('SELECT * FROM shares WHERE production_id = ? ORDER BY id DESC').all(pid)
        : this.db.prepare('SELECT * FROM shares WHERE production_id = ? AND playlist_id = ? ORDER BY id DESC').all(pid, playlistId)
    ) as ShareRow[];
  }

  /** The client user the studio invited to this share with this e-mail, if any. */
  invitedClientUser(shareId: Id, email: string): ClientUser | undefined {
    return this.db
      .prepare(
        `SELECT cu.id, cu.name, cu.email FROM client_users cu JOIN invitations i ON i.client_user_id = cu.id
         WHERE i.share_id = ? AND lower(cu.email) = ? LIMIT 1`,
      )
      .get(shareId, email) as ClientUser | undefined;
  }

  /**
   * The user a new session acts as (call inside a transaction): an invited client user's own principal
   * (the same across the shares they were invited to), else this share's principal for the e-mail, else a
   * new anonymous one. Client rows carry no e-mail in `users`, so they never meet a studio account.
   */
  clientPrincipal(shareId: Id, clientUserId: Id | null, email: string | null, name: string): Id {
    const found = (
      clientUserId !== null
        ? this.db.prepare('SELECT user_id FROM client_principals WHERE client_user_id = ?').pluck().get(clientUserId)
        : email !== null
          ? this.db.prepare('SELECT user_id FROM client_principals WHERE share_id = ? AND email = ?').pluck().get(shareId, email)
          : undefined
    ) as number | undefined;
    if (found !== undefined) {
      this.db.prepare('UPDATE users SET name = ? WHERE id = ?').run(name, found);
      return found;
    }
    const userId = this.repo.nextId('user');
    this.db.prepare("INSERT INTO users (id, name, email, kind) VALUES (?, ?, NULL, 'client')").run(userId, name);
    this.db
      .prepare('INSERT INTO client_principals (user_id, share_id, client_user_id, email) VALUES (?, ?, ?, ?)')
      .run(userId, clientUserId === null ? shareId : null, clientUserId, email);
    return userId;
  }

  endSessions(shareId: Id): void {
    this.db.prepare(`DELETE FROM tokens WHERE ${SHARE_TOKENS}`).run(shareId);
  }

  /** Client tokens of a share follow its settings and expiry; revoking removes them. */
  syncTokens(row: ShareRow): void {
    if (row.revoked === 1) {
      this.endSessions(row.id);
      return;
    }
    const settings: ShareSettings = JSON.parse(row.settings);
    this.db
      .prepare(`UPDATE tokens SET rights = ?, scope = ? WHERE ${CLIENT_TOKENS}`)
      .run(JSON.stringify(clientRights(settings)), JSON.stringify(scopeOf(row, settings)), row.id);
    // A Preview shows the new settings too, and stays read-only.
    this.db
      .prepare(`UPDATE tokens SET rights = '[]', scope = ? WHERE ${PREVIEW_TOKENS}`)
      .run(JSON.stringify({ ...scopeOf(row, settings), preview: true }), row.id);
    if (row.expires_at) {
      this.db.prepare(`UPDATE tokens SET expires = min(expires, ?) WHERE ${SHARE_TOKENS}`).run(row.expires_at, row.id);
    }
  }
}

// — validation —

const SETTINGS_PROPS: Record<keyof ShareSettings, JsonSchema> = {
  requirePassword: { type: 'boolean' },
  expiresInDays: { type: ['integer', 'null'], minimum: 1, maximum: 3650 },
  commentsVisible: { type: 'boolean' },
  commentsCreate: { type: 'boolean' },
  allowDownload: { type: 'boolean' },
  emailThumbnails: { type: 'boolean' },
  allowStatusChange: { type: 'boolean' },
  allowCompare: { type: 'boolean' },
  allowRoom: { type: 'boolean' },
};
const partialSettings: JsonSchema = { type: 'object', properties: SETTINGS_PROPS, additionalProperties: false };
const password: JsonSchema = { type: ['string', 'null'], maxLength: 200 };
/** The client-side routes' `:token` (a share link's token). */
const SHARE_TOKEN_PARAMS: JsonSchema = {
  type: 'object',
  properties: { token: { type: 'string', minLength: 1, maxLength: 100 } },
  required: ['token'],
};
/** A share session's answer (`ShareSession`): the client's, and the studio's Preview. */
const SHARE_SESSION_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { token: { type: 'string' }, productionId: { type: 'string' }, playlistId: { type: 'integer' } },
};
/** The 410 of a closed share link (`error.reason` says revoked or expired). */
const GONE_SCHEMA: JsonSchema = { ...ref('Error'), description: 'Expired or revoked.' };
const isoDate: JsonSchema = { type: ['string', 'null'], maxLength: 40, description: 'ISO 8601 date-time, or null for never' };
const shareSchema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    playlistId: { type: 'integer' },
    token: { type: 'string' },
    url: { type: 'string' },
    settings: ref('ShareSettings'),
    hasPassword: { type: 'boolean' },
    expiresAt: { type: ['string', 'null'] },
    revoked: { type: 'boolean' },
    created: { type: 'string' },
  },
};
const clientUserSchema: JsonSchema = {
  type: 'object',
  properties: { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' } },
};

function checkExpiresAt(value: string | null | undefined): void {
  if (value == null) return;
  if (Number.isNaN(Date.parse(value))) throw badRequest('expiresAt', 'expiresAt must be an ISO date-time or null');
}

function checkPassword(value: string | null | undefined): void {
  if (value != null && value.length < SHARE_PASSWORD_MIN) {
    throw badRequest('password', `password must be at least ${SHARE_PASSWORD_MIN} characters`);
  }
}

function checkEmail(value: string, field: string): string {
  const email = value.trim().toLowerCase();
  if (!isEmailAddress(email)) throw badRequest(field, `${field} must be an e-mail address`);
  return email;
}

// — the module —

/**
 * The /outbox page's script: lists the outbox with the studio portal's token (demo/studio.ts keeps it in
 * localStorage) and opens a message's own HTML from a blob: URL. Text goes in with textContent only.
 */
const OUTBOX_SCRIPT = `const box = document.getElementById('messages');
const say = (text) => { const p = document.createElement('p'); p.textContent = text; box.replaceChildren(p); };
const token = localStorage.getItem('review-demo-token');
if (!token) say('Sign in on the portal first, as a user who may share; then open the outbox again.');
else {
  const res = await fetch('/api/dev/outbox', { headers: { authorization: 'Bearer ' + token } });
  const body = await res.json().catch(() => null);
  if (!res.ok) say(body?.error?.message ?? 'The outbox could not be read (' + res.status + ').');
  else if (body.mode === 'smtp') say('Mail is sent with SMTP (SMTP_URL is set); nothing is kept here.');
  else if (!body.messages.length) say('No invitations sent yet. Share a playlist and invite someone.');
  else {
    const list = document.createElement('ol');
    list.reversed = true;
    for (const m of body.messages) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([m.html], { type: 'text/html' }));
      link.target = '_blank';
      link.textContent = m.subject;
      const small = document.createElement('small');
      small.textContent = 'to ' + m.to.name + ' <' + m.to.email + '> · from ' + m.from.name + ' <' + m.from.email + '> · ' + new Date(m.date).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
      item.append(link, document.createElement('br'), small);
      list.append(item);
    }
    box.replaceChildren(list);
  }
}
`;

export interface SharingOptions {
  mailer?: Mailer;
}

export function sharingRoutesWith(options: SharingOptions = {}): { api: RouteModule; pages: RouteModule } {
  let mailer: Mailer | null = options.mailer ?? null;
  const getMailer = () => (mailer ??= mailerFromEnv());

  const api: RouteModule = {
    name: 'sharing',
    register(app, ctx: ServerContext) {
      const { repo, auth, hub, media } = ctx;
      const shares = new ShareRepo(repo);
      const perLink = new RateLimiter(SHARE_PASSWORD_ATTEMPTS, 60_000);
      const perAddress = new RateLimiter(SHARE_PASSWORD_ATTEMPTS * 4, 60_000);
      // Each session is a user row and a token: without a cap one address could mint them without end.
      const perLinkAndAddress = new RateLimiter(SHARE_SESSIONS_PER_ADDRESS, 3600_000);

      const manage = (request: FastifyRequest, what: string): Principal => {
        const p = principalOf(request);
        requireRight(p, 'SHARE_MANAGE', what);
        return p;
      };
      const shareOf = (p: Principal, id: Id): ShareRow => {
        const row = shares.byId(p.productionId!, id);
        if (!row) throw notFound(`share ${id}`, 'shareId');
        return row;
      };

      app.get<{ Querystring: { playlistId?: number } }>(
        '/production/:pid/share',
        {
          onRequest: auth.production,
          schema: {
            summary: 'The shares of the production, newest first; `playlistId` filters (SHARE_MANAGE)',
            tags: ['sharing'],
            params: params(),
            querystring: { type: 'object', properties: { playlistId: { type: 'integer', minimum: 1 } }, additionalProperties: false },
            response: { 200: { type: 'array', items: shareSchema }, ...errors(400, 401, 403, 404) },
          },
        },
        async (request) => {
          const p = manage(request, 'listing shares');
          const origin = ctx.publicOrigin();
          return shares.list(p.productionId!, request.query.playlistId).map((r) => toShare(r, origin));
        },
      );

      app.post<{ Params: { plId: number }; Body: NewShare }>(
        '/production/:pid/playlist/:plId/share',
        {
          onRequest: auth.production,
          schema: {
            summary: 'Share a playlist with clients (SHARE_MANAGE)',
            description:
              "`settings` overrides the production's share defaults; `password` is required when `requirePassword` ends up true (at least 4 characters; stored as a scrypt hash). `expiresAt` (ISO or null) wins over `settings.expiresInDays`. Answers the share with its link (`url`, the client page `/review.html?token=…`; add `&preview=1` for the studio's Preview mode).",
            tags: ['sharing'],
            params: params('plId'),
            body: {
              type: 'object',
              properties: { settings: partialSettings, password, expiresAt: isoDate },
              additionalProperties: false,
            },
            response: { 201: shareSchema, ...errors(400, 401, 403, 404) },
          },
        },
        async (request, reply) => {
          const p = manage(request, 'sharing a playlist');
          const playlist = reachablePlaylist(repo, p, request.params.plId);
          const body = request.body ?? {};
          const settings: ShareSettings = { ...DEFAULT_SHARE_SETTINGS, ...repo.settings(p.productionId!).shareDefaults, ...body.settings };
          if (!settings.commentsVisible) settings.commentsCreate = false;
          const pw = body.password ?? null;
          checkPassword(pw);
          if (settings.requirePassword && !pw) throw badRequest('password', 'this share requires a password');
          checkExpiresAt(body.expiresAt);
          const now = Date.now();
          const expiresAt =
            body.expiresAt !== undefined
              ? body.expiresAt && new Date(body.expiresAt).toISOString()
              : settings.expiresInDays === null
                ? null
                : new Date(now + settings.expiresInDays * 86_400_000).toISOString();
          const hash = pw ? await scryptHash(pw) : null;
          const row = repo.tx(() => {
            const id = repo.nextId('share');
            shares.db
              .prepare(
                `INSERT INTO shares (id, production_id, playlist_id, token, settings, password_hash, expires_at, revoked, created, created_by)
                 VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
              )
              .run(
                id,
                p.productionId,
                playlist.id,
                randomBytes(24).toString('base64url'),
                JSON.stringify(settings),
                hash,
                expiresAt,
                new Date(now).toISOString(),
                p.user.id,
              );
            return shares.byId(p.productionId!, id)!;
          });
          return reply.code(201).send(toShare(row, ctx.publicOrigin()));
        },
      );

      app.get<{ Params: { shareId: number } }>(
        '/production/:pid/share/:shareId',
        {
          onRequest: auth.production,
          schema: {
            summary: 'One share (SHARE_MANAGE; a client token may read its own share)',
            tags: ['sharing'],
            params: params('shareId'),
            response: { 200: shareSchema, ...errors(400, 401, 403, 404) },
          },
        },
        async (request) => {
          const p = principalOf(request);
          if (!(p.share && p.share.shareId === request.params.shareId)) requireRight(p, 'SHARE_MANAGE', 'reading a share');
          return toShare(shareOf(p, request.params.shareId), ctx.publicOrigin());
        },
      );

      app.patch<{ Params: { shareId: number }; Body: ShareChanges }>(
        '/production/:pid/share/:shareId',
        {
          onRequest: auth.production,
          schema: {
            summary: 'Change a share: settings, password, expiry, revoked (SHARE_MANAGE)',
            description:
              'Client sessions of the share get the new rights at once; `revoked: true`, an expiry in the past or a new `password` ends them.',
            tags: ['sharing'],
            params: params('shareId'),
            body: {
              type: 'object',
              properties: { settings: partialSettings, password, expiresAt: isoDate, revoked: { type: 'boolean' } },
              additionalProperties: false,
            },
            response: { 200: shareSchema, ...errors(400, 401, 403, 404) },
          },
        },
        async (request) => {
          const p = manage(request, 'changing a share');
          const current = shareOf(p, request.params.shareId);
          const body = request.body ?? {};
          const settings: ShareSettings = { ...JSON.parse(current.settings), ...body.settings };
          if (!settings.commentsVisible) settings.commentsCreate = false;
          checkPassword(body.password);
          checkExpiresAt(body.expiresAt);
          let hash = current.password_hash;
          if (body.password !== undefined) hash = body.password ? await scryptHash(body.password) : null;
          if (settings.requirePassword && !hash) throw badRequest('password', 'this share requires a password');
          const row = repo.tx(() => {
            shares.db
              .prepare('UPDATE shares SET settings = ?, password_hash = ?, expires_at = ?, revoked = ? WHERE id = ?')
              .run(
                JSON.stringify(settings),
                hash,
                body.expiresAt !== undefined ? body.expiresAt && new Date(body.expiresAt).toISOString() : current.expires_at,
                body.revoked !== undefined ? Number(body.revoked) : current.revoked,
                current.id,
              );
            const next = shares.byId(p.productionId!, current.id)!;
            shares.syncTokens(next);
            // A new password ends the sessions opened with the old one.
            if (body.password !== undefined) shares.endSessions(next.id);
            return next;
          });
          hub.accessChanged();
          return toShare(row, ctx.publicOrigin());
        },
      );

      app.delete<{ Params: { shareId: number } }>(
        '/production/:pid/share/:shareId',
        {
          onRequest: auth.production,
          schema: {
            summary: 'Revoke a share: its link answers 410 and its client sessions end (SHARE_MANAGE)',
            tags: ['sharing'],
            params: params('shareId'),
            response: { 204: { description: 'Revoked' }, ...errors(400, 401, 403, 404) },
          },
        },
        async (request, reply) => {
          const p = manage(request, 'revoking a share');
          const row = shareOf(p, request.params.shareId);
          repo.tx(() => {
            shares.db.prepare('UPDATE shares SET revoked = 1 WHERE id = ?').run(row.id);
            shares.syncTokens({ ...row, revoked: 1 });
          });
          hub.accessChanged();
          return reply.code(204).send();
        },
      );

      app.post<{ Params: { shareId: number }; Body: Invitation }>(
        '/production/:pid/share/:shareId/invite',
        {
          onRequest: auth.production,
          schema: {
            summary: 'Invite people to a share by e-mail (SHARE_MANAGE)',
            description:
              'Each recipient is an existing client user (`clientUserId`) or a new one (`email`, `name`; created). Sends each a "Shared Playlist Invitation" (HTML + text, the studio\'s branding, the message, a "View Playlist" button, thumbnails when the share says so). Without SMTP_URL the mails land in the outbox (`GET /api/dev/outbox`, page `/outbox`).',
            tags: ['sharing'],
            params: params('shareId'),
            body: {
              type: 'object',
              properties: {
                recipients: {
                  type: 'array',
                  minItems: 1,
                  maxItems: 50,
                  items: {
                    type: 'object',
                    properties: {
                      clientUserId: { type: 'integer', minimum: 1 },
                      email: { type: 'string', maxLength: MAX_EMAIL_LENGTH },
                      name: { type: 'string', maxLength: MAX_NAME_LENGTH },
                    },
                    additionalProperties: false,
                  },
                },
                message: { type: 'string', maxLength: MAX_MESSAGE_LENGTH },
              },
              required: ['recipients', 'message'],
              additionalProperties: false,
            },
            response: {
              200: {
                type: 'object',
                properties: {
                  sent: { type: 'array', items: { type: 'object', properties: { email: { type: 'string' }, name: { type: 'string' } } } },
                },
              },
              ...errors(400, 401, 403, 404),
              410: { ...ref('Error'), description: 'The share expired or was revoked.' },
            },
          },
        },
        async (request): Promise<InvitationResult> => {
          const p = manage(request, 'inviting people');
          const row = shareOf(p, request.params.shareId);
          if (isClosed(row)) throw gone(row);
          const pid = p.productionId!;
          const known = repo.clientUsers(pid);
          // Resolve everyone first, so one bad recipient sends nothing.
          const people = request.body.recipients.map((r, i) => {
            if (r.clientUserId !== undefined) {
              const cu = known.find((u) => u.id === r.clientUserId);
              if (!cu) throw badRequest(`recipients[${i}].clientUserId`, `client user ${r.clientUserId} does not exist`);
              return { id: cu.id as Id | null, name: cu.name, email: cu.email };
            }
            if (r.email === undefined) throw badRequest(`recipients[${i}].email`, `recipients[${i}] needs clientUserId or email`);
            const email = checkEmail(r.email, `recipients[${i}].email`);
            const existing = known.find((u) => u.email.toLowerCase() === email);
            const name = (r.name ?? '').trim() || existing?.name || email.split('@')[0];
            return { id: existing?.id ?? null, name, email };
          });
          const unique = people.filter((x, i) => people.findIndex((y) => y.email.toLowerCase() === x.email.toLowerCase()) === i);
          const message = request.body.message;
          const now = new Date().toISOString();
          repo.tx(() => {
            for (const person of unique) {
              if (person.id === null) {
                person.id = repo.nextId('clientuser');
                shares.db
                  .prepare('INSERT INTO client_users (id, production_id, name, email) VALUES (?, ?, ?, ?)')
                  .run(person.id, pid, person.name, person.email);
              }
              shares.db
                .prepare('INSERT INTO invitations (share_id, client_user_id, email, name, message, sent_at) VALUES (?, ?, ?, ?, ?, ?)')
                .run(row.id, person.id, person.email, person.name, message, now);
            }
          });
          const settings: ShareSettings = JSON.parse(row.settings);
          const playlist = repo.playlist(pid, row.playlist_id)!;
          const org = repo.orgSettings();
          const origin = ctx.publicOrigin();
          const prod = repo.settings(pid);
          const absolute = (u: string) => (/^https?:\/\//i.test(u) ? u : `${origin}${u.startsWith('/') ? '' : '/'}${u}`);
          const thumbnails = settings.emailThumbnails
            ? playlist.clipIds
                .map((id) => repo.clip(pid, id))
                .filter((c): c is NonNullable<typeof c> => !!c && !!c.thumbnailUrl)
                .map((c) => ({
                  url: absolute(media.forMail(row.id, c.thumbnailUrl, row.expires_at)!),
                  name: prod.clientVersionName === 'clientName' && c.clientName ? c.clientName : c.name,
                }))
            : [];
          const m = getMailer();
          for (const person of unique) {
            const content = invitationEmail({
              org: { ...org, logoUrl: org.logoUrl ? absolute(org.logoUrl) : null },
              recipient: person,
              inviterName: p.user.name,
              playlistName: playlist.name,
              message,
              url: shareUrl(origin, row.token),
              requiresPassword: row.password_hash !== null,
              expiresAt: row.expires_at,
              thumbnails,
            });
            try {
              await m.send({
                from: { name: org.senderName, email: org.senderEmail },
                to: { name: person.name, email: person.email },
                ...content,
              });
            } catch (e) {
              request.log.error(e);
              throw new HttpError(502, 'SERVER_ERROR', `the invitation to ${person.email} could not be sent: ${(e as Error).message}`);
            }
          }
          return { sent: unique.map(({ name, email }) => ({ email, name })) };
        },
      );

      app.get(
        '/production/:pid/clientuser',
        {
          onRequest: auth.production,
          schema: {
            summary: 'The client users of the production (SHARE_MANAGE)',
            tags: ['sharing'],
            params: params(),
            response: { 200: { type: 'array', items: clientUserSchema }, ...errors(401, 403, 404) },
          },
        },
        async (request) => repo.clientUsers(manage(request, 'listing client users').productionId!),
      );

      app.post<{ Body: { name: string; email: string } }>(
        '/production/:pid/clientuser',
        {
          onRequest: auth.production,
          schema: {
            summary: 'Create a client user (SHARE_MANAGE); 409 when the e-mail is taken',
            tags: ['sharing'],
            params: params(),
            body: {
              type: 'object',
              properties: {
                name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
                email: { type: 'string', maxLength: MAX_EMAIL_LENGTH },
              },
              required: ['name', 'email'],
              additionalProperties: false,
            },
            response: { 201: clientUserSchema, ...errors(400, 401, 403, 404, 409) },
          },
        },
        async (request, reply) => {
          const p = manage(request, 'creating a client user');
          const name = request.body.name.trim();
          if (!name) throw badRequest('name', 'name must not be empty');
          const email = checkEmail(request.body.email, 'email');
          const pid = p.productionId!;
          const user = repo.tx((): ClientUser => {
            if (repo.clientUsers(pid).some((u) => u.email.toLowerCase() === email))
              throw conflict(`a client user with e-mail ${email} already exists`, 'email');
            const id = repo.nextId('clientuser');
            shares.db.prepare('INSERT INTO client_users (id, production_id, name, email) VALUES (?, ?, ?, ?)').run(id, pid, name, email);
            return { id, name, email };
          });
          return reply.code(201).send(user);
        },
      );

      // — client side (no production token) —

      const openShare = (token: string): ShareRow => {
        const row = token.length <= 100 ? shares.byToken(token) : undefined;
        if (!row) throw notFound('no such share link', 'token');
        if (isClosed(row)) throw gone(row);
        return row;
      };

      app.get<{ Params: { token: string } }>(
        '/share/:token',
        {
          schema: {
            summary: 'What the client page shows before the session: studio branding, playlist name, whether a password is needed',
            description: '404 for an unknown link, 410 when it expired or was revoked.',
            tags: ['sharing'],
            security: [],
            params: SHARE_TOKEN_PARAMS,
            response: {
              200: {
                type: 'object',
                properties: {
                  studioName: { type: 'string' },
                  logoUrl: { type: ['string', 'null'] },
                  accentColor: { type: 'string' },
                  playlistName: { type: 'string' },
                  requiresPassword: { type: 'boolean' },
                  expired: { type: 'boolean' },
                  theme: { type: 'string', enum: [...CLIENT_THEMES], description: 'The theme the studio chose for client pages.' },
                  commentsCreate: { type: 'boolean', description: 'Whether clients may write notes on this link.' },
                },
              },
              ...errors(404),
              410: GONE_SCHEMA,
            },
          },
        },
        async (request, reply): Promise<PublicShare> => {
          const row = openShare(request.params.token);
          reply.header('Cache-Control', 'no-store');
          const org = repo.orgSettings();
          return {
            studioName: org.studioName,
            logoUrl: org.logoUrl,
            accentColor: org.accentColor,
            playlistName: repo.playlist(row.production_id, row.playlist_id)?.name ?? '',
            requiresPassword: row.password_hash !== null,
            expired: false,
            theme: org.clientTheme ?? 'light',
            commentsCreate: clientRights(JSON.parse(row.settings) as ShareSettings).includes('REVIEW_EDIT'),
          };
        },
      );

      app.post<{ Params: { token: string }; Body: { password?: string; name?: string; email?: string } }>(
        '/share/:token/session',
        {
          schema: {
            summary: 'Open a client session on a share: a bearer token for its playlist, with the rights the share grants',
            description: `401 on a wrong or missing password; after ${SHARE_PASSWORD_ATTEMPTS} attempts a minute on one link, 429 with Retry-After. The token reaches only the playlist's clips; REVIEW_EDIT when clients may create comments, REVIEW_STATUS_EDIT when they may change status.`,
            tags: ['sharing'],
            security: [],
            params: SHARE_TOKEN_PARAMS,
            body: {
              type: 'object',
              properties: {
                password: { type: 'string', maxLength: 200 },
                name: { type: 'string', maxLength: MAX_NAME_LENGTH },
                email: { type: 'string', maxLength: MAX_EMAIL_LENGTH },
              },
              additionalProperties: false,
            },
            response: {
              200: SHARE_SESSION_SCHEMA,
              ...errors(400, 401, 404, 429),
              410: GONE_SCHEMA,
            },
          },
        },
        async (request, reply: FastifyReply): Promise<ShareSession> => {
          const row = openShare(request.params.token);
          const body = request.body ?? {};
          const email = body.email?.trim() ? checkEmail(body.email, 'email') : null;
          if (row.password_hash !== null) {
            perAddress.hit(request.ip);
            perLink.hit(row.token);
            if (!body.password || !(await verifyPassword(body.password, row.password_hash))) {
              throw new HttpError(401, 'UNAUTHORIZED', body.password ? 'wrong password' : 'this share needs a password', 'password');
            }
            perLink.reset(row.token);
          }
          perLinkAndAddress.hit(`${row.id} ${request.ip}`, Date.now(), 'too many sessions opened on this link from your address');
          const pid = row.production_id;
          const settings: ShareSettings = JSON.parse(row.settings);
          const invited = email ? shares.invitedClientUser(row.id, email) : undefined;
          const name = body.name?.trim() || invited?.name || 'Client';
          if (body.name?.trim()) checkShareSessionName(repo, pid, name); // demo/server/names.ts
          const now = Date.now();
          const ttl = row.expires_at ? Math.min(TOKEN_TTL_MS, Date.parse(row.expires_at) - now) : TOKEN_TTL_MS;
          const token = repo.tx(() => {
            const userId = shares.clientPrincipal(row.id, invited?.id ?? null, email, name);
            return issueToken(repo, {
              userId,
              productionId: pid,
              rights: clientRights(settings),
              scope: scopeOf(row, settings),
              ttlMs: ttl,
            });
          });
          reply.header('Cache-Control', 'no-store');
          return { token, productionId: pid, playlistId: row.playlist_id };
        },
      );

      app.post<{ Params: { token: string } }>(
        '/share/:token/preview',
        {
          onRequest: auth.user,
          schema: {
            summary: "The studio's Preview of a share: a read-only session that sees exactly what the share's clients see (SHARE_MANAGE)",
            description:
              "For a studio user who may share in the share's production: no password and no name asked. The session acts as that studio user, with the share's scope plus `preview: true` and no rights, so nothing is posted or changed as a client; it lasts an hour at most and ends with the share.",
            tags: ['sharing'],
            params: SHARE_TOKEN_PARAMS,
            response: {
              200: SHARE_SESSION_SCHEMA,
              ...errors(401, 403, 404),
              410: GONE_SCHEMA,
            },
          },
        },
        async (request, reply): Promise<ShareSession> => {
          const p = principalOf(request);
          const row = openShare(request.params.token);
          if (p.share) throw forbidden('a client session cannot preview a share');
          if (!repo.rights(row.production_id, p.user.id)?.includes('SHARE_MANAGE')) {
            throw forbidden('previewing a share needs the SHARE_MANAGE right');
          }
          const settings: ShareSettings = JSON.parse(row.settings);
          const left = row.expires_at ? Date.parse(row.expires_at) - Date.now() : PREVIEW_TTL_MS;
          const token = issueToken(repo, {
            userId: p.user.id,
            productionId: row.production_id,
            rights: [],
            scope: { ...scopeOf(row, settings), preview: true },
            ttlMs: Math.min(PREVIEW_TTL_MS, left),
          });
          reply.header('Cache-Control', 'no-store');
          return { token, productionId: row.production_id, playlistId: row.playlist_id };
        },
      );

      // — the demo outbox, as JSON (the /outbox page and tests) —
      app.get(
        '/dev/outbox',
        {
          onRequest: auth.user,
          schema: {
            summary: 'Demo only: the invitation e-mails written to the outbox (when SMTP_URL is not set), newest first (SHARE_MANAGE)',
            description: 'The messages hold share links, so only a studio user who may share reads them.',
            tags: ['dev'],
            response: errors(401, 403),
          },
        },
        async (request) => {
          manage(request, 'reading the outbox');
          const m = getMailer();
          return { mode: m.mode, messages: m.list() };
        },
      );
    },
  };

  const pages: RouteModule = {
    name: 'outbox-page',
    root: true,
    register(app) {
      // The page holds no data: its script asks /api/dev/outbox with the token the studio portal keeps.
      app.get('/outbox', async (_request, reply) =>
        reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache')
          .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Outbox — demo mail</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1f2328}li{margin:.75rem 0}small{color:#59636e}</style>
<script type="module" src="/outbox.js"></script></head>
<body><main><h1>Outbox</h1><p>The invitation e-mails of this demo server.</p><div id="messages" aria-live="polite"><p>Loading…</p></div><p><a href="/">Back to the portal</a></p></main></body></html>`),
      );
      app.get('/outbox.js', async (_request, reply) =>
        reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(OUTBOX_SCRIPT),
      );
    },
  };

  return { api, pages };
}

const defaults = sharingRoutesWith();
export const sharingRoutes: RouteModule = defaults.api;
export const outboxPageRoutes: RouteModule = defaults.pages;
