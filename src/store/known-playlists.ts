import type { Id, Playlist } from '../contract/types.js';
import type { StoreRegistry } from './store-registry.js';

// Apart from playlist-store.ts, so that `<review-session>`, which hands playlists over, does not bundle the store.
const knownKey = (plId: Id) => `known-playlist:${plId}`;

/**
 * Keeps a playlist the host already loaded with the session's API, for the playlist's store to start from,
 * so no reader asks for it again. Only the playlist is kept here: the store is made when a reader asks.
 */
export function knownPlaylist(stores: StoreRegistry, playlist: Playlist): void {
  stores.get(knownKey(playlist.id), () => playlist);
}

/** The playlist `plId` handed over by the host, if one was. */
export function knownPlaylistOf(stores: StoreRegistry, plId: Id): Playlist | undefined {
  return stores.peek<Playlist>(knownKey(plId));
}
