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
 * A run's error in the message element `el` (`text`), or, with no text, clears the one a
 * run put there — leaving any other message (a refused setting) where it is.
 */
export function showRunError(el, text) {
  if (text) {
    el.textContent = text;
    el.classList.add('error');
    el.dataset.kind = 'run';
  } else if (el.dataset.kind === 'run') {
    el.textContent = '';
    el.classList.remove('error');
    delete el.dataset.kind;
  }
}

/** Pause / Resume / Reset for anything that has pause(), resume() and reset(), each with its data-action. */
export function pauseResumeReset(target, { resetTitle } = {}) {
  const buttons = {
    pause: button('Pause', () => target.pause()),
    resume: button('Resume', () => target.resume()),
    reset: button('Reset', () => target.reset(), { title: resetTitle }),
  };
  for (const [action, b] of Object.entries(buttons)) b.dataset.action = action;
  return buttons;
}

/**
 * Marks `btn` unavailable with `reason` (a falsy reason makes it available again). It stays
 * focusable (aria-disabled, not disabled) so the reason shows on hover AND on keyboard focus
 * (www/css/components/controls.css `.btn[aria-disabled="true"]::after`), and its click does nothing meanwhile.
 */
export function setUnavailable(btn, reason) {
  if (!btn.dataset.guarded) {
    btn.dataset.guarded = '1';
    btn.addEventListener('click', (e) => {
      if (btn.getAttribute('aria-disabled') !== 'true') return;
      e.preventDefault();
      e.stopImmediatePropagation();
    }, { capture: true });
  }
  if (reason) {
    if (!('titleAvailable' in btn.dataset)) btn.dataset.titleAvailable = btn.title || '';
    btn.setAttribute('aria-disabled', 'true');
    btn.dataset.reason = reason;
    btn.title = reason;
  } else if (btn.getAttribute('aria-disabled') === 'true') {
    btn.removeAttribute('aria-disabled');
    delete btn.dataset.reason;
    btn.title = btn.dataset.titleAvailable || '';
    if (!btn.title) btn.removeAttribute('title');
  }
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

/** A number as a person writes it: 1e-6, 0.002, 38, 4,294,967,295. */
export function formatNumber(x) {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return Math.abs(x) >= 10000 ? x.toLocaleString('en-US') : String(x);
  return x !== 0 && Math.abs(x) < 1e-4 ? x.toExponential() : String(x);
}

// What a person may type: digits, one point, an exponent. Number() is far laxer (Number('')
// is 0, Number('0x1f') is 31, Number(' Infinity ') is Infinity): be strict instead. The
// patterns have one way to match each digit (`\d+\.?\d*` has n, and backtracks n² times on a
// pasted run of digits that ends badly), and text longer than any number is refused unread.
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const NUMBER_THEN_UNITS = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*[^\d\s.eE+-][^\d]*$/; // "3e-4 lr", "10 %"
const MAX_CHARS = 40;

/** Untrusted text, shortened and without control characters, for a message (textContent). */
const quote = (t) => {
  const clean = t.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return `"${clean.length > 24 ? `${clean.slice(0, 24)}…` : clean}"`;
};

/**
 * A labelled number field validated as it is typed. Accepts only finite numbers in
 * [min, max] ((min, max] with `minExclusive`; whole numbers when `integer`); anything else —
 * empty, NaN, Infinity, text, units — shows why next to the field ("learning_rate must be a
 * number above 0, up to 1; got "abc". Still using 0.002."), marks it aria-invalid, and keeps
 * the last good value.
 *
 * A value is taken when the person is done typing — Enter, Tab, a click elsewhere (a button's
 * click comes after the field's change) — so one typed on the way to another ("1" on the way to
 * "1e308", "3e-4" on the way to "3e-4 lr") never reaches `onChange`; the message follows every
 * keystroke. `commit: 'input'` takes each good value as it is typed instead. `onChange(v)` may
 * return false to refuse a value (after showing its own message with setError): the field
 * then keeps the previous one. `commit()` takes what is typed now (for code that acts on the
 * value without a click, e.g. a key shortcut).
 *
 * The input carries data-min, data-max (and data-min-exclusive), and data-value: the value in force.
 * Returns { el, input, value (last good), valid (what is typed now), range, setError(text), commit() }.
 */
export function numberField({ label, name, min, max, minExclusive = false, step = 1, value, integer = true, onChange, hint, commit = 'change' }) {
  const id = nextId('num');
  const msgId = `${id}-msg`;
  const input = h('input', { type: 'text', inputmode: integer ? 'numeric' : 'decimal', id, value: String(value), 'aria-describedby': msgId, autocomplete: 'off', spellcheck: 'false', 'data-min': min, 'data-max': max, 'data-min-exclusive': minExclusive ? 'true' : null });
  const msg = h('span', { class: 'field-msg', id: msgId, role: 'status' }, hint || '');
  const what = name || String(label).replace(/\s*[=:]\s*$/, '');
  let good = value;
  let valid = true;
  const keep = (v) => {
    good = v;
    input.dataset.value = String(v);
  };
  keep(value);

  const range = integer
    ? `a whole number from ${formatNumber(min)} to ${formatNumber(max)}`
    : minExclusive
      ? `a number above ${formatNumber(min)}, up to ${formatNumber(max)}`
      : `a number from ${formatNumber(min)} to ${formatNumber(max)}`;
  function parse(text) {
    const t = text.trim();
    const still = ` Still using ${formatNumber(good)}.`;
    if (t === '') return { error: `${what} must be ${range}; the field is empty.${still}` };
    const got = `${what} must be ${range}; got ${quote(t)}.`;
    if (t.length > MAX_CHARS) return { error: `${got} That is longer than any number.${still}` };
    if (!NUMBER.test(t)) {
      const units = NUMBER_THEN_UNITS.test(t) ? ' Type the number alone, without units.' : '';
      return { error: `${got}${units}${still}` };
    }
    const v = Number(t);
    const inRange = Number.isFinite(v) && (minExclusive ? v > min : v >= min) && v <= max;
    if (!inRange || (integer && !Number.isInteger(v))) return { error: `${got}${still}` };
    return { value: v };
  }

  function setError(text) {
    valid = !text;
    msg.textContent = text || hint || '';
    msg.classList.toggle('error', !!text);
    input.setAttribute('aria-invalid', text ? 'true' : 'false');
  }

  /** Takes the typed value if it is good (and new); a bad one leaves its message showing. */
  function take() {
    const r = parse(input.value);
    if (r.error) {
      if (valid) setError(r.error); // else its message (maybe the caller's own) is showing
      return;
    }
    setError('');
    if (r.value === good) return;
    const before = good;
    keep(r.value);
    if (onChange?.(r.value) === false) keep(before);
  }

  // The message follows every keystroke.
  input.addEventListener('input', () => {
    const r = parse(input.value);
    setError(r.error || '');
    if (commit === 'input' && !r.error) take();
  });
  if (commit === 'change') input.addEventListener('change', take);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && commit === 'change') take();
    // Keys typed into a field belong to the field, not to the deck's navigation.
    e.stopPropagation();
  });

  const el = h('div', { class: 'control number' }, h('label', { for: id }, label), input, msg);
  return {
    el,
    input,
    range,
    get value() {
      return good;
    },
    set value(v) {
      keep(v);
      input.value = String(v);
      setError('');
    },
    get valid() {
      return valid;
    },
    setError,
    commit: take,
  };
}
