import { defineElement } from '../../internal/define-element.js';
import { ReviewSession } from './review-session.js';

defineElement('review-session', ReviewSession);
