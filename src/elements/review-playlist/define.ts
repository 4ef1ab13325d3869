import { defineElement } from '../../internal/define-element.js';
import { ReviewPlaylist } from './review-playlist.js';

defineElement('review-playlist', ReviewPlaylist);
