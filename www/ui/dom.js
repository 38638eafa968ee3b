// Tiny DOM builder: text always goes in as text (never parsed as HTML), so nothing a user,
// a URL or a file provides can inject markup.
//
//   h('p', { class: 'lead' }, 'Hello ', h('strong', {}, 'world'))
//
// Attributes: `class`, `for`, `id`, aria-*, data-* … as strings; `on<event>` as functions only
// (text there would be an inline handler: refused); `hidden`/`disabled` as booleans.
// Children: strings, numbers, nodes, arrays, null (skipped).
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (/^on/i.test(key)) {
      throw new TypeError(`h('${tag}'): ${key} must be a function, not text (no inline handlers)`);
    } else if (value === true) {
      node.setAttribute(key, '');
    } else {
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

/** Appends strings, numbers, nodes and (nested) arrays of them; skips null/undefined/false. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
