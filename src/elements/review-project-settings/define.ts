import { defineElement } from '../../internal/define-element.js';
import { ReviewProjectSettings } from './review-project-settings.js';

defineElement('review-project-settings', ReviewProjectSettings);
