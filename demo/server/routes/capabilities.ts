/**
 * GET /production/:pid/capabilities — which optional parts of the contract this server offers
 * (src/contract/capabilities.ts): the elements leave out what a backend lacks, the conformance kit reports it.
 */
import type { Capabilities } from '../../../src/contract/capabilities.js';
import type { RouteModule } from '../context.js';
import { errors, params } from '../schemas.js';

/** What the reference server offers: everything. */
export const REFERENCE_CAPABILITIES: Capabilities = {
  sharing: true,
  events: true,
  exports: true,
  versions: true,
  rooms: true,
  markers: true,
  open: true,
  attachments: true,
  notifications: true,
};

/** The capabilities answer's schema (also part of `GET /production/:pid/open`'s answer). */
export const CAPABILITIES_SCHEMA = {
  type: 'object',
  required: ['sharing', 'events', 'exports', 'versions', 'rooms', 'markers'],
  properties: {
    sharing: { type: 'boolean', description: 'Shares, invitations, client users, the public share calls.' },
    events: { type: 'boolean', description: 'GET /production/{pid}/events.' },
    exports: {
      type: 'boolean',
      description: 'GET /production/{pid}/mo/{moId}/comments/export and GET /production/{pid}/playlist/{plId}/comments/export.',
    },
    versions: { type: 'boolean', description: 'Versions of a clip.' },
    markers: {
      type: 'boolean',
      description: 'NLE marker formats (edl, fcp7, premiere, resolve, otio) on the clip and playlist exports.',
    },
    rooms: { type: 'boolean', description: 'Synced review rooms.' },
    open: { type: 'boolean', description: 'GET /production/{pid}/open: what a page needs to open, in one answer.' },
    attachments: { type: 'boolean', description: 'Files on notes: list, upload, delete (docs/http-api.md, "Attachments").' },
    notifications: { type: 'boolean', description: 'GET /production/{pid}/notifications, mark read, the e-mail digest preference.' },
  },
  additionalProperties: { type: 'boolean' },
};

export const capabilityRoutes: RouteModule = {
  name: 'capabilities',
  register(app, { auth }) {
    app.get(
      '/production/:pid/capabilities',
      {
        onRequest: auth.production,
        schema: {
          summary: 'The optional parts of the review API this backend offers',
          description:
            'Optional call. A backend without it is taken to offer the core only (clips, review status, comments); each part is a boolean, unknown parts are ignored by the elements.',
          tags: ['users'],
          params: params(),
          response: {
            200: CAPABILITIES_SCHEMA,
            ...errors(401, 403, 404),
          },
        },
      },
      async () => REFERENCE_CAPABILITIES,
    );
  },
};
