// Keyboard access to boxes that scroll (WCAG 2.1.1): a wide table or code block that scrolls
// inside its own box on a phone gets into the Tab order, so arrow keys can scroll it; when it
// fits, it leaves the Tab order again (no useless stops on the big screen).
//
//   keepScrollRegionsFocusable(root, selector) → re-checks the boxes under `root`; call it when
//   what is shown or the window's size changes.

const scrolls = (el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;

export function keepScrollRegionsFocusable(root, selector = '.pr-scroll, pre') {
  if (!root) return;
  for (const el of root.querySelectorAll(selector)) {
    if (el.querySelector('a[href], button, input, select, textarea, [tabindex]')) continue; // reachable already
    if (scrolls(el)) {
      el.tabIndex = 0;
      if (!el.hasAttribute('aria-label') && !el.hasAttribute('aria-labelledby')) el.setAttribute('aria-label', 'Scrollable box: use the arrow keys to scroll');
      if (!el.hasAttribute('role')) el.setAttribute('role', 'region'); // a named, focusable landmark
    } else if (el.hasAttribute('tabindex')) {
      el.removeAttribute('tabindex');
    }
  }
}
