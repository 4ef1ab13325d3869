/**
 * Authentication and rights, reusable by every route module (the sharing module issues its client tokens
 * with `issueToken({scope, rights})` and gets the same checks).
 *
 * Tokens are `<selector>.<secret>` (9 + 32 random bytes, base64url): the selector finds the row, the
 * secret's SHA-256 is compared in constant time, so neither the database nor timing gives a token away.
 * Authentication runs in `onRequest` (before the body is read), so an anonymous request gets 401 before
 * any 400 about its body.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { ClipAnnotation, Id, Right, ShareSessionScope, User } from '../../src/contract/types.js';
import { statement, type Repo } from './db.js';
import { forbidden, notFound, tooManyRequests, unauthorized } from './errors.js';

/** Who is calling, with the rights that apply to this request. */
export interface Principal {
  user: User;
  /** Rights in the production of the request (organization routes: every right held anywhere). */
  rights: Right[];
  productionId: string | null;
  /** Set for a client token from a share session: what the share allows. */
  share: ShareSessionScope | null;
  /** Selector of the token (logout deletes it). */
  selector: string;
  /** When the token expires (ms since epoch): an event stream closes then. */
  expires: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Login tokens live 30 days. */
export const TOKEN_TTL_MS = 30 * 24 * 3600_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest();

export interface TokenGrant {
  userId: Id;
  /** Restricts the token to one production (share sessions). */
  productionId?: string | null;
  /** Replaces the membership rights (share sessions: what the share grants). */
  rights?: Right[] | null;
  scope?: ShareSessionScope | null;
  ttlMs?: number;
}

/** Creates a bearer token (call inside a transaction). */
export function issueToken(repo: Repo, grant: TokenGrant): string {
  const selector = randomBytes(9).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  const now = Date.now();
  repo.db
    .prepare(
      'INSERT INTO tokens (selector, secret_hash, user_id, production_id, rights, scope, created, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      selector,
      sha256(secret),
      grant.userId,
      grant.productionId ?? null,
      grant.rights ? JSON.stringify(grant.rights) : null,
      grant.scope ? JSON.stringify(grant.scope) : null,
      new Date(now).toISOString(),
      new Date(now + (grant.ttlMs ?? TOKEN_TTL_MS)).toISOString(),
    );
  return `${selector}.${secret}`;
}

export function revokeToken(repo: Repo, selector: string): void {
  statement(repo.db, 'DELETE FROM tokens WHERE selector = ?').run(selector);
}

interface TokenRow {
  selector: string;
  secret_hash: Buffer;
  user_id: number;
  production_id: string | null;
  rights: string | null;
  scope: string | null;
  expires: string;
}

function lookupToken(repo: Repo, token: string): TokenRow | null {
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const row = statement(repo.db, 'SELECT * FROM tokens WHERE selector = ?').get(token.slice(0, dot)) as TokenRow | undefined;
  if (!row) return null;
  const given = sha256(token.slice(dot + 1));
  return timingSafeEqual(given, row.secret_hash) ? row : null;
}

function bearer(request: FastifyRequest, allowQueryToken: boolean): string | null {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m ? m[1] : null;
  }
  if (allowQueryToken) {
    const q = (request.query as Record<string, unknown> | undefined)?.access_token;
    if (typeof q === 'string' && q) return q;
  }
  return null;
}

export interface AuthHooks {
  /** Any valid token; rights = every right the user holds (organization routes). */
  user: onRequestHookHandler;
  /** A member of `:pid` (or a client token of that production); rights of that production. */
  production: onRequestHookHandler;
  /** Like `production`, also accepting `?access_token=` (EventSource sends no headers). */
  productionQueryToken: onRequestHookHandler;
}

/**
 * The one authorisation path: a token row (already matched by its secret) → the principal for production
 * `pid` (null: organization routes). Requests run it once; an event stream runs it again for every event
 * and whenever shares or sessions change (`reauthorize`), so what a stream sends follows the same rules.
 */
function principalFrom(repo: Repo, row: TokenRow, pid: string | null): Principal {
  if (Date.parse(row.expires) <= Date.now()) throw unauthorized('the token is unknown, expired or revoked; sign in again');
  const user = repo.user(row.user_id);
  if (!user) throw unauthorized('the token is unknown, expired or revoked; sign in again');
  const share: ShareSessionScope | null = row.scope ? JSON.parse(row.scope) : null;
  const base = { user, share, selector: row.selector, expires: Date.parse(row.expires) };
  if (pid === null) {
    return { ...base, rights: row.rights ? JSON.parse(row.rights) : repo.allRights(user.id), productionId: row.production_id };
  }
  if (!repo.productionExists(pid)) throw notFound(`no production "${pid}"`, 'pid');
  if (row.production_id && row.production_id !== pid) throw forbidden(`this token is for production "${row.production_id}"`);
  const rights: Right[] | undefined = row.rights ? JSON.parse(row.rights) : repo.rights(pid, user.id);
  if (!rights) throw forbidden(`you are not a member of production "${pid}"`);
  return { ...base, rights, productionId: pid };
}

/** The principal of a session known by its selector, as it stands now; throws 401 once the session ended. */
export function reauthorize(repo: Repo, selector: string, pid: string | null): Principal {
  const row = statement(repo.db, 'SELECT * FROM tokens WHERE selector = ?').get(selector) as TokenRow | undefined;
  if (!row) throw unauthorized('the session ended; sign in again');
  return principalFrom(repo, row, pid);
}

export function authHooks(repo: Repo): AuthHooks {
  const resolve = (request: FastifyRequest, allowQueryToken: boolean): TokenRow => {
    const token = bearer(request, allowQueryToken);
    if (!token) throw unauthorized();
    const row = lookupToken(repo, token);
    if (!row) throw unauthorized('the token is unknown, expired or revoked; sign in again');
    return row;
  };

  const user: onRequestHookHandler = async (request: FastifyRequest, _reply: FastifyReply) => {
    request.principal = principalFrom(repo, resolve(request, false), null);
  };

  const production =
    (allowQueryToken: boolean): onRequestHookHandler =>
    async (request: FastifyRequest, _reply: FastifyReply) => {
      const pid = (request.params as { pid?: string }).pid ?? '';
      request.principal = principalFrom(repo, resolve(request, allowQueryToken), pid);
    };

  return { user, production: production(false), productionQueryToken: production(true) };
}

/** The authenticated caller (the route's onRequest hook ran). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

export function requireRight(p: Principal, right: Right, what: string): void {
  if (!p.rights.includes(right)) throw forbidden(`${what} needs the ${right} right`);
}

/** Clip ids a client token may reach (its playlist's); null = every clip of the production. */
export function reachableClipIds(repo: Repo, p: Principal): Set<Id> | null {
  if (!p.share || !p.productionId) return null;
  return new Set(repo.playlist(p.productionId, p.share.playlistId)?.clipIds ?? []);
}

export function canReachClip(repo: Repo, p: Principal, clipId: Id): boolean {
  const ids = reachableClipIds(repo, p);
  return ids === null || ids.has(clipId);
}

/** Clients never see internal comments, nor any comment when the share hides them. */
export function canSeeComment(p: Principal, c: Pick<ClipAnnotation, 'customFields'>): boolean {
  if (!p.share) return true;
  return p.share.commentsVisible && c.customFields?.internal !== true;
}

/** Fixed-window attempt counter per key (login, share passwords): 429 with Retry-After past `max`. */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an attempt; throws 429 (with `message`, or "too many attempts") when the key is over its budget. */
  hit(key: string, now = Date.now(), message?: string): void {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.hits.size > 10_000) this.prune(now);
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return;
    }
    entry.count++;
    if (entry.count > this.max) throw tooManyRequests(Math.ceil((entry.resetAt - now) / 1000), message);
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private prune(now: number): void {
    for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
  }
}
