/**
 * Versioned schema migrations, applied in order inside one transaction each; `PRAGMA user_version` holds
 * the last applied version. Never edit a shipped migration: append a new one (the sharing module adds its
 * tables the same way).
 */
import { NOTIFICATIONS_MIGRATION } from './migrations-notifications.js';
import { CLIENT_PRINCIPALS_MIGRATION, SHARING_MIGRATION } from './migrations-sharing.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'core: users, rights, tokens, settings, clips, review status, comments, playlists',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      -- One row per id sequence; 'annotation' is shared by MOAs and comments (PATCH /an/:id finds either).
      CREATE TABLE sequences (name TEXT PRIMARY KEY, next INTEGER NOT NULL);
      CREATE TABLE productions (id TEXT PRIMARY KEY, settings TEXT NOT NULL);
      CREATE TABLE org_settings (id INTEGER PRIMARY KEY CHECK (id = 1), settings TEXT NOT NULL);
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT UNIQUE COLLATE NOCASE,
        kind TEXT NOT NULL CHECK (kind IN ('studio', 'client')),
        avatar_url TEXT,
        password_hash TEXT
      );
      CREATE TABLE memberships (
        production_id TEXT NOT NULL REFERENCES productions(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        rights TEXT NOT NULL,
        PRIMARY KEY (production_id, user_id)
      );
      -- Bearer tokens are "<selector>.<secret>"; only a SHA-256 of the secret is stored.
      CREATE TABLE tokens (
        selector TEXT PRIMARY KEY,
        secret_hash BLOB NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        production_id TEXT,
        rights TEXT,
        scope TEXT,
        created TEXT NOT NULL,
        expires TEXT NOT NULL
      );
      CREATE TABLE clips (
        id INTEGER PRIMARY KEY,
        production_id TEXT NOT NULL REFERENCES productions(id),
        name TEXT NOT NULL,
        client_name TEXT,
        reason_for_review TEXT NOT NULL DEFAULT '',
        media TEXT NOT NULL,
        source_url TEXT,
        thumbnail_url TEXT,
        position INTEGER NOT NULL
      );
      CREATE TABLE moas (
        id INTEGER PRIMARY KEY,
        production_id TEXT NOT NULL REFERENCES productions(id),
        media_object_id INTEGER NOT NULL UNIQUE REFERENCES clips(id),
        review_status TEXT NOT NULL,
        modified TEXT
      );
      CREATE TABLE comments (
        id INTEGER PRIMARY KEY,
        production_id TEXT NOT NULL REFERENCES productions(id),
        media_object_id INTEGER NOT NULL REFERENCES clips(id),
        description TEXT NOT NULL,
        mention_ids TEXT NOT NULL,
        tags TEXT NOT NULL,
        spatial TEXT,
        ui_location TEXT,
        related_to_id INTEGER,
        thread_group_id INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        creator_id INTEGER NOT NULL,
        creator_name TEXT,
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        version INTEGER NOT NULL,
        custom_fields TEXT NOT NULL
      );
      CREATE INDEX comments_clip_start ON comments (media_object_id, start, id);
      CREATE INDEX comments_clip_created ON comments (media_object_id, created, id);
      CREATE INDEX comments_related ON comments (related_to_id);
      CREATE TABLE playlists (
        id INTEGER PRIMARY KEY,
        production_id TEXT NOT NULL REFERENCES productions(id),
        name TEXT NOT NULL,
        clip_ids TEXT NOT NULL
      );
      CREATE TABLE client_users (
        id INTEGER PRIMARY KEY,
        production_id TEXT NOT NULL REFERENCES productions(id),
        name TEXT NOT NULL,
        email TEXT NOT NULL
      );
    `,
  },
  // The sharing module's tables (routes/sharing.ts).
  SHARING_MIGRATION,
  {
    version: 3,
    name: 'comment indexes lead with the production, so counting and paging a clip never touch the table',
    sql: `
      DROP INDEX comments_clip_start;
      DROP INDEX comments_clip_created;
      CREATE INDEX comments_clip_start ON comments (production_id, media_object_id, start, id);
      CREATE INDEX comments_clip_created ON comments (production_id, media_object_id, created, id);
    `,
  },
  CLIENT_PRINCIPALS_MIGRATION,
  {
    version: 5,
    name: 'versions: a clip is a version of a shot or asset (GET /mo/:moId/versions)',
    sql: `
      ALTER TABLE clips ADD COLUMN entity_type TEXT CHECK (entity_type IN ('Shot', 'Asset'));
      ALTER TABLE clips ADD COLUMN entity_id INTEGER;
      ALTER TABLE clips ADD COLUMN entity_name TEXT;
      ALTER TABLE clips ADD COLUMN version_number INTEGER;
      CREATE INDEX clips_entity ON clips (production_id, entity_type, entity_id, version_number);
      `,
  },
  {
    version: 6,
    name: "a share client's comment search counts and pages a clip on an index of the comments clients may see",
    // The studio's search of a clip (issue 21: 10,000 notes on one clip) already pages on comments_clip_start
    // and counts on a covering index (EXPLAIN QUERY PLAN: SEARCH … USING INDEX comments_clip_start
    // (production_id=? AND media_object_id=?)). A share client's search adds
    // `json_extract(custom_fields, '$.internal') IS NOT 1`, which read every row of the clip for the count
    // and for each page; these partial indexes hold only the comments clients may see (the planner uses them
    // when the query carries that exact term, as routes/comments.ts writes it). ANALYZE gives the planner the
    // statistics to choose between the indexes of a clip.
    sql: `
      CREATE INDEX comments_shared_clip_start ON comments (production_id, media_object_id, start, id)
        WHERE json_extract(custom_fields, '$.internal') IS NOT 1;
      CREATE INDEX comments_shared_clip_created ON comments (production_id, media_object_id, created, id)
        WHERE json_extract(custom_fields, '$.internal') IS NOT 1;
      ANALYZE;
    `,
  },
  {
    version: 7,
    name: "timecode start: the source timecode of a clip's first frame, in frames at its rate (NLE exports)",
    sql: `ALTER TABLE clips ADD COLUMN timecode_start INTEGER CHECK (timecode_start IS NULL OR timecode_start >= 0);`,
  },
  {
    version: 8,
    name: 'attachments: files on notes, kept on disk under attachmentsDir (routes/attachments.ts)',
    sql: `
      CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        production_id TEXT NOT NULL REFERENCES productions(id),
        comment_id INTEGER NOT NULL,
        media_object_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        width INTEGER,
        height INTEGER,
        has_thumbnail INTEGER NOT NULL,
        creator_id INTEGER NOT NULL,
        created TEXT NOT NULL
      );
      CREATE INDEX attachments_clip ON attachments (production_id, media_object_id, id);
      CREATE INDEX attachments_comment ON attachments (comment_id);
    `,
  },
  // Notifications and the e-mail digest (demo/server/notifications.ts).
  NOTIFICATIONS_MIGRATION,
];
