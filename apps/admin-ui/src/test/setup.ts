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
