/**
 * Signed media URLs (docs/http-api.md, "Security model"). A `<video>` or `<img>` sends no bearer token, so
 * the server mints, with every clip it answers, URLs that carry their own short-lived proof:
 *
 *   /media/<file>?exp=<unix seconds>&use=<v|d>&by=<principal>&sig=<base64url HMAC-SHA256>
 *
 * signed over `<path>\n<by>\n<use>\n<exp>` with a server secret (`MEDIA_SIGNING_SECRET`, else generated
 * once and kept in the database). `use` is `v` (play, thumbnails) or `d` (download of the source); `by`
 * names who it was minted for: `t.<token selector>` (a session), `s.<share id>` (thumbnails in an
 * invitation e-mail) or `n.<notification id>` (the thumbnail in a notification digest). On every request the signature, the expiry and that principal are checked again, so
 * logout, revocation or "downloads off" end the URLs at once, not when they expire.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clip, Id, ShareSessionScope } from '../../src/contract/types.js';
import type { Principal } from './auth.js';
import { statement, type Repo } from './db.js';
import { forbidden, HttpError, unauthorized } from './errors.js';

/** The URL prefix served by routes/media.ts; only URLs under it are ours to sign. */
export const MEDIA_PREFIX = '/media/';
/** A minted URL works for at least this long… */
export const MEDIA_URL_TTL_MS = 2 * 3600_000;
/** …and its expiry is rounded up to this step, so the same clip fetched twice gets the same URL (caches, `<video>` keyed by URL). */
const EXPIRY_STEP_MS = 15 * 60_000;
/** Thumbnails in an e-mail: until the share expires, at most this long. */
export const MAIL_URL_TTL_MS = 30 * 86_400_000;

export type MediaUse = 'v' | 'd';

const SECRET_KEY = 'media_signing_secret';

/** The signing secret: the configured one, else the one stored in `meta` (generated on first start). */
export function signingSecret(repo: Repo, configured: string | null): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const stored = statement(repo.db, 'SELECT value FROM meta WHERE key = ?').pluck().get(SECRET_KEY) as string | undefined;
  if (stored) return Buffer.from(stored, 'base64url');
  const fresh = randomBytes(32).toString('base64url');
  repo.tx(() => statement(repo.db, 'INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(SECRET_KEY, fresh));
  return Buffer.from(statement(repo.db, 'SELECT value FROM meta WHERE key = ?').pluck().get(SECRET_KEY) as string, 'base64url');
}

interface ShareRow {
  playlist_id: number;
  production_id: string;
  revoked: number;
  expires_at: string | null;
}

export class MediaUrls {
  constructor(
    private readonly repo: Repo,
    private readonly secret: Buffer,
  ) {}

  private mac(path: string, by: string, use: MediaUse, exp: number): Buffer {
    return createHmac('sha256', this.secret).update(`${path}\n${by}\n${use}\n${exp}`).digest();
  }

  /** `url` signed for `by` until about `until` (ms); URLs outside /media/ (another host, a CDN) pass unchanged. */
  sign(url: string, by: string, use: MediaUse, until: number): string;
  sign(url: string | null, by: string, use: MediaUse, until: number): string | null;
  sign(url: string | null, by: string, use: MediaUse, until: number): string | null {
    if (!url || !url.startsWith(MEDIA_PREFIX) || url.includes('?')) return url;
    const exp = (Math.ceil(until / EXPIRY_STEP_MS) * EXPIRY_STEP_MS) / 1000;
    const sig = this.mac(url, by, use, exp).toString('base64url');
    return `${url}?exp=${exp}&use=${use}&by=${encodeURIComponent(by)}&sig=${sig}`;
  }

  /** The clip's media URLs as `p` may use them: play and thumbnail always, the source only where it is shown. */
  forClip(p: Principal, clip: Clip): Clip {
    const by = `t.${p.selector}`;
    const until = Math.min(Date.now() + MEDIA_URL_TTL_MS, p.expires);
    return {
      ...clip,
      media: { ...clip.media, url: this.sign(clip.media.url, by, 'v', until) },
      thumbnailUrl: this.sign(clip.thumbnailUrl, by, 'v', until),
      sourceUrl: this.sign(clip.sourceUrl, by, 'd', until),
    };
  }

  /** A thumbnail for an invitation e-mail: bound to the share, so revoking it ends the URL too. */
  forMail(shareId: Id, url: string | null, shareExpires: string | null): string | null {
    const cap = Date.now() + MAIL_URL_TTL_MS;
    return this.sign(url, `s.${shareId}`, 'v', shareExpires ? Math.min(cap, Date.parse(shareExpires)) : cap);
  }

  /**
   * The clip's thumbnail in a notification digest: bound to the notification, so it works while its recipient
   * may still see the clip (a member of the production, or a client whose share is open).
   */
  forNotification(notificationId: Id, url: string | null): string | null {
    return this.sign(url, `n.${notificationId}`, 'v', Date.now() + MAIL_URL_TTL_MS);
  }

  /**
   * Checks a request for `path` (e.g. `/media/a.mp4`) with its query; throws 401/403 when the URL is not
   * signed, is forged or expired, or its principal may no longer have it.
   */
  check(path: string, query: Record<string, string | undefined>): void {
    const { exp, use, by, sig } = query;
    if (!exp || !use || !by || !sig)
      throw unauthorized('media need a signed URL; take it from the clip (media.url, thumbnailUrl, sourceUrl)');
    if (use !== 'v' && use !== 'd') throw forbidden('this media link is not valid');
    const given = Buffer.from(sig, 'base64url');
    const expected = this.mac(path, by, use, Number(exp));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw forbidden('this media link is not valid');
    if (!(Number(exp) * 1000 > Date.now())) throw forbidden('this media link has expired; reload the page');
    this.checkPrincipal(path, by, use);
  }

  private checkPrincipal(path: string, by: string, use: MediaUse): void {
    const ended = () => new HttpError(401, 'UNAUTHORIZED', 'the session or share of this media link has ended');
    if (by.startsWith('s.')) {
      const share = this.repo.db
        .prepare('SELECT playlist_id, production_id, revoked, expires_at FROM shares WHERE id = ?')
        .get(Number(by.slice(2))) as ShareRow | undefined;
      if (!share || share.revoked === 1 || (share.expires_at && Date.parse(share.expires_at) <= Date.now())) throw ended();
      if (use !== 'v' || !this.inPlaylist(share.production_id, share.playlist_id, path, false))
        throw forbidden('this media link is not valid');
      return;
    }
    if (by.startsWith('n.')) {
      const n = this.repo.db
        .prepare('SELECT production_id, user_id, clip_id, share_id FROM notifications WHERE id = ?')
        .get(Number(by.slice(2))) as { production_id: string; user_id: Id; clip_id: Id; share_id: Id | null } | undefined;
      if (!n) throw ended();
      if (use !== 'v' || this.repo.clip(n.production_id, n.clip_id)?.thumbnailUrl !== path) throw forbidden('this media link is not valid');
      if (n.share_id === null) {
        if (!this.repo.rights(n.production_id, n.user_id)) throw ended();
        return;
      }
      return this.checkPrincipal(path, `s.${n.share_id}`, use);
    }
    const row = statement(this.repo.db, 'SELECT production_id, scope, expires FROM tokens WHERE selector = ?').get(by.slice(2)) as
      { production_id: string | null; scope: string | null; expires: string } | undefined;
    if (!by.startsWith('t.') || !row || Date.parse(row.expires) <= Date.now()) throw ended();
    if (!row.scope) return;
    // A client session: what its share allows now (downloads may have been turned off, a clip taken out of the playlist).
    const scope = JSON.parse(row.scope) as ShareSessionScope;
    if (use === 'd' && !scope.allowDownload) throw forbidden('downloads are turned off for this share');
    if (!this.inPlaylist(row.production_id!, scope.playlistId, path, use === 'd'))
      throw forbidden('this clip is no longer shared with you');
  }

  private inPlaylist(pid: string, playlistId: Id, path: string, source: boolean): boolean {
    const clipIds = this.repo.playlist(pid, playlistId)?.clipIds ?? [];
    return clipIds.some((id) => {
      const c = this.repo.clip(pid, id);
      return !!c && (source ? c.sourceUrl === path : c.media.url === path || c.thumbnailUrl === path);
    });
  }
}
