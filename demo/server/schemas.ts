/**
 * JSON Schemas of the API, in one place: Fastify validates every request with them, and openapi.ts
 * assembles them into the OpenAPI document (`GET /api/openapi.json`, docs/openapi.json). Shared schemas
 * carry an `$id` and are referenced as `{$ref: 'Name'}`; they become `#/components/schemas/Name`.
 */
import {
  MAX_CUSTOM_FIELDS_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_DRAWING_SHAPES,
  MAX_DRAWING_TEXT_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_MENTIONS,
  MAX_NAME_LENGTH,
  MAX_REASON_LENGTH,
  MAX_SHAPE_POINTS,
  MAX_STATUS_ID_LENGTH,
  MAX_STATUS_LABEL_LENGTH,
  MAX_STATUS_VALUES,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_URL_LENGTH,
} from '../../src/contract/limits.js';
import { EMAIL_ADDRESS_PATTERN } from '../../src/contract/email.js';
import { CLIENT_THEMES } from '../../src/contract/types.js';

export type JsonSchema = Record<string, unknown>;

export const ref = (id: string): JsonSchema => ({ $ref: id });
const nullable = (type: string, extra: JsonSchema = {}): JsonSchema => ({ type: [type, 'null'], ...extra });
const id: JsonSchema = { type: 'integer', minimum: 1 };
const obj = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties), extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
  ...extra,
});

/** Longest `clientName` and `reasonForReview` accepted (src/contract/limits.ts). */
export const MAX_CLIENT_NAME_LENGTH = MAX_NAME_LENGTH;
export { MAX_REASON_LENGTH };

const fragment = nullable('string', {
  maxLength: 100,
  description: 'Media fragment `xywh=percent:x,y,w,h` inside the frame (0..100, x+w ≤ 100, y+h ≤ 100), or null.',
});
const point: JsonSchema = {
  type: 'array',
  items: { type: 'number', minimum: 0, maximum: 1 },
  minItems: 2,
  maxItems: 2,
};

export const SHARED_SCHEMAS: JsonSchema[] = [
  {
    $id: 'Error',
    ...obj({
      error: obj(
        {
          code: { type: 'string', examples: ['BAD_REQUEST'] },
          message: { type: 'string' },
          field: { type: 'string', description: 'The field (or query parameter) that was wrong, when one was.' },
          reason: {
            type: 'string',
            enum: ['expired', 'revoked'],
            description: 'A share link’s 410: whether it expired or the studio revoked it.',
          },
        },
        ['code', 'message'],
      ),
    }),
  },
  {
    $id: 'Right',
    type: 'string',
    enum: ['REVIEW_EDIT', 'REVIEW_EDIT_ALL', 'REVIEW_STATUS_EDIT', 'SHARE_MANAGE', 'SETTINGS_EDIT'],
  },
  {
    $id: 'User',
    ...obj(
      {
        id,
        name: { type: 'string' },
        email: { type: 'string' },
        avatarUrl: nullable('string'),
        kind: { type: 'string', enum: ['studio', 'client'] },
      },
      ['id', 'name', 'kind'],
    ),
  },
  {
    $id: 'ShareSessionScope',
    ...obj(
      {
        shareId: id,
        playlistId: id,
        commentsVisible: { type: 'boolean' },
        commentsCreate: { type: 'boolean' },
        allowDownload: { type: 'boolean' },
        allowStatusChange: { type: 'boolean' },
        allowCompare: { type: 'boolean', description: 'The share lets clients compare versions (`GET /mo/:moId/versions`).' },
        allowRoom: { type: 'boolean', description: 'The share lets clients join the playlist’s review room.' },
      },
      ['shareId', 'playlistId', 'commentsVisible', 'commentsCreate', 'allowDownload', 'allowStatusChange'],
    ),
  },
  {
    $id: 'Me',
    ...obj(
      {
        user: ref('User'),
        rights: { type: 'array', items: ref('Right') },
        share: { anyOf: [ref('ShareSessionScope'), { type: 'null' }] },
      },
      ['user', 'rights'],
    ),
  },
  {
    $id: 'FrameRate',
    ...obj({ num: { type: 'integer', minimum: 1 }, den: { type: 'integer', minimum: 1 }, dropFrame: { type: 'boolean' } }),
  },
  {
    $id: 'MediaInfo',
    ...obj({
      url: { type: 'string' },
      mimeType: { type: 'string' },
      width: { type: 'integer' },
      height: { type: 'integer' },
      frameCount: { type: 'integer', minimum: 1, description: '1 for a still image.' },
      frameRate: ref('FrameRate'),
    }),
  },
  {
    $id: 'Clip',
    ...obj(
      {
        id,
        name: { type: 'string', description: 'Internal version name.' },
        clientName: nullable('string', { maxLength: MAX_CLIENT_NAME_LENGTH }),
        reasonForReview: { type: 'string', maxLength: MAX_REASON_LENGTH },
        media: ref('MediaInfo'),
        sourceUrl: nullable('string', { description: 'null for a client token whose share does not allow download.' }),
        thumbnailUrl: nullable('string'),
        entityType: {
          type: 'string',
          enum: ['Shot', 'Asset'],
          description: 'What the clip is a version of; absent with the next three when it is none.',
        },
        entityId: { ...id, description: 'The shot or asset (`GET /mo/:moId/versions` lists the clips of the same one).' },
        entityName: { type: 'string', description: 'The code of the shot or asset, e.g. `hm_010_0040`.' },
        versionNumber: { type: 'integer', minimum: 0, description: 'The version number within the entity (v012 → 12).' },
        timecodeStart: {
          type: 'integer',
          minimum: 0,
          description:
            "The source timecode of the clip's first frame as a frame count at `media.frameRate` (01:00:00:00 is 86400 at 23.976, 90000 at 25, 107892 at 29.97 drop-frame); absent is 00:00:00:00. The NLE exports write their timecodes from it.",
        },
      },
      ['id', 'name', 'clientName', 'reasonForReview', 'media', 'sourceUrl', 'thumbnailUrl'],
    ),
  },
  {
    $id: 'MediaObjectAnnotation',
    ...obj({ id, mediaObjectId: id, reviewStatus: { type: 'string' }, modified: { type: 'string', format: 'date-time' } }, [
      'id',
      'mediaObjectId',
      'reviewStatus',
    ]),
  },
  {
    $id: 'DrawingShape',
    ...obj(
      {
        type: { type: 'string', enum: ['pen', 'line', 'arrow', 'rect', 'ellipse', 'text'] },
        color: { type: 'string', minLength: 1, maxLength: 64 },
        width: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
        points: { type: 'array', items: point, minItems: 1, maxItems: MAX_SHAPE_POINTS },
        text: { type: 'string', maxLength: MAX_DRAWING_TEXT_LENGTH },
      },
      ['type', 'color', 'width', 'points'],
    ),
  },
  {
    $id: 'Drawing',
    ...obj({ shapes: { type: 'array', items: ref('DrawingShape'), maxItems: MAX_DRAWING_SHAPES } }),
    description: 'Coordinates are normalised to 0..1 of the frame.',
  },
  {
    $id: 'CommentCustomFields',
    type: 'object',
    properties: {
      internal: { type: 'boolean', description: 'Studio-only comment: never returned to a client token.' },
      drawing: ref('Drawing'),
      deleted: {
        type: 'boolean',
        description:
          'Set by the server on a deleted root comment kept for its replies (a tombstone: empty description); a request may not set it.',
      },
    },
    additionalProperties: true,
    description: `Free-form; \`internal\` and \`drawing\` are checked. Further keys are kept as sent. At most ${MAX_CUSTOM_FIELDS_LENGTH} characters of JSON.`,
  },
  {
    $id: 'ClipAnnotation',
    ...obj(
      {
        id,
        objectType: { const: 'ClipAnnotation' },
        funnel: { const: 'ReviewComment' },
        mediaObjectId: id,
        description: { type: 'string', maxLength: MAX_DESCRIPTION_LENGTH },
        mentionIds: { type: 'array', items: id },
        tags: { type: 'array', items: { type: 'string' } },
        spatial: fragment,
        uiLocation: fragment,
        relatedToId: nullable('integer'),
        threadGroupId: id,
        start: { type: 'integer', minimum: 0 },
        end: { type: 'integer', minimum: 1 },
        creatorId: id,
        creatorName: { type: 'string' },
        creatorKind: {
          type: 'string',
          enum: ['studio', 'client'],
          readOnly: true,
          description: 'Whether the creator is a studio member or a client who came in through a share; set by the server.',
        },
        created: { type: 'string', format: 'date-time' },
        modified: { type: 'string', format: 'date-time' },
        version: { type: 'integer', minimum: 1 },
        customFields: ref('CommentCustomFields'),
      },
      [
        'id',
        'objectType',
        'funnel',
        'mediaObjectId',
        'description',
        'mentionIds',
        'tags',
        'spatial',
        'uiLocation',
        'relatedToId',
        'threadGroupId',
        'start',
        'end',
        'creatorId',
        'created',
        'modified',
        'version',
        'customFields',
      ],
    ),
  },
  {
    $id: 'NewClipAnnotation',
    ...obj(
      {
        objectType: { const: 'ClipAnnotation' },
        funnel: { const: 'ReviewComment' },
        mediaObjectId: {
          ...id,
          description: 'Optional: the path names the clip. When given it must equal `:moId` (400 naming `mediaObjectId` otherwise).',
        },
        description: {
          type: 'string',
          maxLength: MAX_DESCRIPTION_LENGTH,
          description: 'Text with inline `@{userId,Name}` mentions and `#{tag}` tags. Must not be blank unless a drawing is attached.',
        },
        mentionIds: {
          type: 'array',
          items: id,
          maxItems: MAX_MENTIONS,
          description: `Users mentioned, stored as sent (they need not match the description's markers); each a member of the production. At most ${MAX_MENTIONS}.`,
        },
        tags: {
          type: 'array',
          items: { type: 'string', minLength: 1, maxLength: MAX_TAG_LENGTH },
          maxItems: MAX_TAGS,
          description: `Tags, stored as sent (they need not match the description's \`#{tag}\` markers). At most ${MAX_TAGS}, each 1..${MAX_TAG_LENGTH} characters.`,
        },
        spatial: fragment,
        uiLocation: fragment,
        relatedToId: nullable('integer', { description: 'A root comment of the same clip (replies are one level deep).' }),
        start: { type: 'integer', minimum: 0, description: "0-based frame, below the clip's frameCount." },
        end: { type: 'integer', minimum: 1, description: 'Always `start + 1`.' },
        customFields: ref('CommentCustomFields'),
        creatorKind: { type: 'string', description: 'Ignored: the server sets it from the caller.' },
      },
      ['funnel', 'description', 'mentionIds', 'tags', 'start', 'end'],
    ),
    description:
      '`objectType` defaults to ClipAnnotation, `mediaObjectId` to the clip of the path, `spatial`, `uiLocation`, `relatedToId` to null, `customFields` to `{}`.',
  },
  {
    $id: 'JsonPatchOperation',
    ...obj(
      {
        op: { type: 'string', enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] },
        path: { type: 'string', maxLength: 500 },
        from: { type: 'string', maxLength: 500 },
        value: {},
      },
      ['op', 'path'],
    ),
  },
  {
    $id: 'JsonPatch',
    type: 'array',
    items: ref('JsonPatchOperation'),
    minItems: 1,
    maxItems: 200,
    description: 'RFC 6902 JSON Patch, sent as `application/json-patch+json` (`application/json` is accepted too).',
  },
  {
    $id: 'ReviewStatusOption',
    ...obj(
      {
        id: { type: 'string', pattern: `^[A-Za-z0-9_.-]{1,${MAX_STATUS_ID_LENGTH}}$` },
        label: { type: 'string', minLength: 1, maxLength: MAX_STATUS_LABEL_LENGTH },
        color: { type: 'string', maxLength: 64 },
      },
      ['id', 'label'],
    ),
  },
  {
    $id: 'ShareSettings',
    ...obj(
      {
        requirePassword: { type: 'boolean' },
        expiresInDays: nullable('integer', { minimum: 1, maximum: 3650 }),
        commentsVisible: { type: 'boolean' },
        commentsCreate: { type: 'boolean' },
        allowDownload: { type: 'boolean' },
        emailThumbnails: { type: 'boolean' },
        allowStatusChange: { type: 'boolean' },
        allowCompare: { type: 'boolean', description: 'Clients may compare the versions in the shared playlist; absent is false.' },
        allowRoom: { type: 'boolean', description: 'Clients may join the shared playlist’s review room; absent is false.' },
      },
      ['requirePassword', 'expiresInDays', 'commentsVisible', 'commentsCreate', 'allowDownload', 'emailThumbnails', 'allowStatusChange'],
    ),
  },
  {
    $id: 'ProductionSettings',
    ...obj({
      reviewStatusConfig: obj({
        possibleValues: { type: 'array', items: ref('ReviewStatusOption'), minItems: 1, maxItems: MAX_STATUS_VALUES },
      }),
      shareDefaults: ref('ShareSettings'),
      clientVersionName: { type: 'string', enum: ['name', 'clientName'] },
    }),
  },
  {
    $id: 'OrgSettings',
    ...obj(
      {
        studioName: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
        logoUrl: nullable('string', { maxLength: MAX_URL_LENGTH }),
        accentColor: { type: 'string', pattern: '^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$' },
        senderName: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
        senderEmail: { type: 'string', pattern: EMAIL_ADDRESS_PATTERN, maxLength: MAX_EMAIL_LENGTH },
        clientTheme: { type: 'string', enum: [...CLIENT_THEMES], description: 'The client page theme (absent: light).' },
      },
      ['studioName', 'logoUrl', 'accentColor', 'senderName', 'senderEmail'],
    ),
  },
  {
    $id: 'Playlist',
    ...obj({ id, name: { type: 'string', maxLength: MAX_NAME_LENGTH }, clipIds: { type: 'array', items: id } }),
  },
  {
    $id: 'ReviewEvent',
    description: 'Sent on the events stream as `event: <type>` and `data: <this JSON>`.',
    oneOf: [
      obj({ type: { const: 'comment.created' }, comment: ref('ClipAnnotation') }),
      obj({ type: { const: 'comment.updated' }, comment: ref('ClipAnnotation') }),
      obj({ type: { const: 'comment.deleted' }, ids: { type: 'array', items: id }, mediaObjectId: id }),
      obj({ type: { const: 'status.changed' }, moa: ref('MediaObjectAnnotation') }),
      obj({ type: { const: 'clip.updated' }, clip: ref('Clip') }),
      obj({ type: { const: 'playlist.updated' }, playlist: ref('Playlist') }),
      obj({ type: { const: 'attachments.changed' }, mediaObjectId: id, commentId: id }),
    ],
  },
];

const roomFrame: JsonSchema = { type: 'integer', minimum: 0 };
const clipRef: JsonSchema = { type: ['integer', 'null'], minimum: 1 };
const PLAYBACK_CHANGES: JsonSchema = {
  type: 'object',
  properties: {
    clipId: clipRef,
    frame: roomFrame,
    playing: { type: 'boolean' },
    rate: { type: 'number', minimum: 0.1, maximum: 16 },
    compare: { type: 'string', enum: ['off', 'toggle', 'wipe', 'side-by-side', 'difference', 'blend'] },
    compareClipId: clipRef,
    loop: {
      type: ['object', 'null'],
      properties: { in: roomFrame, out: roomFrame },
      required: ['in', 'out'],
      additionalProperties: false,
    },
    zoom: {
      type: 'object',
      properties: {
        scale: { type: 'number', minimum: 0.1, maximum: 64 },
        x: { type: 'number', minimum: 0, maximum: 1 },
        y: { type: 'number', minimum: 0, maximum: 1 },
      },
      required: ['scale', 'x', 'y'],
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};
const action = (type: string, properties: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  properties: { type: { const: type }, ...properties },
  required: ['type', ...Object.keys(properties)],
  additionalProperties: false,
});
const ROOM_ACTION_SCHEMA: JsonSchema = {
  $id: 'RoomAction',
  description: 'What a participant does. `playback`, `hand-over`, `decline` and `close` are the driver’s (403 for anyone else).',
  oneOf: [
    action('playback', { changes: PLAYBACK_CHANGES }),
    action('hand-over', { to: { type: 'string', minLength: 1, maxLength: 100 } }),
    action('ask-control', { ask: { type: 'boolean' } }),
    action('decline', { participantId: { type: 'string', minLength: 1, maxLength: 100 } }),
    action('where', { clipId: clipRef, frame: roomFrame }),
    action('close'),
  ],
};

const ROOM_SCHEMAS: JsonSchema[] = [
  ROOM_ACTION_SCHEMA,
  {
    $id: 'RoomParticipant',
    ...obj({
      id: { type: 'string', description: 'Stable for a sign-in; not the user id.' },
      userId: id,
      name: { type: 'string' },
      kind: { type: 'string', enum: ['studio', 'client'] },
      role: { type: 'string', enum: ['driver', 'annotator', 'viewer'] },
      clipId: clipRef,
      frame: roomFrame,
      connected: { type: 'boolean', description: 'False while their stream is down (held 10 s).' },
      asksControl: { type: 'boolean' },
    }),
  },
  {
    $id: 'RoomPlayback',
    ...obj({
      ...(PLAYBACK_CHANGES.properties as Record<string, JsonSchema>),
      at: {
        type: 'number',
        description: 'Server time (ms) when `frame` was on the driver’s screen; while playing, followers extrapolate from it.',
      },
    }),
  },
  {
    $id: 'RoomState',
    description: 'The whole room, sent on every change.',
    ...obj({
      id: { type: 'string' },
      playlistId: id,
      seq: { type: 'integer', description: 'Grows with every change; an older state is stale.' },
      driverId: { type: ['string', 'null'] },
      participants: { type: 'array', items: ref('RoomParticipant') },
      playback: ref('RoomPlayback'),
      open: { type: 'boolean' },
    }),
  },
  { $id: 'RoomJoin', ...obj({ participantId: { type: 'string' }, state: ref('RoomState') }) },
];
SHARED_SCHEMAS.push(...ROOM_SCHEMAS);

/** Params schema of production routes, plus more path ids. */
export const params = (...ids: string[]): JsonSchema =>
  obj({ pid: { type: 'string', minLength: 1, maxLength: 100 }, ...Object.fromEntries(ids.map((n) => [n, id])) });

/** Error answers of a route, for the document. */
export const errors = (...statuses: number[]): Record<number, JsonSchema> =>
  Object.fromEntries(statuses.map((s) => [s, { ...ref('Error'), description: ERROR_TEXT[s] ?? 'Error' }]));

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad input; `error.field` names the field.',
  401: 'No, unknown or expired token.',
  403: 'The token lacks the right (or reaches not this clip).',
  404: 'No such object in this production.',
  409: 'A `test` op failed: the object changed since it was read.',
  413: 'Body over 1 MiB.',
  415: 'Unsupported content type.',
  429: 'Too many attempts.',
};
