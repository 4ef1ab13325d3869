/** Registers every default tag. Side-effect module: `import 'review-elements/define'`. */
