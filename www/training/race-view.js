// The race's components (training/race.js): the controls, one chart of every algorithm's curve,
// the results table, and each algorithm's SB3 log a click away. Each has mount/unmount/dispose
// like the training slide's components; they redraw on requestAnimationFrame, the chart at
// most ~5 times a second, and change only text (fixed-width cells), so three workers racing
// leave the page its frames.
//
//   createRaceControls(el, race) · createRaceChart(el, race) · createRaceResults(el, race)
import { h } from '../ui/dom.js';
import { button, numberField, pauseResumeReset, setUnavailable, showRunError } from '../ui/controls.js';
import { createLinePlot } from '../ui/plot.js';
import { formatG3 } from './format.js';
import { RACE_STYLE } from './race.js';

const STATE_LABEL = { idle: 'Ready', running: 'Racing', paused: 'Paused', done: 'Finished', error: 'Stopped' };

/** One requestAnimationFrame per burst of events; `minMs` apart at least. */
function frameThrottle(draw, minMs = 0) {
  let frame = 0;
  let timer = 0;
  let last = 0;
  const run = () => {
    timer = 0;
    frame = requestAnimationFrame(() => {
      frame = 0;
      last = performance.now();
      draw();
    });
  };
  return {
    schedule() {
      if (frame || timer) return;
      const wait = minMs - (performance.now() - last);
      if (wait > 0) timer = setTimeout(run, wait);
      else run();
    },
    cancel() {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      frame = 0;
      timer = 0;
    },
  };
}

/**
 * The component shape of www/training (`{ el, mount, unmount, dispose }`): `subscribe()` runs on
 * mount and returns what undoes it on unmount; `extra` adds methods (`disposed()` runs last).
 */
function component(container, root, subscribe, extra = {}) {
  let off = null;
  const base = {
    el: root,
    mount() {
      if (!root.isConnected) container.append(root);
      off ??= subscribe();
    },
    unmount() {
      off?.();
      off = null;
    },
    dispose() {
      this.unmount();
      extra.disposed?.();
      root.remove();
    },
  };
  // Descriptors, not values: a getter in `extra` stays a getter.
  return Object.defineProperties(base, Object.getOwnPropertyDescriptors(extra));
}

/** Race / Pause / Resume / Reset, the seed, and the race's state (announced). */
export function createRaceControls(container, race, { seedContainer = null } = {}) {
  // The seed in force is the race's: the Race button, `t` and the API all race on it.
  const seed = numberField({ label: 'seed', min: 0, max: 2 ** 32 - 1, value: race.seed, onChange: (v) => { race.seed = v; return true; } });
  seed.el.classList.add('race-seed');
  const message = h('p', { class: 'field-msg race-msg', role: 'status' });
  const raceBtn = button('Race', () => {
    seed.commit();
    const r = race.start(seed.value);
    message.textContent = r.ok ? '' : r.error;
    message.classList.toggle('error', !r.ok);
  }, { variant: 'primary', title: 'Train PPO, A2C and DQN at once, same seed, each in its own worker (t)' });
  const { pause: pauseBtn, resume: resumeBtn, reset: resetBtn } = pauseResumeReset(race, { resetTitle: 'Stop the race (the results and curves stay until the next race)' });
  raceBtn.dataset.action = 'race';
  raceBtn.classList.add('race-main');
  const stateOut = h('output', { class: 'race-state', 'aria-live': 'polite' });
  const buttons = { race: raceBtn, pause: pauseBtn, resume: resumeBtn, reset: resetBtn };
  const NEXT_FOCUS = { running: 'pause', paused: 'resume', done: 'race', error: 'race', idle: 'race' };
  const root = h('div', { class: 'race-controls training-controls' },
    h('div', { class: 'race-buttons', role: 'group', 'aria-label': 'The race' }, raceBtn, pauseBtn, resumeBtn, resetBtn, stateOut),
    message);
  // The seed (and its message, when a bad one is typed) where the slide has room for it.
  const seedBox = h('div', { class: 'race-settings training-controls' }, seed.el);
  if (seedContainer) seedContainer.append(seedBox);
  else root.append(seedBox);

  const render = () => {
    const s = race.state;
    const focused = Object.values(buttons).includes(document.activeElement) ? document.activeElement : null;
    raceBtn.disabled = s === 'running';
    raceBtn.textContent = s === 'idle' && !race.sessions[race.algos[0]].history.rows.length ? 'Race' : 'Race again';
    pauseBtn.disabled = s !== 'running';
    resumeBtn.disabled = s !== 'paused';
    resetBtn.disabled = s !== 'running' && s !== 'paused';
    stateOut.textContent = STATE_LABEL[s] || s;
    root.dataset.state = s;
    if (focused?.disabled) buttons[NEXT_FOCUS[s] || 'race'].focus();
    const errors = race.algos.map((a) => race.sessions[a].state === 'error' && race.sessions[a].error && `${RACE_STYLE[a].name}: ${race.sessions[a].error.message}`).filter(Boolean);
    // A new race clears the last one's "stopped" message.
    showRunError(message, errors.join(' '));
  };
  const t = frameThrottle(render);
  return component(container, root, () => {
    const off = race.on((e) => (e === 'state' || e === 'error' ? t.schedule() : null));
    seed.value = race.seed;
    render();
    return () => {
      off();
      t.cancel();
    };
  });
}

/** The y quantities the chart offers: the race's judge (greedy evaluations) and SB3's training mean. */
const Y_CHOICES = [
  ['eval', 'greedy evaluation (10 episodes)'],
  ['rollout/ep_rew_mean', 'rollout/ep_rew_mean (training)'],
];

let uid = 0;

/** Every algorithm's curve on one chart: against env steps or wall time; dash and marker per algorithm. */
export function createRaceChart(container, race) {
  const threshold = race.threshold;
  const id = `race-chart-${++uid}`;
  const current = { y: 'eval', x: 'steps' };
  const ySelect = h('select', { id: `${id}-y` }, Y_CHOICES.map(([v, label]) => h('option', { value: v }, label)));
  const xSelect = h('select', { id: `${id}-x` }, h('option', { value: 'steps' }, 'env steps'), h('option', { value: 'wall' }, 'wall time (s)'));
  ySelect.addEventListener('change', () => {
    current.y = ySelect.value;
    draw();
  });
  xSelect.addEventListener('change', () => {
    current.x = xSelect.value;
    draw();
  });
  const canvas = h('canvas', { class: 'race-canvas', role: 'img', 'aria-label': 'The race: no curves yet' });
  const root = h('div', { class: 'race-chart training-curves' },
    h('div', { class: 'race-chart-controls' },
      h('div', { class: 'control' }, h('label', { for: ySelect.id }, 'Curve'), ySelect),
      h('div', { class: 'control' }, h('label', { for: xSelect.id }, 'X axis'), xSelect)),
    canvas);
  let plot = null;

  function seriesOf(algo) {
    const s = race.sessions[algo];
    const style = RACE_STYLE[algo];
    let xs;
    let ys;
    if (current.y === 'eval') {
      xs = s.evaluations.map((e) => (current.x === 'wall' ? e.seconds : e.total_timesteps));
      ys = s.evaluations.map((e) => e.mean);
    } else {
      const rows = s.history.rows.filter((r) => Number.isFinite(r[current.y]));
      xs = rows.map((r) => (current.x === 'wall' ? r.wall : r['time/total_timesteps']));
      ys = rows.map((r) => r[current.y]);
    }
    // A marker on every evaluation (a few points); on about ten points of the training curve (one point per iteration).
    return { label: style.name, color: style.color, xs, ys, dash: style.dash, width: 2.5, marker: style.marker, markerEvery: current.y === 'eval' ? 1 : Math.ceil(ys.length / 10) };
  }

  function describe() {
    const parts = race.algos.map((a) => {
      const s = race.sessions[a];
      const last = s.evaluations[s.evaluations.length - 1];
      const name = RACE_STYLE[a].name;
      if (s.solved) return `${name} solved at ${s.solved.total_timesteps.toLocaleString('en-US')} steps, ${s.solved.seconds.toFixed(1)} s`;
      if (last) return `${name} last evaluation ${formatG3(last.mean)} at ${last.total_timesteps.toLocaleString('en-US')} steps`;
      return `${name} no evaluation yet`;
    });
    return `The race, greedy evaluations against env steps: ${parts.join('; ')}.`;
  }

  function draw() {
    if (!plot) return;
    const series = race.algos.map(seriesOf);
    // Where "solved" is: a faint level line (the legend names it).
    // Before the first point, an axis of the race's scale rather than 0…1.
    const empty = series.every((s) => !s.xs.length);
    const xMax = empty ? (current.x === 'wall' ? 10 : 10_000) : Math.max(1, ...series.flatMap((s) => s.xs.filter(Number.isFinite)));
    series.push({ label: `solved (${threshold})`, color: 'rgba(201, 209, 217, 0.55)', xs: [0, xMax], ys: [threshold, threshold], dash: [1, 5], width: 1.5 });
    plot.setOptions({ xLabel: current.x === 'wall' ? 'wall time (s, evaluations included)' : 'env steps', yMin: 0, yMax: race.maxReturn, xMin: 0, xMax: empty ? xMax : null });
    plot.setSeries(series);
    canvas.setAttribute('aria-label', describe());
  }
  const t = frameThrottle(draw, 200);
  return component(container, root, () => {
    plot = plot || createLinePlot(canvas, { xLabel: 'env steps' });
    const off = race.on((e) => (e === 'progress' || e === 'evaluation' || e === 'state' ? t.schedule() : null));
    draw();
    return () => {
      off();
      t.cancel();
    };
  }, {
    get options() {
      return { ...current };
    },
    /** Shows 'eval' or a log key on y, 'steps' or 'wall' on x. */
    set({ y = current.y, x = current.x } = {}) {
      Object.assign(current, { y, x });
      ySelect.value = y;
      xSelect.value = x;
      draw();
    },
    disposed() {
      plot?.dispose();
      plot = null;
    },
  });
}

const fmtSteps = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');

/** One row per algorithm: steps, rollout/ep_rew_mean, the last greedy evaluation, solved at. */
export function createRaceResults(container, race) {
  const rows = {};
  const body = h('tbody', {}, race.algos.map((algo) => {
    const style = RACE_STYLE[algo];
    const cells = {
      steps: h('td', { class: 'race-num' }),
      rew: h('td', { class: 'race-num' }),
      evaluation: h('td', { class: 'race-num' }),
      solved: h('td', { class: 'race-solved' }),
    };
    // "solved at" on two lines: the steps, then the seconds.
    cells.solvedSteps = h('span', { class: 'race-solved-steps' });
    cells.solvedSeconds = h('span', { class: 'race-solved-seconds' });
    cells.solved.append(cells.solvedSteps, ' ', cells.solvedSeconds);
    rows[algo] = cells;
    return h('tr', { 'data-algo': algo },
      h('th', { scope: 'row' },
        h('span', { class: `race-swatch race-swatch-${algo}`, 'aria-hidden': 'true' }),
        h('abbr', { title: style.full }, style.name)),
      cells.steps, cells.rew, cells.evaluation, cells.solved);
  }));
  const table = h('table', { class: 'race-results', 'data-testid': 'race-results' },
    h('caption', { class: 'visually-hidden' }, 'Race results, one row per algorithm'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Algorithm'),
      h('th', { scope: 'col' }, 'total_', h('wbr'), 'timesteps'),
      h('th', { scope: 'col' }, h('span', { class: 'race-th-small' }, 'rollout/'), 'ep_rew_', h('wbr'), 'mean'),
      h('th', { scope: 'col' }, 'greedy eval'),
      h('th', { scope: 'col' }, 'solved at'))),
    body);
  const root = h('div', { class: 'race-results-box pr-scroll' }, table);

  function render() {
    for (const algo of race.algos) {
      const s = race.sessions[algo];
      const cells = rows[algo];
      const last = s.evaluations[s.evaluations.length - 1];
      const rew = s.metrics?.['rollout/ep_rew_mean'];
      const text = {
        steps: s.totalTimesteps ? fmtSteps(s.totalTimesteps) : '–',
        rew: Number.isFinite(rew) ? formatG3(rew) : '–',
        evaluation: last ? formatG3(last.mean) : '–',
        solvedSeconds: s.solved ? `${s.solved.seconds.toFixed(2)} s` : '',
        solvedSteps: s.solved ? `${fmtSteps(s.solved.total_timesteps)} steps,`
          : s.state === 'done' ? 'not within its budget'
            : s.state === 'error' ? 'stopped (error)'
              : s.state === 'running' || s.state === 'starting' ? 'racing…'
                : s.state === 'paused' ? 'paused' : '–',
      };
      for (const [k, v] of Object.entries(text)) if (cells[k].textContent !== v) cells[k].textContent = v;
      cells.solved.closest('tr').dataset.solved = s.solved ? '1' : '';
    }
  }
  const t = frameThrottle(render);
  return component(container, root, () => {
    const off = race.on(() => t.schedule());
    render();
    return () => {
      off();
      t.cancel();
    };
  });
}

/**
 * Buttons that make one of the race's agents the page session's agent, which the slide at
 * `agentHref` (the trained agent) plays and evaluates: each is available once its algorithm
 * has an agent.
 */
export function createRaceAgents(container, race, session, { agentHref = '#/trained-agent' } = {}) {
  const out = h('p', { class: 'field-msg race-agents-msg', role: 'status' });
  const buttons = race.algos.map((algo) => {
    const b = button(RACE_STYLE[algo].name, () => {
      const json = race.agentJson(algo);
      if (!json) return;
      const r = session.loadAgent(json, 'race');
      const s = race.sessions[algo];
      out.replaceChildren(...(r.ok
        ? [`${RACE_STYLE[algo].name} (${s.solved ? `solved at ${fmtSteps(s.solved.total_timesteps)} steps` : `${fmtSteps(s.totalTimesteps)} steps, not solved`}, seed ${s.seed}) now plays on `,
          h('a', { href: agentHref }, 'the trained-agent slide'), '.']
        : [r.error]));
      out.classList.toggle('error', !r.ok);
    }, { title: `Play the race’s ${RACE_STYLE[algo].name} agent on the trained-agent slide` });
    b.setAttribute('aria-label', `Play the race’s ${RACE_STYLE[algo].name} agent`);
    b.dataset.action = `load-race-${algo}`;
    return b;
  });
  const label = h('span', { class: 'race-agents-label' }, 'Play an agent:');
  const root = h('div', { class: 'race-agents training-bundled' },
    h('div', { class: 'race-agents-row', role: 'group', 'aria-label': 'Play one of the race’s agents on the trained-agent slide' }, label, buttons), out);
  const render = () => race.algos.forEach((algo, i) => setUnavailable(buttons[i], race.agentJson(algo) ? '' : `No ${RACE_STYLE[algo].name} agent yet: press Race first.`));
  return component(container, root, () => {
    render();
    return race.on((e) => (e === 'agent' ? render() : null));
  });
}
