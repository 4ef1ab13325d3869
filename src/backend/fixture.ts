import type {
  ClientUser,
  Clip,
  ClipAnnotation,
  FrameRate,
  Id,
  MediaObjectAnnotation,
  OrgSettings,
  Playlist,
  ProductionSettings,
  Right,
  User,
} from '../contract/types.js';
import { DEFAULT_SHARE_SETTINGS } from '../contract/types.js';

/** A user of a fixture: the user, their rights and (for servers that log in) a password. */
export interface FixtureUser extends User {
  rights: Right[];
  password?: string;
}

/** Everything needed to seed a backend (`MemoryReviewApi` or the reference server). */
export interface ReviewFixture {
  productionId: string;
  users: FixtureUser[];
  settings: ProductionSettings;
  org: OrgSettings;
  clips: Clip[];
  moas: MediaObjectAnnotation[];
  comments: ClipAnnotation[];
  playlists: Playlist[];
  clientUsers: ClientUser[];
}

/** A clip for {@link createFixture}: only what a player needs; the rest gets defaults. */
export interface FixtureClipInput {
  /** Defaults to 101, 102, … in order. */
  id?: Id;
  name: string;
  /** The media URL the player loads (MP4/WebM, or an image for a still). */
  url: string;
  frameCount: number;
  /** Frames per second (24, 25, 29.97 → 30000/1001 drop-frame …) or an exact `FrameRate`. */
  fps?: number | FrameRate;
  mimeType?: string;
  width?: number;
  height?: number;
  clientName?: string | null;
  reasonForReview?: string;
  /** The shot or asset the clip is a version of, and its version number (`getVersions`). */
  entityType?: Clip['entityType'];
  entityId?: Id;
  entityName?: string;
  versionNumber?: number;
}

/** The usual three review statuses, in the seed's ids. */
const DEFAULT_STATUSES = [
  { id: 'NOT_APPROVED', label: 'Not Approved', color: '#d64545' },
  { id: 'APPROVED', label: 'Approved', color: '#2f9e44' },
  { id: 'NEEDS_WORK', label: 'Needs Work', color: '#e8a33d' },
];

const ALL_RIGHTS: Right[] = ['REVIEW_EDIT', 'REVIEW_EDIT_ALL', 'REVIEW_STATUS_EDIT', 'SHARE_MANAGE', 'SETTINGS_EDIT'];

/** 23.976/29.97/59.94 are NTSC rates (×1000/1001); 29.97 and 59.94 are counted drop-frame. */
function toFrameRate(fps: number | FrameRate | undefined): FrameRate {
  if (fps === undefined) return { num: 24, den: 1, dropFrame: false };
  if (typeof fps === 'object') return fps;
  const ntsc = Math.round(fps) !== fps;
  return ntsc ? { num: Math.round(fps) * 1000, den: 1001, dropFrame: Math.round(fps) % 30 === 0 } : { num: fps, den: 1, dropFrame: false };
}

const MIME_BY_EXTENSION: Record<string, string> = {
  webm: 'video/webm',
  mov: 'video/quicktime',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

function mimeTypeOf(url: string): string {
  const extension = /\.(\w+)(?:[?#].*)?$/.exec(url)?.[1]?.toLowerCase() ?? '';
  return MIME_BY_EXTENSION[extension] ?? 'video/mp4';
}

/**
 * A complete `ReviewFixture` from a few clips, for `MemoryReviewApi` in a prototype, a story or a test:
 * one studio user (id 1) with every right, the three usual statuses, one playlist (id 301) holding the
 * clips in order, no comments. Override any part with `overrides`.
 *
 * ```js
 * const api = new MemoryReviewApi({
 *   fixture: createFixture({ clips: [{ name: 'sh010_v001', url: '/media/sh010.mp4', frameCount: 96, fps: 24 }] }),
 *   userId: 1,
 * });
 * ```
 */
export function createFixture(options: {
  clips: FixtureClipInput[];
  user?: Partial<FixtureUser>;
  overrides?: Partial<ReviewFixture>;
}): ReviewFixture {
  const clips: Clip[] = options.clips.map((c, i) => ({
    id: c.id ?? 101 + i,
    name: c.name,
    clientName: c.clientName ?? null,
    reasonForReview: c.reasonForReview ?? '',
    media: {
      url: c.url,
      mimeType: c.mimeType ?? mimeTypeOf(c.url),
      width: c.width ?? 1920,
      height: c.height ?? 1080,
      frameCount: c.frameCount,
      frameRate: toFrameRate(c.fps),
    },
    sourceUrl: c.url,
    thumbnailUrl: null,
    ...(c.entityId !== undefined
      ? {
          entityType: c.entityType ?? 'Shot',
          entityId: c.entityId,
          entityName: c.entityName ?? c.name,
          versionNumber: c.versionNumber ?? 1,
        }
      : {}),
  }));
  return {
    productionId: 'demo',
    users: [{ id: 1, name: 'Studio User', kind: 'studio', rights: ALL_RIGHTS, ...options.user }],
    settings: {
      reviewStatusConfig: { possibleValues: DEFAULT_STATUSES },
      shareDefaults: { ...DEFAULT_SHARE_SETTINGS },
      clientVersionName: 'name',
    },
    org: { studioName: 'Studio', logoUrl: null, accentColor: '#3b6fd4', senderName: 'Studio Review', senderEmail: 'review@studio.test' },
    clips,
    moas: clips.map((c, i) => ({ id: 201 + i, mediaObjectId: c.id, reviewStatus: 'NOT_APPROVED' })),
    comments: [],
    playlists: [{ id: 301, name: 'Review', clipIds: clips.map((c) => c.id) }],
    clientUsers: [],
    ...options.overrides,
  };
}
