import { ReviewAnnotationLayer } from './review-annotation-layer.js';

customElements.get('review-annotation-layer') || customElements.define('review-annotation-layer', ReviewAnnotationLayer);
