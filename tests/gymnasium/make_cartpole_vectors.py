#!/usr/bin/env python3
"""Reference vectors for `src/cartpole.rs`, generated with Gymnasium 1.4.0 itself.

Every step goes through `gym.make("CartPole-v1")` / `gym.make("CartPole-v0")`, so the
TimeLimit wrapper's truncation and the env's steps-beyond-terminated bookkeeping are
Gymnasium's own. Off-nominal states are written into `env.unwrapped.state`, exactly as a user
of Gymnasium would, and `env.unwrapped.kinematics_integrator` selects the integrator.

Output: `cartpole_vectors.jsonl` next to this script, one JSON object per line:

- `{"kind": "meta", ...}` first: versions, counts, the theta threshold.
- `{"kind": "traj", ...}`: one trajectory: where it starts (f64 state, elapsed steps,
  steps_beyond_terminated), the env version and integrator, and the whole action sequence.
- `{"kind": "step", ...}`: the trajectory's steps, in order. Each has the bookkeeping and the
  f64 state before the step (enough to restore the env to that point), the action, the f64
  state after, the f32 observation, reward, terminated, truncated and the bookkeeping after.

Floats are written with `float.hex()` so they round-trip exactly (f32 observations are
widened to f64 first, which is exact). Regenerate with:

    python3 tests/gymnasium/make_cartpole_vectors.py
"""

import json
import math
import platform
import sys
import warnings
from pathlib import Path

import gymnasium as gym
import numpy as np
from gymnasium.envs.classic_control.cartpole import CartPoleEnv
from gymnasium.wrappers import TimeLimit

REQUIRED_GYMNASIUM = "1.4.0"
OUT = Path(__file__).resolve().with_name("cartpole_vectors.jsonl")

EULER = "euler"
SEMI = "semi-implicit euler"
# Names used in the file (and by the Rust test) for the two integrators.
INTEGRATOR_NAME = {EULER: "euler", SEMI: "semi-implicit"}

X_THR = 2.4
THETA_THR = 12 * 2 * math.pi / 360  # Gymnasium's own expression, left to right.


def hx(v) -> str:
    """Exact hex float, trailing zero hex digits dropped ("0x1.8p+1"; f32 values get short)."""
    h = float(v).hex()
    mant, exp = h.split("p")
    if "." in mant:
        mant = mant.rstrip("0").rstrip(".")
    out = f"{mant}p{exp}"
    assert float.fromhex(out) == float(v) and math.copysign(1, float.fromhex(out)) == math.copysign(1, v)
    return out


def controller(state) -> int:
    """Push toward where the pole is falling: balances to the time limit from reset states."""
    return int(state[2] + 0.5 * state[3] > 0)


class Recorder:
    def __init__(self):
        self.lines: list[str] = []
        self.n_traj = 0
        self.n_steps = 0
        self.counts = {"terminated": 0, "truncated": 0, "both": 0, "after_termination": 0,
                       "drift_back": 0}

    def make_env(self, version: str, integrator: str, seed: int):
        env = gym.make(f"CartPole-{version}")
        assert isinstance(env, TimeLimit), env
        env.reset(seed=seed)
        env.unwrapped.kinematics_integrator = integrator
        return env

    def begin(self, env, name: str, state=None):
        """Starts recording a trajectory from the env's current point (optionally a new state)."""
        if state is not None:
            env.unwrapped.state = np.array(state, dtype=np.float64)
        return Trajectory(self, env, name)


class Trajectory:
    def __init__(self, rec: Recorder, env, name: str):
        self.rec = rec
        self.env = env
        self.name = name
        u = env.unwrapped
        self.version = env.spec.id.split("-")[1]
        self.integrator = INTEGRATOR_NAME[u.kinematics_integrator]
        self.start_state = [float(v) for v in u.state]
        self.start_elapsed = env._elapsed_steps
        self.start_sbt = u.steps_beyond_terminated
        self.steps: list[dict] = []
        self.actions: list[int] = []

    def step(self, action: int):
        env, u = self.env, self.env.unwrapped
        before = [float(v) for v in u.state]
        elapsed0, sbt0 = env._elapsed_steps, u.steps_beyond_terminated
        obs, reward, terminated, truncated, _ = env.step(action)
        assert obs.dtype == np.float32
        after = [float(v) for v in u.state]
        self.steps.append({
            "kind": "step", "traj": None, "t": len(self.steps),
            "elapsed": elapsed0, "sbt": sbt0,
            "s0": [hx(v) for v in before], "a": action,
            "s1": [hx(v) for v in after], "obs": [hx(v) for v in obs],
            "r": float(reward), "term": bool(terminated), "trunc": bool(truncated),
            "elapsed1": env._elapsed_steps, "sbt1": u.steps_beyond_terminated,
        })
        self.actions.append(action)
        c = self.rec.counts
        c["terminated"] += terminated
        c["truncated"] += truncated
        c["both"] += terminated and truncated
        c["after_termination"] += sbt0 is not None
        c["drift_back"] += (sbt0 is not None) and not terminated
        return after, reward, terminated, truncated

    def end(self):
        assert self.steps, self.name
        rec = self.rec
        tid = rec.n_traj
        rec.lines.append(json.dumps({
            "kind": "traj", "id": tid, "name": self.name,
            "version": self.version, "integrator": self.integrator,
            "state": [hx(v) for v in self.start_state],
            "elapsed": self.start_elapsed, "sbt": self.start_sbt,
            "actions": "".join(str(a) for a in self.actions),
        }, separators=(",", ":")))
        for s in self.steps:
            s["traj"] = tid
            rec.lines.append(json.dumps(s, separators=(",", ":")))
        rec.n_traj += 1
        rec.n_steps += len(self.steps)


def random_episodes(rec, version, integrator, seeds, extra_after_end=3, start_box=None):
    """Random actions until the episode ends, then `extra_after_end` more steps."""
    for seed in seeds:
        env = rec.make_env(version, integrator, seed)
        rng = np.random.default_rng(10_000 + seed)
        state = None
        if start_box is not None:
            state = rng.uniform(-np.array(start_box), np.array(start_box))
        t = rec.begin(env, f"random {version} {integrator} seed {seed}"
                      + (" off-nominal start" if start_box else ""), state)
        extra = None
        while extra is None or extra > 0:
            _, _, term, trunc = t.step(int(rng.integers(0, 2)))
            if extra is not None:
                extra -= 1
            elif term or trunc:
                extra = extra_after_end
        t.end()


def controlled_to_truncation(rec, version, integrator, seed, extra_after_end=3):
    """The controller balances to the time limit; a few steps are taken after truncation."""
    env = rec.make_env(version, integrator, seed)
    t = rec.begin(env, f"controller {version} {integrator} seed {seed}")
    limit = env.spec.max_episode_steps
    for _ in range(limit):
        state, _, term, trunc = t.step(controller(env.unwrapped.state))
        assert not term, "controller should balance to truncation"
    assert trunc and env._elapsed_steps == limit
    for _ in range(extra_after_end):
        _, _, _, trunc = t.step(controller(env.unwrapped.state))
        assert trunc
    t.end()


def both_flags(rec, version, integrator, seed):
    """Balance to one step before the limit, then lean the pole so the last step terminates.

    The env is stepped for real up to there (unrecorded), then the trajectory starts from the
    leaning state with elapsed = limit - 1: the final step is terminated AND truncated.
    """
    env = rec.make_env(version, integrator, seed)
    limit = env.spec.max_episode_steps
    for _ in range(limit - 1):
        _, _, term, _, _ = env.step(controller(env.unwrapped.state))
        assert not term
    s = list(env.unwrapped.state)
    t = rec.begin(env, f"terminated and truncated {version} {integrator}",
                  [s[0], s[1], THETA_THR - 1e-4, 0.5])
    _, _, term, trunc = t.step(1)
    assert term and trunc, (term, trunc)
    for a in (0, 1):  # steps after both: reward 0, still truncated.
        t.step(a)
    t.end()


def search_landing(integrator, state, index, action, target):
    """A before-state (varying only component `index`) whose step lands exactly on `target`.

    Uses a bare CartPoleEnv as a calculator; the recorded step goes through gym.make later.
    """
    calc = CartPoleEnv()
    calc.kinematics_integrator = integrator

    def land(c):
        s = list(state)
        s[index] = c
        calc.state = np.array(s, dtype=np.float64)
        calc.steps_beyond_terminated = None
        calc.step(action)
        return float(calc.state[index])

    c = float(state[index])
    for _ in range(8):  # Newton-like: d(new)/d(old) is ~1 for positions.
        c = c + (target - land(c))
    # Then walk ULP by ULP around the guess.
    lo = hi = c
    for _ in range(200):
        for cand in (lo, hi):
            if land(cand) == target:
                s = list(state)
                s[index] = cand
                return s
        lo = float(np.nextafter(lo, -np.inf))
        hi = float(np.nextafter(hi, np.inf))
    return None


def exact_thresholds(rec):
    """Steps that land exactly on ±2.4 / ±theta_thr and one ULP either side (strict tests)."""
    found = 0
    for integrator in (EULER, SEMI):
        for index, thr in ((0, X_THR), (2, THETA_THR)):
            for sign in (1.0, -1.0):
                t_on = sign * thr
                outward = float(np.nextafter(t_on, sign * np.inf))
                inward = float(np.nextafter(t_on, -sign * np.inf))
                for label, target, expect_term in (("on", t_on, False), ("outward", outward, True),
                                                   ("inward", inward, False)):
                    # Moving outward, the other components well inside their limits.
                    base = [0.0, sign * 0.5, 0.0, sign * 0.1]
                    base[index] = t_on
                    if index == 0:
                        base[2] = sign * 0.01
                    action = 1 if sign > 0 else 0
                    state = search_landing(integrator, base, index, action, target)
                    assert state is not None, (integrator, index, sign, label)
                    env = rec.make_env("v1", integrator, 0)
                    t = rec.begin(env, f"lands {label} {'+' if sign > 0 else '-'}"
                                  f"{'x' if index == 0 else 'theta'} threshold {integrator}", state)
                    after, _, term, _ = t.step(action)
                    assert after[index] == target and term == expect_term, (after, target, term)
                    t.step(action)  # one more step from there.
                    t.end()
                    found += 1
    return found


def drift_back(rec, integrator, start, switch_after, n):
    """Terminate, drift back inside, then leave again (found by a small grid search).

    The cart is pushed left for `switch_after + 1` steps, then the controller takes over;
    from `start` near the right edge the episode terminates, comes back inside for a few
    steps and leaves again. Gymnasium: reward 1.0 on the first terminating step, 1.0 and
    terminated=False while back inside, and 0.0 (not 1.0) when it leaves again, since
    steps_beyond_terminated is not cleared by coming back.
    """
    env = rec.make_env("v1", integrator, 0)
    t = rec.begin(env, f"drift back inside {integrator}", start)
    flags = []
    for k in range(n):
        s = env.unwrapped.state
        action = controller(s) if k > switch_after else 0
        _, reward, term, _ = t.step(action)
        flags.append("1" if term else "0")
    flags = "".join(flags)
    back = flags.index("10")  # terminated, then inside again ...
    assert "1" in flags[back + 2:], flags  # ... and out once more.
    rec.counts.setdefault("drift_back_trajectories", 0)
    rec.counts["drift_back_trajectories"] += 1
    t.end()


def falling_long(rec, version, integrator, seed, n):
    """Steps long after termination: the pole falls and spins, so theta grows well past pi."""
    env = rec.make_env(version, integrator, seed)
    rng = np.random.default_rng(20_000 + seed)
    t = rec.begin(env, f"long fall {version} {integrator}", [0.0, 0.0, 0.19, 1.5])
    for _ in range(n):
        t.step(int(rng.integers(0, 2)))
    t.end()


def main():
    if gym.__version__ != REQUIRED_GYMNASIUM:
        sys.exit(f"need gymnasium {REQUIRED_GYMNASIUM}, found {gym.__version__}")
    # Stepping after termination warns by design; those steps are the point here.
    warnings.filterwarnings("ignore")
    gym.logger.min_level = 40

    assert THETA_THR == CartPoleEnv().theta_threshold_radians == 0.20943951023931953

    rec = Recorder()
    random_episodes(rec, "v1", EULER, range(0, 16))
    random_episodes(rec, "v1", SEMI, range(100, 116))
    random_episodes(rec, "v0", EULER, range(200, 204))
    random_episodes(rec, "v1", EULER, range(300, 316), extra_after_end=5,
                    start_box=[2.3, 2.0, 0.2, 2.0])
    random_episodes(rec, "v1", SEMI, range(400, 416), extra_after_end=5,
                    start_box=[2.3, 2.0, 0.2, 2.0])
    controlled_to_truncation(rec, "v1", EULER, 1)
    controlled_to_truncation(rec, "v0", EULER, 2)
    controlled_to_truncation(rec, "v1", SEMI, 3)
    controlled_to_truncation(rec, "v0", SEMI, 4)
    both_flags(rec, "v0", EULER, 5)
    both_flags(rec, "v1", SEMI, 6)
    n_exact = exact_thresholds(rec)
    drift_back(rec, EULER, [2.3, 0.3, -0.1, 0.2], 6, 60)
    drift_back(rec, SEMI, [2.3, 0.5, -0.15, -0.5], 10, 60)
    falling_long(rec, "v0", EULER, 7, 260)  # crosses the v0 limit long after terminating
    falling_long(rec, "v1", SEMI, 8, 200)

    meta = {
        "kind": "meta", "gymnasium": gym.__version__, "numpy": np.__version__,
        "python": platform.python_version(), "machine": platform.machine(),
        "theta_threshold_radians": hx(THETA_THR), "trajectories": rec.n_traj,
        "steps": rec.n_steps, "exact_threshold_cases": n_exact, "counts": rec.counts,
    }
    OUT.write_text("\n".join([json.dumps(meta, separators=(",", ":"))] + rec.lines) + "\n")
    print(f"wrote {OUT}: {rec.n_traj} trajectories, {rec.n_steps} steps, {rec.counts}")


if __name__ == "__main__":
    main()
