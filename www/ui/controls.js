// Form controls for demos, each with a visible label and, for typed input, a validation
// message right next to it. A bad value never reaches the demo: the last good one is kept.
import { h } from './dom.js';

let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}`;

/** A button; `kbd` (e.g. "T") is shown as a hint and announced in the title. */
export function button(label, onClick, { kbd, title, variant } = {}) {
  return h(
    'button',
    { type: 'button', class: variant ? `btn btn-${variant}` : 'btn', title: title || (kbd ? `${label} (${kbd})` : null), onclick: onClick },
    label,
    kbd ? h('kbd', {}, kbd) : null,
  );
}

/**
 * A labelled range slider showing its value. `format(v)` renders the value.
 * Returns { el, input, value (get/set) }.
 */
export function slider({ label, min, max, step = 'any', value, format = String, onInput }) {
  const id = nextId('slider');
  const out = h('output', { for: id }, format(value));
  const input = h('input', { type: 'range', id, min, max, step, value });
  input.addEventListener('input', () => {
    const v = Number(input.value);
    out.textContent = format(v);
    onInput?.(v);
  });
  const el = h('div', { class: 'control slider' }, h('label', { for: id }, label), input, out);
  return {
    el,
    input,
    get value() {
      return Number(input.value);
    },
    set value(v) {
      input.value = v;
      out.textContent = format(Number(input.value));
    },
  };
}

/**
 * A labelled number field validated on every change. Accepts only finite numbers in
 * [min, max] (whole numbers when `integer`); anything else — empty, NaN, text, units —
 * shows why next to the field, marks it aria-invalid, and keeps the last good value.
 * Returns { el, input, value (last good), valid, setError(text) }.
 */
export function numberField({ label, min, max, step = 1, value, integer = true, onChange, hint }) {
  const id = nextId('num');
  const msgId = `${id}-msg`;
  const input = h('input', { type: 'text', inputmode: integer ? 'numeric' : 'decimal', id, value: String(value), 'aria-describedby': msgId, autocomplete: 'off', spellcheck: 'false' });
  const msg = h('span', { class: 'field-msg', id: msgId, role: 'status' }, hint || '');
  let good = value;
  let valid = true;

  const range = `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`;
  function parse(text) {
    const t = text.trim();
    if (t === '') return { error: `Enter ${range}.` };
    // Number('') is 0 and Number('1e3') is 1000: be strict about what a person typed.
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return { error: `"${t.slice(0, 20)}" is not a number: enter ${range}.` };
    const v = Number(t);
    if (!Number.isFinite(v)) return { error: `Too large: enter ${range}.` };
    if (integer && !Number.isInteger(v)) return { error: `Enter ${range}.` };
    if (v < min || v > max) return { error: `${v} is out of range: enter ${range}.` };
    return { value: v };
  }

  function setError(text) {
    valid = !text;
    msg.textContent = text || hint || '';
    msg.classList.toggle('error', !!text);
    input.setAttribute('aria-invalid', text ? 'true' : 'false');
  }

  input.addEventListener('input', () => {
    const r = parse(input.value);
    if (r.error) {
      setError(r.error);
      return;
    }
    setError('');
    good = r.value;
    onChange?.(good);
  });
  // Keys typed into a field belong to the field, not to the deck's navigation.
  input.addEventListener('keydown', (e) => e.stopPropagation());

  const el = h('div', { class: 'control number' }, h('label', { for: id }, label), input, msg);
  return {
    el,
    input,
    get value() {
      return good;
    },
    set value(v) {
      good = v;
      input.value = String(v);
      setError('');
    },
    get valid() {
      return valid;
    },
    setError,
  };
}
