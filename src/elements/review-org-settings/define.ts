import { defineElement } from '../../internal/define-element.js';
import { ReviewOrgSettings } from './review-org-settings.js';

defineElement('review-org-settings', ReviewOrgSettings);
