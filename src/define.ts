/** Registers every default tag. Side-effect module: `import 'review-elements/define'`. */
import './elements/review-status-picker/define.js';
