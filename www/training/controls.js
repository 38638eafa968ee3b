// Training controls: Train / Pause / Resume / Reset (state-aware), watch / fast-forward,
// seed, env v1/v0, preset and every hyperparameter. Every typed value is validated next
// to its field; the whole config is checked by the core before it is accepted, so a bad
// value never reaches training (the last good config stays in force).
//
// The hyperparameter fields — names, ranges, tooltips — are built from the core's declared
// schema (`Trainer.schema()`, src/ppo/config.rs): a field added there shows up here. The
// limits that tie fields together (batch_size ≤ n_envs × n_steps ≤ 65536, total_timesteps ≥
// one rollout) are the core's to check; its message then appears next to the field it names.
//
//   const controls = createControls(container, session, wasm); controls.mount();
import { h } from '../ui/dom.js';
import { button, numberField, pauseResumeReset, showRunError } from '../ui/controls.js';
import { SPEEDS } from './session.js';

/**
 * A field for one schema entry: { el, input, value (get/set), setError, commit }. Numbers get
 * a number field with the declared range; `layers` one width for every layer of the preset;
 * booleans a checkbox.
 */
function knobField(f, id, onChange) {
  if (f.kind === 'bool') {
    const input = h('input', { type: 'checkbox', id: `${id}-${f.name}`, title: f.doc });
    input.addEventListener('change', () => onChange());
    // An empty message cell, as number fields have, so the grid keeps one field to a row.
    const el = h('div', { class: 'control check' }, h('label', { for: input.id, title: f.doc }, f.name), input, h('span', { class: 'field-msg' }));
    return { el, input, get value() { return input.checked; }, set value(v) { input.checked = !!v; }, setError() {}, commit() {} };
  }
  const label = f.kind === 'layers' ? `${f.name} width` : f.name;
  const field = numberField({ label, name: label, min: f.min, max: f.max, minExclusive: !!f.min_exclusive, integer: f.kind !== 'float', value: 0, onChange });
  field.input.title = f.doc;
  field.el.querySelector('label').title = f.doc;
  return field;
}

let uid = 0;

export function createControls(container, session, wasm) {
  const id = `train-ctl-${++uid}`;
  const presets = wasm.Trainer.presets();

  const trainBtn = button('Train', () => {
    // What is typed counts, even if the field still has the focus (its bad values never do).
    for (const f of [seed, ...Object.values(fields)]) f.commit();
    session.start();
  }, { variant: 'primary', title: 'Start a new training run with these settings' });
  const { pause: pauseBtn, resume: resumeBtn, reset: resetBtn } = pauseResumeReset(session, { resetTitle: 'Stop and forget the run (the agent and curves stay until the next Train)' });
  trainBtn.dataset.action = 'train';

  const speedBtns = SPEEDS.map(({ mode, label, title }) => {
    const b = h('button', { type: 'button', class: 'btn toggle', 'aria-pressed': String(session.speed === mode), 'data-speed': mode, title: `${title} (x cycles the speeds)` }, label);
    b.addEventListener('click', () => session.setSpeed(mode));
    return b;
  });

  // Train and "Train again" share one width, and the state has room for its longest word, so
  // nothing in the row moves while a run goes from Starting… to Done.
  trainBtn.classList.add('train-main');
  const stateOut = h('output', { class: 'train-state', 'aria-live': 'polite' });
  const message = h('p', { class: 'field-msg train-msg', role: 'status' });
  const saving = h('p', { class: 'train-saving', 'aria-live': 'polite' });
  const runButtons = { train: trainBtn, pause: pauseBtn, resume: resumeBtn, reset: resetBtn };

  // Seed and env.
  const seed = numberField({ label: 'seed', min: 0, max: 2 ** 32 - 1, value: session.seed, onChange: (v) => apply({ seed: v }, seed) });
  const envSelect = h('select', { id: `${id}-env` }, h('option', { value: 'v1' }, 'CartPole-v1 (500 steps)'), h('option', { value: 'v0' }, 'CartPole-v0 (200 steps)'));
  seed.el.classList.add('train-seed');
  envSelect.value = session.env;
  envSelect.addEventListener('change', () => apply({ env: envSelect.value }, null));

  // Preset and knobs, one per declared field.
  const presetSelect = h('select', { id: `${id}-preset` }, presets.map((p) => h('option', { value: p }, p)));
  const schema = wasm.Trainer.schema();
  const fields = {};
  for (const f of schema) {
    fields[f.name] = knobField(f, id, () => applyKnobs(f.name));
    fields[f.name].input.dataset.knob = f.name;
  }

  function fill(config) {
    // Show what a config means: the preset's values overridden by the session's.
    const full = { ...wasm.Trainer.preset_config(config.preset || 'deck'), ...config };
    presetSelect.value = config.preset || 'deck';
    for (const f of schema) fields[f.name].value = f.kind === 'layers' ? full[f.name][0] : full[f.name];
  }

  function knobConfig() {
    const base = wasm.Trainer.preset_config(presetSelect.value);
    const config = { preset: presetSelect.value };
    for (const f of schema) {
      const v = fields[f.name].value;
      const was = base[f.name];
      if (f.kind === 'layers') {
        if (was.some((w) => w !== v)) config[f.name] = was.map(() => v);
      } else if (was !== v) config[f.name] = v;
    }
    return config;
  }

  // Both return false when the core refuses: the field then keeps its last good value.
  function apply(change, field) {
    const r = session.setConfig(change);
    showResult(r, field);
    return r.ok;
  }

  function applyKnobs(key) {
    const r = session.setConfig({ config: knobConfig() });
    showResult(r, fields[key]);
    return r.ok;
  }

  function showResult(r, field) {
    if (r.ok) {
      if (message.dataset.kind !== 'run') {
        message.textContent = '';
        message.classList.remove('error');
        delete message.dataset.kind;
      }
      field?.setError('');
      return;
    }
    // Put the core's message next to the field it names, else next to the one just edited.
    const named = schema.find((f) => r.error.includes(f.name));
    const target = named ? fields[named.name] : field;
    if (target) target.setError(`${r.error} (training keeps its last good settings)`);
    else {
      message.textContent = r.error;
      message.classList.add('error');
      message.dataset.kind = 'config';
    }
  }

  presetSelect.addEventListener('change', () => {
    const r = session.setConfig({ config: { preset: presetSelect.value } });
    if (r.ok) fill(session.config);
    showResult(r, null);
  });

  // The run's messages (stopped, diverged, saving off) sit right under the Train buttons, where
  // the eye is after a click, and stay in view when the hyperparameters are open.
  const root = h('div', { class: 'training-controls' },
    h('div', { class: 'train-buttons', role: 'group', 'aria-label': 'Training' }, trainBtn, pauseBtn, resumeBtn, resetBtn, stateOut),
    message, saving,
    h('div', { class: 'train-speed', role: 'group', 'aria-label': 'Speed' }, speedBtns),
    h('div', { class: 'train-settings' },
      seed.el,
      h('div', { class: 'control' }, h('label', { for: envSelect.id }, 'env'), envSelect),
      h('div', { class: 'control' }, h('label', { for: presetSelect.id }, 'preset'), presetSelect)),
    h('details', { class: 'train-knobs' }, h('summary', {}, 'Hyperparameters'), h('div', { class: 'knob-grid' }, schema.map((f) => fields[f.name].el))));

  // The control that matters next for each state: where the focus goes when the focused
  // button is disabled by the state change (Enter on Train → Pause; Done → Train again).
  const NEXT_FOCUS = { starting: 'pause', running: 'pause', paused: 'resume', done: 'train', error: 'train', idle: 'train' };

  function render() {
    const s = session.state;
    const focused = Object.values(runButtons).includes(document.activeElement) ? document.activeElement : null;
    const hasRun = s === 'running' || s === 'paused' || s === 'starting';
    trainBtn.disabled = s === 'running' || s === 'starting';
    trainBtn.textContent = s === 'done' || s === 'paused' || s === 'error' ? 'Train again' : 'Train';
    pauseBtn.disabled = !(s === 'running' || s === 'starting');
    resumeBtn.disabled = s !== 'paused';
    resetBtn.disabled = !hasRun && s !== 'done' && s !== 'error';
    const label = { idle: 'Idle', starting: 'Starting…', running: 'Training', paused: 'Paused', done: 'Done', error: 'Stopped' }[s] || s;
    stateOut.textContent = label;
    root.dataset.state = s;
    speedBtns.forEach((b, i) => b.setAttribute('aria-pressed', String(session.speed === SPEEDS[i].mode)));
    if (focused?.disabled) runButtons[NEXT_FOCUS[s] || 'train'].focus();
    // A new run (or a reset) clears the last run's "Training stopped" message.
    showRunError(message, session.error && s === 'error' ? session.error.message : '');
    saving.textContent = session.saving.ok ? '' : session.saving.message;
    saving.classList.toggle('info', !!session.saving.info);
  }

  function onError(e) {
    if (e.config) {
      message.textContent = e.message;
      message.classList.add('error');
      message.dataset.kind = 'config';
    }
    render();
  }

  let subs = [];
  return {
    el: root,
    mount() {
      if (!root.isConnected) container.append(root);
      fill(session.config);
      seed.value = session.seed;
      envSelect.value = session.env;
      subs = [session.on('state', render), session.on('config', render), session.on('saving', render), session.on('error', onError)];
      render();
    },
    unmount() {
      subs.forEach((off) => off());
      subs = [];
    },
    dispose() {
      this.unmount();
      root.remove();
    },
  };
}
