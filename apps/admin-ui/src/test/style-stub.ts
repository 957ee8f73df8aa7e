/** Stands in for stylesheets imported by components under test: jsdom does not lay pages out. */
export default {};
