// An exception from a slide (render, mount, unmount, keys, actions) never breaks navigation: it
// goes to window.reportError, so the page's error collection sees it, and the deck carries on.
export function report(err) {
  if (typeof window.reportError === 'function') window.reportError(err);
  else setTimeout(() => { throw err; });
}
