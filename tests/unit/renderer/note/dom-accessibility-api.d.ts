/** Types for dom-accessibility-api (installed with @testing-library/dom; its package.json has no "types" for bundler resolution). */
declare module 'dom-accessibility-api' {
  /** The accessible name of an element per the W3C accname spec. */
  export function computeAccessibleName(root: Element): string;
}
