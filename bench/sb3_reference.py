#!/usr/bin/env python3
"""SB3 PPO on CartPole-v1 with the same definition of "solved" as rl-live's bench.

Solved = the mean return of the last 20 *training* episodes reaches 475 (checked by a
callback after each rollout + update, as rl-live checks after each iteration); training then
stops and the policy is evaluated greedily (deterministic=True) for 20 episodes.

    pip install torch stable-baselines3   # gymnasium comes with it
    python bench/sb3_reference.py --seeds 0-2 --settings zoo defaults

Prints one line per seed (steps to solve, wall seconds to solve, steps/s, greedy eval) and
the medians. torch runs on one thread (torch.set_num_threads(1)) unless --threads says
otherwise. Not part of any test: a reference to run on your own machine.
"""
import argparse
import statistics
import time
from collections import deque

import gymnasium as gym
import numpy as np
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.callbacks import BaseCallback
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.evaluation import evaluate_policy


def linear(start):
    return lambda progress_remaining: progress_remaining * start


SETTINGS = {
    # rl-baselines3-zoo hyperparams/ppo.yml, CartPole-v1
    "zoo": dict(
        n_envs=8,
        total=100_000,
        kwargs=dict(n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98, n_epochs=20,
                    ent_coef=0.0, learning_rate=linear(1e-3), clip_range=linear(0.2)),
    ),
    # PPO("MlpPolicy", env) defaults, one env
    "defaults": dict(n_envs=1, total=200_000, kwargs=dict()),
}


class SolvedCallback(BaseCallback):
    """Stops training once the rolling-20 mean of training episode returns is >= 475."""

    def __init__(self, threshold=475.0, window=20):
        super().__init__()
        self.threshold, self.returns = threshold, deque(maxlen=window)
        self.solved_at = None
        self.t0 = None

    def _on_training_start(self):
        self.t0 = time.perf_counter()

    def _on_step(self):
        for info in self.locals["infos"]:
            if "episode" in info:  # the Monitor wrapper's end-of-episode record
                self.returns.append(info["episode"]["r"])
        return True

    def _on_rollout_start(self):
        # Called when the next rollout begins, i.e. after the update: the same point where
        # rl-live checks (after each iteration), with num_timesteps = steps so far.
        if self.solved_at is None and len(self.returns) == self.returns.maxlen \
                and np.mean(self.returns) >= self.threshold:
            self.solved_at = (self.num_timesteps, time.perf_counter() - self.t0)
            self.model._bench_stop = True


class StoppingCallback(SolvedCallback):
    # SB3 stops learn() when _on_step returns False; check the flag on the next step.
    def _on_step(self):
        super()._on_step()
        return not getattr(self.model, "_bench_stop", False)


def run(setting, seed):
    s = SETTINGS[setting]
    env = make_vec_env("CartPole-v1", n_envs=s["n_envs"], seed=seed)
    model = PPO("MlpPolicy", env, seed=seed, device="cpu", verbose=0, **s["kwargs"])
    cb = StoppingCallback()
    model.learn(total_timesteps=s["total"], callback=cb)
    eval_env = gym.make("CartPole-v1")
    eval_env.reset(seed=10_000 + seed)
    rets, _ = evaluate_policy(model, eval_env, n_eval_episodes=20, deterministic=True,
                              return_episode_rewards=True)
    return cb.solved_at, rets


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="0-2", help="A-B (default 0-2)")
    ap.add_argument("--settings", nargs="+", default=["zoo", "defaults"], choices=list(SETTINGS))
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    lo, hi = map(int, a.seeds.split("-"))
    torch.set_num_threads(a.threads)
    for setting in a.settings:
        print(f"\nSB3 PPO, {setting} settings, CartPole-v1, torch {torch.__version__}, {a.threads} thread(s)")
        print("| seed | steps to solve | seconds to solve | steps/s | greedy eval (20) |")
        print("|---:|---:|---:|---:|---:|")
        steps, secs, evals = [], [], []
        for seed in range(lo, hi + 1):
            solved, rets = run(setting, seed)
            ev = f"{np.mean(rets):.1f} ± {np.std(rets):.1f}"
            if solved:
                steps.append(solved[0]); secs.append(solved[1]); evals.append(min(rets) >= 500)
                print(f"| {seed} | {solved[0]} | {solved[1]:.2f} | {solved[0] / solved[1]:.0f} | {ev} |", flush=True)
            else:
                print(f"| {seed} | not solved | — | — | {ev} |", flush=True)
        if steps:
            print(f"solved {len(steps)}/{hi - lo + 1} · median {statistics.median(steps):.0f} steps, "
                  f"{statistics.median(secs):.2f} s · eval perfect {sum(evals)}/{len(evals)}")


if __name__ == "__main__":
    main()
