/**
 * Every route module, registered in this order by app.ts (under `/api` unless the module is `root`).
 * To add an area (e.g. sharing), write routes/<area>.ts exporting a RouteModule and add it here.
 */
import type { RouteModule } from '../context.js';
import { attachmentRoutes } from './attachments.js';
import { authRoutes } from './auth.js';
import { capabilityRoutes } from './capabilities.js';
import { clipRoutes } from './clips.js';
import { commentRoutes } from './comments.js';
import { eventRoutes } from './events.js';
import { mediaRoutes } from './media.js';
import { notificationRoutes } from './notifications.js';
import { openRoutes } from './open.js';
import { playlistRoutes } from './playlists.js';
import { roomRoutes } from './rooms.js';
import { portalRoutes } from './portal.js';
import { settingsRoutes } from './settings.js';
import { outboxPageRoutes, sharingRoutes } from './sharing.js';
import { statusRoutes } from './status.js';
import { testRoutes } from './test.js';
import { userRoutes } from './users.js';

export const ROUTE_MODULES: RouteModule[] = [
  authRoutes,
  userRoutes,
  capabilityRoutes,
  openRoutes,
  settingsRoutes,
  clipRoutes,
  statusRoutes,
  commentRoutes,
  playlistRoutes,
  sharingRoutes,
  outboxPageRoutes,
  eventRoutes,
  roomRoutes,
  notificationRoutes,
  testRoutes,
  mediaRoutes,
  attachmentRoutes,
  portalRoutes,
];
