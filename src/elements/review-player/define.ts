import { ReviewPlayer } from './review-player.js';

customElements.get('review-player') || customElements.define('review-player', ReviewPlayer);
