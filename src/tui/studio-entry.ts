/**
 * Everything the studio needs from Ink and React, through one module so that it can be served
 * by a single pre-bundled file (see bench/tui-bundle.js): loading Ink's and React's hundreds of
 * files is most of the studio's start-up time.
 */
export { render, renderToString } from 'ink';
export { createElement } from 'react';
export { ReviewApp } from './ReviewApp.js';
export { PrintView } from './PrintView.js';
