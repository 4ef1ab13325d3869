import { defineElement } from '../../internal/define-element.js';
import { ReviewPlayer } from './review-player.js';

defineElement('review-player', ReviewPlayer);
