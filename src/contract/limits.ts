/**
 * Every size limit of the review API, in one place: MemoryReviewApi, the shared validation
 * (src/backend/validation.ts), the reference server's JSON schemas (demo/server/schemas.ts) and the elements'
 * forms read them from here. A request over a limit answers 400 naming the field and the limit, and
 * nothing is stored. The table is in docs/http-api.md ("Limits").
 */

/** Longest comment description, in characters. */
export const MAX_DESCRIPTION_LENGTH = 10_000;
/** Most entries in a comment's `mentionIds`, and in its `tags`. */
export const MAX_MENTIONS = 100;
export const MAX_TAGS = 100;
/** Longest tag, in characters. */
export const MAX_TAG_LENGTH = 64;
/** Largest `customFields` of a comment: characters of its JSON text. */
export const MAX_CUSTOM_FIELDS_LENGTH = 64 * 1024;
/** Most shapes of a drawing, and points of one shape. */
export const MAX_DRAWING_SHAPES = 500;
export const MAX_SHAPE_POINTS = 5_000;
/** Longest text of a drawing's text shape. */
export const MAX_DRAWING_TEXT_LENGTH = 500;

/** Longest name: a person's (client users, share sessions), a playlist's, a clip's client name, the studio's. */
export const MAX_NAME_LENGTH = 200;
/** Longest e-mail address (RFC 5321 path). */
export const MAX_EMAIL_LENGTH = 320;
/** Longest clip `reasonForReview`. */
export const MAX_REASON_LENGTH = 2_000;
/** Longest invitation message. */
export const MAX_MESSAGE_LENGTH = 5_000;
/** Longest review status id and label, and most statuses. */
export const MAX_STATUS_ID_LENGTH = 64;
export const MAX_STATUS_LABEL_LENGTH = 100;
export const MAX_STATUS_VALUES = 50;
/** Longest URL stored (the organization's logo). */
export const MAX_URL_LENGTH = 2_000;
/** Largest request body, in bytes (413 above it). */
export const MAX_BODY_BYTES = 1024 * 1024;
