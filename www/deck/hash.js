// URL hash deep links: `#/<slide-id>`. Pure functions, no DOM, so they are easy to reason about.
//
// parseHash(hash, ids) → { index, notice }:
//   - '' or '#' or '#/'            → slide 0, no notice (the start of the talk);
//   - '#/<id>' with a known id     → that slide;
//   - '#/<n>' with 1 ≤ n ≤ ids.length → slide n (a convenience for "go to slide 14");
//   - anything else (unknown id, malformed percent-encoding, absurdly long) → slide 0 and a
//     short notice meant for textContent (never HTML).

const MAX_SHOWN = 40;

/** A short, printable rendering of untrusted text for a notice. */
export function shorten(text, max = MAX_SHOWN) {
  // Drop control characters; keep the rest as text (the notice is set with textContent).
  const clean = String(text).replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

export function hashFor(id) {
  return `#/${encodeURIComponent(id)}`;
}

export function parseHash(hash, ids) {
  const raw = String(hash || '').replace(/^#/, '');
  if (raw === '' || raw === '/') return { index: 0, notice: null };
  if (raw.length > 512) return { index: 0, notice: 'That link is too long to be a slide: showing the first slide.' };
  let id;
  try {
    id = decodeURIComponent(raw.replace(/^\//, ''));
  } catch {
    return { index: 0, notice: `"${shorten(raw)}" is not a valid slide link: showing the first slide.` };
  }
  const found = ids.indexOf(id);
  if (found >= 0) return { index: found, notice: null };
  if (/^\d{1,4}$/.test(id)) {
    const n = Number(id);
    if (n >= 1 && n <= ids.length) return { index: n - 1, notice: null };
  }
  return { index: 0, notice: `No slide called "${shorten(id)}": showing the first slide.` };
}
