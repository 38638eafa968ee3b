// What an event's target is, for the keyboard and touch controllers: a field that takes typing
// keeps its keys and swipes; a focused button keeps Space.

export function isTextEntry(el) {
  if (!el || !(el instanceof Element)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Buttons and checkboxes do not take typing; every other input does (range takes arrows).
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'color', 'file', 'image'].includes(el.type);
}

export function isActivatable(el) {
  return el instanceof Element && !!el.closest('button, a[href], summary, [role="button"], [role="tab"], input, select, textarea');
}

/** A click on a modal dialog's backdrop (outside its box): it closes the dialog. */
export function isBackdropClick(dlg, e) {
  if (e.target !== dlg) return false;
  const r = dlg.getBoundingClientRect();
  return e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom;
}
