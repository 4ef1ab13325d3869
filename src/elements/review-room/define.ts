import { defineElement } from '../../internal/define-element.js';
import { ReviewRoom } from './review-room.js';

defineElement('review-room', ReviewRoom);
