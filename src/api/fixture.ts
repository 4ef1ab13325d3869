import type {
  ClientUser,
  Clip,
  ClipAnnotation,
  MediaObjectAnnotation,
  OrgSettings,
  Playlist,
  ProductionSettings,
  Right,
  User,
} from './types.js';

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
