/**
 * Everything the studio needs from Ink and React, through one module so that it can be served
 * by one chunk of the CLI bundle (rolldown.config.mjs): loading Ink's and React's hundreds of
 * files is most of the studio's start-up time.
 */
export { render, renderToString } from 'ink';
export { createElement } from 'react';
export { ReviewApp } from './ReviewApp.js';
export { PrintView } from './PrintView.js';
