import type { Clip, Id, Playlist } from '../contract/types.js';
import type { StoreRegistry } from './store-registry.js';

// Apart from the stores, so that `<review-session>`, which hands playlists and clips over, does not bundle them.
const knownKey = (plId: Id) => `known-playlist:${plId}`;
const KNOWN_CLIPS = 'known-clips';
const knownClipKey = (moId: Id) => `known-clip:${moId}`;

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

/**
 * Keeps the clips list (`listClips`'s answer) and one clip the host loaded with the session's API (the open
 * call's answer, docs/http-api.md "Open"), for the playlist's and the clip's stores to start from: the
 * stores stay the owners, made when a reader asks, but start ready instead of asking again.
 */
export function knownClips(stores: StoreRegistry, clips: Clip[], first: Clip | null): void {
  stores.get(KNOWN_CLIPS, () => clips);
  if (first) stores.get(knownClipKey(first.id), () => first);
}

/** The clips list handed over by the host, if one was. */
export function knownClipsOf(stores: StoreRegistry): Clip[] | undefined {
  return stores.peek<Clip[]>(KNOWN_CLIPS);
}

/** The clip `moId` handed over by the host, if one was. */
export function knownClipOf(stores: StoreRegistry, moId: Id): Clip | undefined {
  return stores.peek<Clip>(knownClipKey(moId));
}
