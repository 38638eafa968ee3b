// SB3's log formatting, as src/ppo.rs reproduces it (`format_g3`, `LogValue`):
// integers as they are, floats with Python's `%-8.3g`, approx_kl (a numpy float32 in SB3)
// as the shortest decimal of the f32, written out like Rust's `{}` for f32.

/** Python's format(x, '.3g'). */
export function formatG3(x) {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // Round to 3 significant digits first; the exponent after rounding picks the style.
  // JS rounds exact ties away from zero, Python to even: fix the (exactly representable) ties.
  let sci = x.toExponential(2);
  const exact = Math.abs(x).toExponential(20);
  if (/^\d\.\d\d50+e/.test(exact)) {
    const d = Number(exact[0] + exact[2] + exact[3]);
    const even = d % 2 === 0 ? d : d + 1; // round half to even on 3 digits
    const e0 = Number(exact.split('e')[1]);
    const v = (even / 100) * 10 ** e0;
    sci = (x < 0 ? -v : v).toExponential(2);
  }
  const [mantissa, e] = sci.split('e');
  const exp = Number(e);
  const strip = (s) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp >= -4 && exp < 3) return strip(Number(sci).toFixed(2 - exp));
  const m = strip(mantissa);
  return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Rust's `format!("{}", v as f32)`: the shortest decimal that reads back as the same f32, never in exponent form. */
export function formatF32(v) {
  const f = Math.fround(v);
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return 'inf';
  if (f === -Infinity) return '-inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let s = '';
  for (let p = 1; p <= 9; p++) {
    s = f.toExponential(p - 1);
    if (Math.fround(Number(s)) === f) break;
  }
  // Expand d.ddde±x into plain decimal notation.
  const [mant, e] = s.split('e');
  const exp = Number(e);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const point = 1 + exp; // digits before the decimal point
  let out;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (neg ? '-' : '') + out;
}

const INT_KEYS = new Set(['time/fps', 'time/iterations', 'time/time_elapsed', 'time/total_timesteps', 'train/n_updates']);

/** The text SB3 prints for `key`'s value (without the `%-8` padding). */
export function formatValue(key, v) {
  if (INT_KEYS.has(key)) return Number.isFinite(v) ? String(Math.trunc(v)) : String(v);
  if (key === 'train/approx_kl') return formatF32(v);
  return formatG3(v);
}

/** SB3's boxed table as text, for the keys present in `metrics` (SB3's order). */
export function sb3Table(metrics, keys) {
  const rows = [];
  let tag = '';
  for (const key of keys) {
    if (!(key in metrics)) continue;
    const [t, name] = key.split('/');
    if (t !== tag) {
      tag = t;
      rows.push([`${t}/`, '']);
    }
    const v = formatValue(key, metrics[key]);
    rows.push([`   ${name}`, INT_KEYS.has(key) || key === 'train/approx_kl' ? v : v.padEnd(8)]);
  }
  const kw = Math.max(0, ...rows.map((r) => r[0].length));
  const vw = Math.max(0, ...rows.map((r) => r[1].length));
  const dashes = '-'.repeat(kw + vw + 7);
  return [dashes, ...rows.map(([k, v]) => `| ${k.padEnd(kw)} | ${v.padEnd(vw)} |`), dashes].join('\n');
}

/** The widest text a table cell shows: every value gets this much room up front. */
export const CELL_WIDTH = 10;

/**
 * SB3's text for `key`'s value, at most CELL_WIDTH characters: the table's cells keep one
 * width while training. Only approx_kl's shortest f32 decimal can be longer (0.0000020180596);
 * it then shows the same f32 in exponent form with as many digits as fit.
 */
export function formatCell(key, v) {
  const text = formatValue(key, v);
  if (text.length <= CELL_WIDTH || !Number.isFinite(v)) return text;
  for (let digits = CELL_WIDTH; digits >= 1; digits--) {
    const e = Math.fround(v).toExponential(digits - 1).replace(/\.?0+e/, 'e').replace(/e([+-])(\d)$/, 'e$10$2');
    if (e.length <= CELL_WIDTH) return e;
  }
  return text.slice(0, CELL_WIDTH);
}
