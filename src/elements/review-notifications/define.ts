import { defineElement } from '../../internal/define-element.js';
import { ReviewNotifications } from './review-notifications.js';

defineElement('review-notifications', ReviewNotifications);
