import { ReviewPlaylist } from './review-playlist.js';

customElements.get('review-playlist') || customElements.define('review-playlist', ReviewPlaylist);
