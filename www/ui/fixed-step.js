// A fixed-step clock on requestAnimationFrame, for simulations shown in real time: `step()`
// runs once every `stepMs` of wall time (CartPole's tau = 20 ms), at most `maxSteps` times in
// one frame (a tab that was slow or hidden catches up without a burst), then `draw()` once.
//
//   const loop = fixedStepLoop(20, step, draw); loop.start(); … loop.stop();
export function fixedStepLoop(stepMs, step, draw, { maxSteps = 3 } = {}) {
  let raf = 0;
  let last = 0;
  let acc = 0;
  function frame(t) {
    raf = requestAnimationFrame(frame);
    if (!last) last = t;
    acc = Math.min(acc + (t - last), stepMs * maxSteps);
    last = t;
    while (acc >= stepMs) {
      acc -= stepMs;
      step();
    }
    draw();
  }
  return {
    get running() {
      return raf !== 0;
    },
    start() {
      if (raf) return;
      last = 0;
      raf = requestAnimationFrame(frame);
    },
    stop() {
      cancelAnimationFrame(raf);
      raf = 0;
    },
  };
}
