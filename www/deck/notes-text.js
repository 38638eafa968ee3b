// Speaker notes as DOM: paragraphs (blank-line separated) with the little inline markdown notes
// use — ~~struck~~, **strong**, `code`. Everything else is plain text (textContent only, never
// innerHTML). Used by the speaker view (notes.js) and the printed handout (present/print.js).

const INLINE = /~~(.+?)~~|\*\*(.+?)\*\*|`([^`]+)`/g;

/** The paragraphs of `notes` as <p> elements (with `doc` for another window's document). */
export function notesParagraphs(notes, doc = document) {
  const text = String(notes || '').trim();
  return text
    .split(/\n\s*\n/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((para) => {
      const p = doc.createElement('p');
      let at = 0;
      for (const m of para.matchAll(INLINE)) {
        if (m.index > at) p.append(para.slice(at, m.index));
        const [tag, inner] = m[1] !== undefined ? ['del', m[1]] : m[2] !== undefined ? ['strong', m[2]] : ['code', m[3]];
        const el = doc.createElement(tag);
        el.textContent = inner;
        p.append(el);
        at = m.index + m[0].length;
      }
      if (at < para.length) p.append(para.slice(at));
      return p;
    });
}
