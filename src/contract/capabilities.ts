/**
 * What optional parts of the contract a backend offers (`GET /production/:pid/capabilities`), so that a
 * studio can adopt the elements step by step: a backend that answers only the core calls (clips, review
 * status, comments) says so, and the elements leave out what it lacks instead of failing. A backend without
 * the capabilities call is taken to offer the core only (`CORE_ONLY`).
 */
export interface Capabilities {
  /** Playlists shared with clients: shares, invitations, client users, the public share calls. */
  sharing: boolean;
  /** The live event stream `GET /production/:pid/events`. */
  events: boolean;
  /** `GET /production/:pid/mo/:moId/comments/export` and `GET /production/:pid/playlist/:plId/comments/export`. */
  exports: boolean;
  /** Versions of a clip (compare, version history). */
  versions: boolean;
  /** Synced review rooms. */
  rooms: boolean;
  /**
   * NLE marker exports: `format=edl|fcp7|premiere|resolve|otio` on the clip export and the playlist export
   * (docs/http-api.md, "Exports"). A backend that announces `exports` without it offers the subtitle and
   * data formats only, and the elements leave the marker formats out.
   */
  markers: boolean;
  /**
   * `GET /production/:pid/open`: what a page needs to open (who, settings, capabilities, the playlist, its
   * clips and the first clip) in one answer, one round trip instead of three (docs/http-api.md, "Open").
   * Without it the elements make the separate calls.
   */
  open: boolean;
  /**
   * Files on notes: `listAttachments`, `uploadAttachment`, `deleteAttachment` (docs/http-api.md,
   * "Attachments"). Without it the thread shows no attach button and asks for no attachments.
   */
  attachments: boolean;
  /**
   * Notifications of the signed-in user (mentions, replies, status changes, client notes), mark read, and the
   * e-mail digest preference (docs/http-api.md, "Notifications"). Without it `<review-notifications>` shows nothing.
   */
  notifications: boolean;
}

export const CAPABILITY_NAMES = [
  'sharing',
  'events',
  'exports',
  'versions',
  'rooms',
  'markers',
  'open',
  'attachments',
  'notifications',
] as const satisfies ReadonlyArray<keyof Capabilities>;

/**
 * Whether the backend offers `part`. Capabilities not known (a `ReviewApi` without the call, or not loaded
 * yet) leave every part on, as before capabilities existed.
 */
export function offers(capabilities: Capabilities | null | undefined, part: keyof Capabilities): boolean {
  return capabilities ? capabilities[part] : true;
}

/** What a backend without a capabilities answer offers: the core calls only. */
export const CORE_ONLY: Readonly<Capabilities> = Object.freeze({
  sharing: false,
  events: false,
  exports: false,
  versions: false,
  rooms: false,
  markers: false,
  open: false,
  attachments: false,
  notifications: false,
});

/**
 * A capabilities answer read leniently: each known part is true only when the answer says `true`; unknown
 * names are ignored (a newer backend may announce parts this version of the elements does not know).
 */
export function readCapabilities(value: unknown): Capabilities {
  const source = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return Object.fromEntries(CAPABILITY_NAMES.map((name) => [name, source[name] === true])) as unknown as Capabilities;
}
