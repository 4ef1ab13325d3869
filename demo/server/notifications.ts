/**
 * Notifications (docs/http-api.md, "Notifications"): who is told of a note or a status change, and the e-mail
 * digest that batches what each person has not read yet, on a timer.
 *
 * Who: the people a note mentions; the authors of the thread a reply joins; the studio user who shared the
 * playlist a client wrote on; the studio authors of notes on a clip whose status changed. Never the actor;
 * never a client about an internal note, nor about a clip their share no longer shows or whose comments it hides.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { markupToPlainText } from '../../src/contract/markup.js';
import type {
  ClipAnnotation,
  DigestFrequency,
  Id,
  MediaObjectAnnotation,
  NotificationKind,
  ReviewNotification,
  ShareSettings,
} from '../../src/contract/types.js';
import { versionNameShown } from '../../src/contract/version-name.js';
import type { Principal } from './auth.js';
import type { Repo } from './db.js';
import { digestEmail, type DigestItem } from './notification-mail.js';
import type { Mailer } from './mail.js';
import type { MediaUrls } from './media-urls.js';

/** What the server's options say about notifications (tests give a clock and run the digest themselves). */
export interface NotifierOptions {
  /** Milliseconds since the epoch; `Date.now` by default. */
  now?: () => number;
  /** How often the digest runs; 0 turns the timer off (tests call `runDigest`). Default one minute. */
  digestIntervalMs?: number;
}

export const DEFAULT_DIGEST: DigestFrequency = 'immediately';
export const DIGEST_INTERVAL_MS = 60_000;
/** At most one digest per this long, per frequency. */
const PERIOD_MS: Record<Exclude<DigestFrequency, 'off'>, number> = { immediately: 0, hourly: 3600_000, daily: 86_400_000 };
const EXCERPT_LENGTH = 200;

export interface NotificationRow {
  id: Id;
  production_id: string;
  user_id: Id;
  kind: NotificationKind;
  actor_id: Id;
  actor_name: string;
  clip_id: Id;
  comment_id: Id | null;
  frame: number;
  excerpt: string;
  status: string | null;
  share_id: Id | null;
  created: string;
  read_at: string | null;
  emailed_at: string | null;
}

interface ShareRow {
  id: Id;
  token: string;
  playlist_id: Id;
  settings: string;
  revoked: number;
  expires_at: string | null;
  created_by: Id | null;
}

export class Notifier {
  readonly now: () => number;
  #running: Promise<number> | null = null;

  constructor(
    private readonly repo: Repo,
    private readonly media: MediaUrls,
    private readonly secret: Buffer,
    private readonly getMailer: () => Mailer,
    private readonly publicOrigin: () => string,
    options: NotifierOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  // ——— who is told ———

  /** A note was created by `p`. Call after it is stored. */
  commentCreated(p: Principal, c: ClipAnnotation): void {
    const pid = p.productionId!;
    if (p.share?.preview) return;
    const to = new Map<Id, NotificationKind>();
    const add = (userId: Id | null | undefined, kind: NotificationKind) => {
      if (userId != null && userId !== p.user.id && !to.has(userId)) to.set(userId, kind);
    };
    for (const id of c.mentionIds) add(id, 'mention');
    if (c.relatedToId !== null) {
      const authors = this.repo.db
        .prepare(
          `SELECT DISTINCT creator_id FROM comments WHERE production_id = ? AND (id = ? OR related_to_id = ?)
             AND json_extract(custom_fields, '$.deleted') IS NOT 1 ORDER BY id`,
        )
        .pluck()
        .all(pid, c.relatedToId, c.relatedToId) as Id[];
      for (const id of authors) add(id, 'reply');
    }
    if (p.share) {
      const by = this.repo.db.prepare('SELECT created_by FROM shares WHERE id = ?').pluck().get(p.share.shareId) as Id | null;
      add(by, 'client-note');
    }
    const excerpt = markupToPlainText(c.description).slice(0, EXCERPT_LENGTH);
    this.#insert(pid, to, p, {
      clipId: c.mediaObjectId,
      commentId: c.id,
      frame: c.start,
      excerpt,
      status: null,
      internal: c.customFields.internal === true,
    });
  }

  /** The review status of a clip changed, by `p`: the studio authors of its notes are told. */
  statusChanged(p: Principal, moa: MediaObjectAnnotation): void {
    const pid = p.productionId!;
    const authors = this.repo.db
      .prepare(
        `SELECT DISTINCT c.creator_id FROM comments c JOIN users u ON u.id = c.creator_id
          WHERE c.production_id = ? AND c.media_object_id = ? AND u.kind = 'studio' AND json_extract(c.custom_fields, '$.deleted') IS NOT 1`,
      )
      .pluck()
      .all(pid, moa.mediaObjectId) as Id[];
    const to = new Map<Id, NotificationKind>();
    for (const id of authors) if (id !== p.user.id) to.set(id, 'status');
    this.#insert(pid, to, p, {
      clipId: moa.mediaObjectId,
      commentId: null,
      frame: 0,
      excerpt: '',
      status: moa.reviewStatus,
      internal: false,
    });
  }

  #insert(
    pid: string,
    to: Map<Id, NotificationKind>,
    actor: Principal,
    what: { clipId: Id; commentId: Id | null; frame: number; excerpt: string; status: string | null; internal: boolean },
  ): void {
    const created = new Date(this.now()).toISOString();
    const insert = this.repo.db.prepare(
      `INSERT INTO notifications (production_id, user_id, kind, actor_id, actor_name, clip_id, comment_id, frame, excerpt, status, share_id, created)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.repo.tx(() => {
      for (const [userId, kind] of to) {
        const user = this.repo.user(userId);
        if (!user) continue;
        let shareId: Id | null = null;
        if (user.kind === 'client') {
          // A client hears only of what their share shows them: never an internal note, never a status change.
          if (what.internal || kind === 'status') continue;
          const share = this.#openShareOf(pid, userId, what.clipId);
          if (!share) continue;
          shareId = share.id;
        } else if (!this.repo.rights(pid, userId)) {
          continue;
        }
        insert.run(
          pid,
          userId,
          kind,
          actor.user.id,
          actor.user.name,
          what.clipId,
          what.commentId,
          what.frame,
          what.excerpt,
          what.status,
          shareId,
          created,
        );
      }
    });
  }

  /** An open share through which client `userId` sees `clipId` and its comments, or null. */
  #openShareOf(pid: string, userId: Id, clipId: Id): ShareRow | null {
    const rows = this.repo.db
      .prepare(
        `SELECT s.* FROM shares s JOIN client_principals cp ON cp.user_id = ?
          WHERE s.production_id = ? AND (s.id = cp.share_id
             OR s.id IN (SELECT share_id FROM invitations WHERE client_user_id = cp.client_user_id))
          ORDER BY s.id DESC`,
      )
      .all(userId, pid) as ShareRow[];
    const now = this.now();
    return (
      rows.find((s) => {
        const settings = JSON.parse(s.settings) as ShareSettings;
        if (s.revoked === 1 || (s.expires_at && Date.parse(s.expires_at) <= now) || !settings.commentsVisible) return false;
        return this.repo.playlist(pid, s.playlist_id)?.clipIds.includes(clipId) ?? false;
      }) ?? null
    );
  }

  // ——— what the app shows ———

  list(p: Principal, limit: number): { items: ReviewNotification[]; unread: number } {
    const pid = p.productionId!;
    const rows = this.repo.db
      .prepare('SELECT * FROM notifications WHERE user_id = ? AND production_id = ? ORDER BY id DESC LIMIT ?')
      .all(p.user.id, pid, limit) as NotificationRow[];
    return { items: rows.map((r) => this.#toNotification(r)), unread: this.unread(p) };
  }

  unread(p: Principal): number {
    return this.repo.db
      .prepare('SELECT COUNT(*) FROM notifications WHERE user_id = ? AND production_id = ? AND read_at IS NULL')
      .pluck()
      .get(p.user.id, p.productionId!) as number;
  }

  /** Marks the caller's notifications read (`ids` not theirs are ignored); answers the unread count left. */
  markRead(p: Principal, which: Id[] | 'all'): number {
    const now = new Date(this.now()).toISOString();
    this.repo.tx(() => {
      const mark = this.repo.db.prepare(
        'UPDATE notifications SET read_at = ? WHERE user_id = ? AND production_id = ? AND read_at IS NULL AND (? OR id = ?)',
      );
      if (which === 'all') mark.run(now, p.user.id, p.productionId!, 1, 0);
      else for (const id of new Set(which)) mark.run(now, p.user.id, p.productionId!, 0, id);
    });
    return this.unread(p);
  }

  digestOf(userId: Id): DigestFrequency {
    return (
      (this.repo.db.prepare('SELECT digest FROM notification_prefs WHERE user_id = ?').pluck().get(userId) as
        DigestFrequency | undefined) ?? DEFAULT_DIGEST
    );
  }

  setDigest(userId: Id, digest: DigestFrequency): void {
    this.repo.tx(() =>
      this.repo.db
        .prepare(
          'INSERT INTO notification_prefs (user_id, digest) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET digest = excluded.digest',
        )
        .run(userId, digest),
    );
  }

  #toNotification(r: NotificationRow): ReviewNotification {
    const clip = this.repo.clip(r.production_id, r.clip_id);
    const clipName = clip
      ? r.share_id !== null
        ? versionNameShown(clip, this.repo.settings(r.production_id))
        : clip.name
      : `#${r.clip_id}`;
    return {
      id: r.id,
      kind: r.kind,
      actor: { id: r.actor_id, name: r.actor_name },
      clipId: r.clip_id,
      clipName,
      frame: r.frame,
      commentId: r.comment_id,
      excerpt: r.excerpt,
      status: r.status,
      created: r.created,
      read: r.read_at !== null,
    };
  }

  // ——— unsubscribe ———

  /** The signed token of a user's unsubscribe link: it works without signing in, and only for that user. */
  unsubscribeToken(userId: Id): string {
    return createHmac('sha256', this.secret).update(`notifications-unsubscribe\n${userId}`).digest('base64url');
  }

  checkUnsubscribe(userId: Id, token: string): boolean {
    const given = Buffer.from(token, 'base64url');
    const expected = Buffer.from(this.unsubscribeToken(userId), 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  unsubscribeUrl(userId: Id): string {
    return `${this.publicOrigin()}/api/notifications/unsubscribe?u=${userId}&t=${this.unsubscribeToken(userId)}`;
  }

  // ——— the digest ———

  /**
   * Mails each person whose digest is due what they have not read yet, in one e-mail. Runs on the timer; tests
   * call it with their clock. Answers how many e-mails left. Runs never overlap (a second call joins the first).
   */
  runDigest(): Promise<number> {
    this.#running ??= this.#digest().finally(() => (this.#running = null));
    return this.#running;
  }

  async #digest(): Promise<number> {
    const now = this.now();
    const stamp = new Date(now).toISOString();
    const users = this.repo.db.prepare('SELECT DISTINCT user_id FROM notifications WHERE emailed_at IS NULL').pluck().all() as Id[];
    let sent = 0;
    for (const userId of users) {
      const pending = this.repo.db
        .prepare('SELECT * FROM notifications WHERE user_id = ? AND emailed_at IS NULL ORDER BY id')
        .all(userId) as NotificationRow[];
      const digest = this.digestOf(userId);
      const user = this.repo.user(userId);
      const email = user && this.#emailOf(userId);
      const unread = pending.filter((n) => n.read_at === null);
      // Read in the app first, mail off, or nowhere to send: nothing to mail, now or later.
      if (digest === 'off' || !email || unread.length === 0) {
        this.#markEmailed(pending, stamp);
        continue;
      }
      const last = this.repo.db.prepare('SELECT last_digest_at FROM notification_prefs WHERE user_id = ?').pluck().get(userId) as
        string | null | undefined;
      if (last && now - Date.parse(last) < PERIOD_MS[digest]) continue;
      const mailer = this.getMailer();
      const org = this.repo.orgSettings();
      const origin = this.publicOrigin();
      const absolute = (u: string) => (/^https?:\/\//i.test(u) ? u : `${origin}${u.startsWith('/') ? '' : '/'}${u}`);
      const items: DigestItem[] = unread.map((n) => this.#digestItem(n, absolute));
      const unsubscribe = this.unsubscribeUrl(userId);
      const content = digestEmail({
        org: { ...org, logoUrl: org.logoUrl ? absolute(org.logoUrl) : null },
        recipient: { name: user.name, email },
        items,
        unsubscribeUrl: unsubscribe,
        preferencesUrl: `${origin}/`,
      });
      try {
        await mailer.send({
          from: { name: org.senderName, email: org.senderEmail },
          to: { name: user.name, email },
          ...content,
          // RFC 8058 one-click unsubscribe: mail clients show their own button and POST to it.
          headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        });
      } catch {
        // Left pending: the next run tries again.
        continue;
      }
      this.repo.tx(() => {
        this.#markEmailed(pending, stamp);
        this.repo.db
          .prepare(
            `INSERT INTO notification_prefs (user_id, digest, last_digest_at) VALUES (?, ?, ?)
             ON CONFLICT (user_id) DO UPDATE SET last_digest_at = excluded.last_digest_at`,
          )
          .run(userId, digest, stamp);
      });
      sent++;
    }
    return sent;
  }

  #markEmailed(rows: NotificationRow[], stamp: string): void {
    const mark = this.repo.db.prepare('UPDATE notifications SET emailed_at = ? WHERE id = ?');
    this.repo.tx(() => rows.forEach((r) => mark.run(stamp, r.id)));
  }

  #emailOf(userId: Id): string | null {
    const user = this.repo.user(userId);
    if (user?.email) return user.email;
    const row = this.repo.db
      .prepare(
        'SELECT COALESCE(cp.email, cu.email) FROM client_principals cp LEFT JOIN client_users cu ON cu.id = cp.client_user_id WHERE cp.user_id = ?',
      )
      .pluck()
      .get(userId) as string | null | undefined;
    return row ?? null;
  }

  #digestItem(n: NotificationRow, absolute: (u: string) => string): DigestItem {
    const shown = this.#toNotification(n);
    const clip = this.repo.clip(n.production_id, n.clip_id);
    const thumb = clip?.thumbnailUrl ? this.media.forNotification(n.id, clip.thumbnailUrl) : null;
    const where = `clip=${n.clip_id}&frame=${n.frame}`;
    let link = `${this.publicOrigin()}/?${where}`;
    if (n.share_id !== null) {
      const token = this.repo.db.prepare('SELECT token FROM shares WHERE id = ?').pluck().get(n.share_id) as string | undefined;
      if (token) link = `${this.publicOrigin()}/review.html?token=${encodeURIComponent(token)}&${where}`;
    }
    const statusLabel = n.status
      ? (this.repo.settings(n.production_id).reviewStatusConfig.possibleValues.find((v) => v.id === n.status)?.label ?? n.status)
      : null;
    return { notification: shown, statusLabel, thumbnailUrl: thumb ? absolute(thumb) : null, link, fps: clip?.media.frameRate ?? null };
  }
}
