import { configure } from '@testing-library/react';

/** jsdom lacks what antd asks the browser for; the specs render against these stand-ins. */

// antd's responsive helpers (Grid, Table, Descriptions) subscribe to media queries.
if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  });
}

// On a machine busy with other work, rendering antd in jsdom takes seconds: bound the waits by what a slow
// run needs, not by a fast one (a spec still fails when what it waits for never appears).
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });
