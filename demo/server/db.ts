/**
 * The SQLite database of the reference server (better-sqlite3, one file, WAL). `openDatabase` applies the
 * versioned migrations and, on first start, seeds the demo fixture. `Repo` holds every query of the core
 * routes; each write method runs inside a transaction (`repo.tx`), so a request either changes everything
 * it should or nothing.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  ClientUser,
  Clip,
  ClipAnnotation,
  Id,
  MediaObjectAnnotation,
  OrgSettings,
  Playlist,
  ProductionSettings,
  Right,
  User,
} from '../../src/contract/types.js';
import type { ReviewFixture } from '../../src/backend/fixture.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { hashPasswordSync } from './passwords.js';

export type Db = Database.Database;

/**
 * Prepared statements, kept per connection and reused: preparing costs more than running most of these
 * queries (docs/performance.md, "Comment search on the reference server"). Keyed by the SQL text; the texts
 * built at run time (search filters, IN lists) are bounded by evicting the oldest past `MAX_STATEMENTS`.
 */
const statements = new WeakMap<Db, Map<string, Database.Statement>>();
const MAX_STATEMENTS = 500;

/** The connection's prepared statement for `sql`, in its default mode (a caller that wants `pluck()` asks each time). */
export function statement(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    cache.set(sql, stmt);
  } else if (stmt.reader) {
    stmt.pluck(false);
  }
  return stmt;
}

export interface OpenOptions {
  /** Seeded into an empty database (first start). */
  fixture?: ReviewFixture;
  /** `FULL` survives power loss; `NORMAL` (default) survives a killed process, which is what WAL promises. */
  synchronous?: 'NORMAL' | 'FULL';
  /** Extra migrations (e.g. of the sharing module), merged by version. */
  migrations?: Migration[];
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, [...MIGRATIONS, ...(options.migrations ?? [])]);
  trackCommentChanges(db);
  const seeded = db.prepare(`SELECT value FROM meta WHERE key = 'seeded'`).get();
  if (!seeded && options.fixture) seedFixture(db, options.fixture);
  return db;
}

export function migrate(db: Db, migrations: Migration[]): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of sorted) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/**
 * Counts the changes of each production's comments (and, under production '', of the users their answers
 * name), for answers kept while nothing they show changed (the comment search's cache, routes/comments.ts).
 * TEMP triggers on this connection: every write of the server, whichever route or test makes it, bumps the
 * count in the same transaction (a rolled-back write bumps nothing), and no migration or stored row is
 * added. Writes by another connection are seen through `PRAGMA data_version` (Repo.commentStamp).
 */
function trackCommentChanges(db: Db): void {
  const bump = (pid: string) =>
    `INSERT INTO comment_changes (production_id, seq) VALUES (${pid}, 1) ON CONFLICT (production_id) DO UPDATE SET seq = seq + 1;`;
  db.exec(`
    CREATE TEMP TABLE comment_changes (production_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
    CREATE TEMP TRIGGER comment_inserted AFTER INSERT ON main.comments BEGIN ${bump('NEW.production_id')} END;
    CREATE TEMP TRIGGER comment_updated AFTER UPDATE ON main.comments BEGIN ${bump('OLD.production_id')} ${bump('NEW.production_id')} END;
    CREATE TEMP TRIGGER comment_deleted AFTER DELETE ON main.comments BEGIN ${bump('OLD.production_id')} END;
    CREATE TEMP TRIGGER user_updated AFTER UPDATE OF kind ON main.users BEGIN ${bump("''")} END;
    CREATE TEMP TRIGGER user_deleted AFTER DELETE ON main.users BEGIN ${bump("''")} END;
  `);
}

const json = (v: unknown) => JSON.stringify(v);

/** Removes every row of the core tables (test reseed only). */
export function wipe(db: Db): void {
  // The pragma is a no-op inside a transaction, so it goes around it.
  db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    for (const t of tables) db.exec(`DELETE FROM "${t}"`);
  })();
  db.pragma('foreign_keys = ON');
}

/** Seeds a fixture into an empty database; sequences continue after the fixture's highest ids. */
export function seedFixture(db: Db, f: ReviewFixture): void {
  db.transaction(() => {
    const pid = f.productionId;
    db.prepare('INSERT INTO productions (id, settings) VALUES (?, ?)').run(pid, json(f.settings));
    db.prepare('INSERT OR REPLACE INTO org_settings (id, settings) VALUES (1, ?)').run(json(f.org));
    const user = db.prepare('INSERT INTO users (id, name, email, kind, avatar_url, password_hash) VALUES (?, ?, ?, ?, ?, ?)');
    const member = db.prepare('INSERT INTO memberships (production_id, user_id, rights) VALUES (?, ?, ?)');
    for (const u of f.users) {
      user.run(u.id, u.name, u.email ?? null, u.kind, u.avatarUrl ?? null, u.password ? hashPasswordSync(u.password) : null);
      member.run(pid, u.id, json(u.rights));
    }
    const clip = db.prepare(
      `INSERT INTO clips (id, production_id, name, client_name, reason_for_review, media, source_url, thumbnail_url, position,
         entity_type, entity_id, entity_name, version_number, timecode_start)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    f.clips.forEach((c, i) =>
      clip.run(
        c.id,
        pid,
        c.name,
        c.clientName,
        c.reasonForReview,
        json(c.media),
        c.sourceUrl,
        c.thumbnailUrl,
        i,
        c.entityId !== undefined ? (c.entityType ?? 'Shot') : null,
        c.entityId ?? null,
        c.entityId !== undefined ? (c.entityName ?? c.name) : null,
        c.entityId !== undefined ? (c.versionNumber ?? 1) : null,
        c.timecodeStart ?? null,
      ),
    );
    const moa = db.prepare('INSERT INTO moas (id, production_id, media_object_id, review_status, modified) VALUES (?, ?, ?, ?, ?)');
    for (const m of f.moas) moa.run(m.id, pid, m.mediaObjectId, m.reviewStatus, m.modified ?? null);
    for (const c of f.comments) insertComment(db, pid, c);
    const pl = db.prepare('INSERT INTO playlists (id, production_id, name, clip_ids) VALUES (?, ?, ?, ?)');
    for (const p of f.playlists) pl.run(p.id, pid, p.name, json(p.clipIds));
    const cu = db.prepare('INSERT INTO client_users (id, production_id, name, email) VALUES (?, ?, ?, ?)');
    for (const c of f.clientUsers) cu.run(c.id, pid, c.name, c.email);

    const after = (ids: number[], floor: number) => Math.max(floor, ...ids) + 1;
    const seq = db.prepare('INSERT OR REPLACE INTO sequences (name, next) VALUES (?, ?)');
    seq.run('annotation', after([...f.moas.map((m) => m.id), ...f.comments.map((c) => c.id)], 1000));
    seq.run(
      'user',
      after(
        f.users.map((u) => u.id),
        0,
      ),
    );
    seq.run(
      'clip',
      after(
        f.clips.map((c) => c.id),
        100,
      ),
    );
    seq.run(
      'playlist',
      after(
        f.playlists.map((p) => p.id),
        300,
      ),
    );
    seq.run(
      'clientuser',
      after(
        f.clientUsers.map((c) => c.id),
        400,
      ),
    );
    db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded', ?)`).run(new Date().toISOString());
  })();
}

/** Next id of a named sequence (call inside a transaction). Unknown sequences start at 1. */
export function nextId(db: Db, name: string): number {
  const row = statement(db, 'SELECT next FROM sequences WHERE name = ?').get(name) as { next: number } | undefined;
  const id = row?.next ?? 1;
  statement(db, 'INSERT OR REPLACE INTO sequences (name, next) VALUES (?, ?)').run(name, id + 1);
  return id;
}

function insertComment(db: Db, productionId: string, c: ClipAnnotation): void {
  statement(
    db,
    `INSERT INTO comments (id, production_id, media_object_id, description, mention_ids, tags, spatial, ui_location,
       related_to_id, thread_group_id, start, "end", creator_id, creator_name, created, modified, version, custom_fields)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.id,
    productionId,
    c.mediaObjectId,
    c.description,
    json(c.mentionIds),
    json(c.tags),
    c.spatial,
    c.uiLocation,
    c.relatedToId,
    c.threadGroupId,
    c.start,
    c.end,
    c.creatorId,
    c.creatorName ?? null,
    c.created,
    c.modified,
    c.version,
    json(c.customFields),
  );
}

// — row mapping —

interface UserRow {
  id: number;
  name: string;
  email: string | null;
  kind: 'studio' | 'client';
  avatar_url: string | null;
}
interface ClipRow {
  id: number;
  name: string;
  client_name: string | null;
  reason_for_review: string;
  media: string;
  source_url: string | null;
  thumbnail_url: string | null;
  entity_type: 'Shot' | 'Asset' | null;
  entity_id: number | null;
  entity_name: string | null;
  version_number: number | null;
  timecode_start: number | null;
}
interface MoaRow {
  id: number;
  media_object_id: number;
  review_status: string;
  modified: string | null;
}
export interface CommentRow {
  id: number;
  media_object_id: number;
  description: string;
  mention_ids: string;
  tags: string;
  spatial: string | null;
  ui_location: string | null;
  related_to_id: number | null;
  thread_group_id: number;
  start: number;
  end: number;
  creator_id: number;
  creator_name: string | null;
  created: string;
  modified: string;
  version: number;
  custom_fields: string;
  /** The creator's user kind, read with the row (COMMENT_COLUMNS), not stored on it. */
  creator_kind: 'studio' | 'client' | null;
}

/** A comment row with its creator's kind, computed at read time from the users table. */
const COMMENT_COLUMNS = `comments.*, (SELECT kind FROM users WHERE users.id = comments.creator_id) AS creator_kind`;

export const toUser = (r: UserRow): User => ({
  id: r.id,
  name: r.name,
  email: r.email ?? undefined,
  avatarUrl: r.avatar_url,
  kind: r.kind,
});
const toClip = (r: ClipRow): Clip => ({
  id: r.id,
  name: r.name,
  clientName: r.client_name,
  reasonForReview: r.reason_for_review,
  media: JSON.parse(r.media),
  sourceUrl: r.source_url,
  thumbnailUrl: r.thumbnail_url,
  ...(r.entity_id !== null
    ? {
        entityType: r.entity_type ?? 'Shot',
        entityId: r.entity_id,
        entityName: r.entity_name ?? r.name,
        versionNumber: r.version_number ?? 1,
      }
    : {}),
  ...(r.timecode_start !== null ? { timecodeStart: r.timecode_start } : {}),
});
const toMoa = (r: MoaRow): MediaObjectAnnotation => ({
  id: r.id,
  mediaObjectId: r.media_object_id,
  reviewStatus: r.review_status,
  ...(r.modified ? { modified: r.modified } : {}),
});
export const toComment = (r: CommentRow): ClipAnnotation => ({
  id: r.id,
  objectType: 'ClipAnnotation',
  funnel: 'ReviewComment',
  mediaObjectId: r.media_object_id,
  description: r.description,
  mentionIds: JSON.parse(r.mention_ids),
  tags: JSON.parse(r.tags),
  spatial: r.spatial,
  uiLocation: r.ui_location,
  relatedToId: r.related_to_id,
  threadGroupId: r.thread_group_id,
  start: r.start,
  end: r.end,
  creatorId: r.creator_id,
  ...(r.creator_name ? { creatorName: r.creator_name } : {}),
  creatorKind: r.creator_kind ?? 'studio',
  created: r.created,
  modified: r.modified,
  version: r.version,
  customFields: JSON.parse(r.custom_fields),
});

/**
 * One comment row as the JSON text of `toComment(row)`, built by SQLite (the search's answers: no row
 * objects, no JSON.parse of the stored arrays, no JSON.stringify). Same keys in the same order, `creatorName`
 * left out when empty; test/server/search-cache.test.ts holds it byte for byte to `JSON.stringify(toComment)`.
 */
const commentJson = (withName: boolean) => `json_object('id', id, 'objectType', 'ClipAnnotation', 'funnel', 'ReviewComment',
  'mediaObjectId', media_object_id, 'description', description, 'mentionIds', json(mention_ids), 'tags', json(tags),
  'spatial', spatial, 'uiLocation', ui_location, 'relatedToId', related_to_id, 'threadGroupId', thread_group_id,
  'start', start, 'end', "end", 'creatorId', creator_id,${withName ? " 'creatorName', creator_name," : ''}
  'creatorKind', coalesce((SELECT kind FROM users WHERE users.id = comments.creator_id), 'studio'),
  'created', created, 'modified', modified, 'version', version, 'customFields', json(custom_fields))`;
const COMMENT_JSON = `CASE WHEN creator_name IS NULL OR creator_name = '' THEN ${commentJson(false)} ELSE ${commentJson(true)} END`;

/** A WHERE clause fragment with its parameters. */
export interface Filter {
  sql: string;
  params: unknown[];
}

/** Queries of the core routes. Reads are plain; writes are meant to run inside `tx`. */
export class Repo {
  constructor(readonly db: Db) {}

  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  nextId(name: string): number {
    return nextId(this.db, name);
  }

  // — productions, users, rights —
  productionExists(pid: string): boolean {
    return !!statement(this.db, 'SELECT 1 FROM productions WHERE id = ?').get(pid);
  }
  userByEmail(email: string): (User & { passwordHash: string | null }) | undefined {
    const r = statement(this.db, 'SELECT * FROM users WHERE email = ?').get(email) as
      (UserRow & { password_hash: string | null }) | undefined;
    return r && { ...toUser(r), passwordHash: r.password_hash };
  }
  user(id: Id): User | undefined {
    const r = statement(this.db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return r && toUser(r);
  }
  /** The user's rights in a production; undefined when not a member. */
  rights(pid: string, userId: Id): Right[] | undefined {
    const r = statement(this.db, 'SELECT rights FROM memberships WHERE production_id = ? AND user_id = ?').get(pid, userId) as
      { rights: string } | undefined;
    return r && JSON.parse(r.rights);
  }
  /** Every right the user holds in any production (organization-wide calls). */
  allRights(userId: Id): Right[] {
    const rows = statement(this.db, 'SELECT rights FROM memberships WHERE user_id = ?').pluck().all(userId) as string[];
    return [...new Set(rows.flatMap((r) => JSON.parse(r) as Right[]))];
  }
  /** Studio members of a production whose name or e-mail contains `q` (case-insensitive). */
  searchUsers(pid: string, q: string, limit: number): User[] {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = statement(
      this.db,
      `SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id
       WHERE m.production_id = ? AND u.kind = 'studio' AND (u.name LIKE ? ESCAPE '\\' OR u.email LIKE ? ESCAPE '\\')
       ORDER BY u.name, u.id LIMIT ?`,
    ).all(pid, like, like, limit) as UserRow[];
    return rows.map(toUser);
  }
  /**
   * The studio people a client of a share may mention (docs/http-api.md, `/users`): who shared it and the
   * authors of the notes its clients can see (none internal, none deleted, none when the share hides notes),
   * whose name contains `q`. Names only: a client gets nobody's e-mail address.
   */
  sharePeople(pid: string, share: { shareId: Id; playlistId: Id; commentsVisible: boolean }, q: string, limit: number): User[] {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const clipIds = share.commentsVisible ? (this.playlist(pid, share.playlistId)?.clipIds ?? []) : [];
    const rows = statement(
      this.db,
      `SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id
       WHERE m.production_id = ? AND u.kind = 'studio' AND u.name LIKE ? ESCAPE '\\'
         AND (u.id = (SELECT created_by FROM shares WHERE id = ? AND production_id = ?)
           OR u.id IN (SELECT creator_id FROM comments WHERE production_id = ?
             AND media_object_id IN (SELECT value FROM json_each(?))
             AND json_extract(custom_fields, '$.internal') IS NOT 1 AND json_extract(custom_fields, '$.deleted') IS NOT 1))
       ORDER BY u.name, u.id LIMIT ?`,
    ).all(pid, like, share.shareId, pid, pid, JSON.stringify(clipIds), limit) as UserRow[];
    return rows.map((r) => ({ id: r.id, name: r.name, avatarUrl: r.avatar_url, kind: r.kind }));
  }
  /** Which of `ids` are users of the production (mentions must name real people). */
  memberIds(pid: string, ids: Id[]): Set<Id> {
    if (ids.length === 0) return new Set();
    const rows = statement(
      this.db,
      `SELECT user_id FROM memberships WHERE production_id = ? AND user_id IN (${ids.map(() => '?').join(',')})`,
    )
      .pluck()
      .all(pid, ...ids) as number[];
    return new Set(rows);
  }

  // — settings —
  settings(pid: string): ProductionSettings {
    return JSON.parse(statement(this.db, 'SELECT settings FROM productions WHERE id = ?').pluck().get(pid) as string);
  }
  saveSettings(pid: string, s: ProductionSettings): void {
    statement(this.db, 'UPDATE productions SET settings = ? WHERE id = ?').run(json(s), pid);
  }
  orgSettings(): OrgSettings {
    return JSON.parse(statement(this.db, 'SELECT settings FROM org_settings WHERE id = 1').pluck().get() as string);
  }
  saveOrgSettings(s: OrgSettings): void {
    statement(this.db, 'UPDATE org_settings SET settings = ? WHERE id = 1').run(json(s));
  }

  // — clips —
  clips(pid: string): Clip[] {
    const rows = statement(this.db, 'SELECT * FROM clips WHERE production_id = ? ORDER BY position, id').all(pid) as ClipRow[];
    return rows.map(toClip);
  }
  clip(pid: string, id: Id): Clip | undefined {
    const r = statement(this.db, 'SELECT * FROM clips WHERE production_id = ? AND id = ?').get(pid, id) as ClipRow | undefined;
    return r && toClip(r);
  }
  /** The clips of `clip`'s shot or asset (itself included), newest version first; just `clip` when it has none. */
  versions(pid: string, clip: Clip): Clip[] {
    if (clip.entityId === undefined) return [clip];
    const rows = statement(
      this.db,
      'SELECT * FROM clips WHERE production_id = ? AND entity_type = ? AND entity_id = ? ORDER BY version_number DESC, id DESC',
    ).all(pid, clip.entityType, clip.entityId) as ClipRow[];
    return rows.map(toClip);
  }
  saveClip(c: Clip): void {
    statement(this.db, 'UPDATE clips SET client_name = ?, reason_for_review = ? WHERE id = ?').run(c.clientName, c.reasonForReview, c.id);
  }

  // — review status —
  moaOfClip(pid: string, clipId: Id): MediaObjectAnnotation | undefined {
    const r = statement(this.db, 'SELECT * FROM moas WHERE production_id = ? AND media_object_id = ?').get(pid, clipId) as
      MoaRow | undefined;
    return r && toMoa(r);
  }
  moa(pid: string, id: Id): MediaObjectAnnotation | undefined {
    const r = statement(this.db, 'SELECT * FROM moas WHERE production_id = ? AND id = ?').get(pid, id) as MoaRow | undefined;
    return r && toMoa(r);
  }
  /** The clip's MOA, created on first use for a clip that has none yet. */
  ensureMoa(pid: string, clipId: Id, defaultStatus: string): MediaObjectAnnotation {
    const existing = this.moaOfClip(pid, clipId);
    if (existing) return existing;
    const id = this.nextId('annotation');
    statement(this.db, 'INSERT INTO moas (id, production_id, media_object_id, review_status) VALUES (?, ?, ?, ?)').run(
      id,
      pid,
      clipId,
      defaultStatus,
    );
    return { id, mediaObjectId: clipId, reviewStatus: defaultStatus };
  }
  saveMoa(m: MediaObjectAnnotation): void {
    statement(this.db, 'UPDATE moas SET review_status = ?, modified = ? WHERE id = ?').run(m.reviewStatus, m.modified ?? null, m.id);
  }

  // — comments —
  comment(pid: string, id: Id): ClipAnnotation | undefined {
    const r = statement(this.db, `SELECT ${COMMENT_COLUMNS} FROM comments WHERE production_id = ? AND id = ?`).get(pid, id) as
      CommentRow | undefined;
    return r && toComment(r);
  }
  insertComment(pid: string, c: ClipAnnotation): void {
    insertComment(this.db, pid, c);
  }
  saveComment(c: ClipAnnotation): void {
    statement(
      this.db,
      `UPDATE comments SET description = ?, mention_ids = ?, tags = ?, spatial = ?, ui_location = ?, modified = ?,
         version = ?, custom_fields = ? WHERE id = ?`,
    ).run(c.description, json(c.mentionIds), json(c.tags), c.spatial, c.uiLocation, c.modified, c.version, json(c.customFields), c.id);
  }
  deleteComments(ids: Id[]): void {
    const del = statement(this.db, 'DELETE FROM comments WHERE id = ?');
    for (const id of ids) del.run(id);
  }
  /**
   * Changes iff anything a comment search of `pid` answers may have changed: its comments, their creators'
   * kind, or the database by another connection (trackCommentChanges).
   */
  commentStamp(pid: string): string {
    return statement(
      this.db,
      `SELECT (SELECT data_version FROM pragma_data_version()) || '.' ||
         coalesce((SELECT seq FROM temp.comment_changes WHERE production_id = ?), 0) || '.' ||
         coalesce((SELECT seq FROM temp.comment_changes WHERE production_id = ''), 0)`,
    )
      .pluck()
      .get(pid) as string;
  }
  /** A page of the comments matching `where`, and how many match (counted unless `knownTotal` gives it). */
  searchComments(
    pid: string,
    where: Filter[],
    orderBy: string,
    offset: number,
    limit: number,
    knownTotal?: number,
  ): { items: ClipAnnotation[]; total: number } {
    const { page, params, total } = this.#searchParts(pid, where, orderBy, knownTotal);
    const rows = statement(this.db, `SELECT ${COMMENT_COLUMNS} FROM comments WHERE ${page} ORDER BY ${orderBy}`).all(
      ...params,
      limit,
      offset,
    ) as CommentRow[];
    return { items: rows.map(toComment), total };
  }

  /** `searchComments` as the JSON text of its items, built by SQLite (`COMMENT_JSON`): the search route's answer. */
  searchCommentsJson(
    pid: string,
    where: Filter[],
    orderBy: string,
    offset: number,
    limit: number,
    knownTotal?: number,
  ): { json: string; total: number } {
    const { page, params, total } = this.#searchParts(pid, where, orderBy, knownTotal);
    const json = statement(this.db, `SELECT json_group_array(${COMMENT_JSON} ORDER BY ${orderBy}) FROM comments WHERE ${page}`)
      .pluck()
      .get(...params, limit, offset) as string;
    return { json, total };
  }

  /**
   * The search's WHERE for one page (its parameters, then LIMIT and OFFSET) and the count. The page's ids come
   * first, from the clip's index alone (the offset skips index entries, not rows), then only those rows.
   */
  #searchParts(pid: string, where: Filter[], orderBy: string, knownTotal: number | undefined) {
    const clause = ['production_id = ?', ...where.map((w) => w.sql)].join(' AND ');
    const params = [pid, ...where.flatMap((w) => w.params)];
    const total =
      knownTotal ??
      (statement(this.db, `SELECT COUNT(*) FROM comments WHERE ${clause}`)
        .pluck()
        .get(...params) as number);
    return { page: `id IN (SELECT id FROM comments WHERE ${clause} ORDER BY ${orderBy} LIMIT ? OFFSET ?)`, params, total };
  }

  // — playlists and client users —
  playlists(pid: string): Playlist[] {
    const rows = statement(this.db, 'SELECT * FROM playlists WHERE production_id = ? ORDER BY id').all(pid) as Array<{
      id: number;
      name: string;
      clip_ids: string;
    }>;
    return rows.map((r) => ({ id: r.id, name: r.name, clipIds: JSON.parse(r.clip_ids) }));
  }
  playlist(pid: string, id: Id): Playlist | undefined {
    const r = statement(this.db, 'SELECT * FROM playlists WHERE production_id = ? AND id = ?').get(pid, id) as
      { id: number; name: string; clip_ids: string } | undefined;
    return r && { id: r.id, name: r.name, clipIds: JSON.parse(r.clip_ids) };
  }
  savePlaylist(p: Playlist): void {
    statement(this.db, 'UPDATE playlists SET name = ?, clip_ids = ? WHERE id = ?').run(p.name, json(p.clipIds), p.id);
  }
  clientUsers(pid: string): ClientUser[] {
    return statement(this.db, 'SELECT id, name, email FROM client_users WHERE production_id = ? ORDER BY id').all(pid) as ClientUser[];
  }
}

/** Every row of every table, as text: tests compare it before and after a refused request. */
export function dumpDatabase(db: Db): string {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
  return JSON.stringify(
    tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]),
    (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v),
  );
}
