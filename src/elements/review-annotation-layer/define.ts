import { defineElement } from '../../internal/define-element.js';
import { ReviewAnnotationLayer } from './review-annotation-layer.js';

defineElement('review-annotation-layer', ReviewAnnotationLayer);
