#!/usr/bin/env python3
"""SB3's PPO, A2C and DQN on CartPole-v1 under rl-live's definitions of "solved".

Two definitions (rl-live's `src/solved.rs`):

- rolling (`--solved rolling`, the default; the PPO bench's figure since the start): the mean
  return of the last 20 *training* episodes reaches 475, checked after each rollout + update,
  as rl-live checks after each iteration.
- eval (`--solved eval`, the algorithm race's): the first periodic greedy evaluation, every
  2,048 env steps, 10 episodes, deterministic actions, on an env seeded seed*1000 + 999 (apart
  from the training envs), whose mean reaches 475. Checked after each rollout + update as
  rl-live does; the evaluations' time counts in the seconds.

Training then stops and the policy is evaluated greedily (deterministic=True) for 20 episodes
on an env seeded 10000 + seed.

    python -m venv venv && venv/bin/pip install torch --index-url https://download.pytorch.org/whl/cpu
    venv/bin/pip install stable-baselines3          # gymnasium comes with it
    venv/bin/python bench/sb3_reference.py --algos ppo --settings zoo defaults --seeds 0-2
    venv/bin/python bench/sb3_reference.py --algos ppo a2c dqn --settings zoo --solved eval

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
from stable_baselines3 import A2C, DQN, PPO
from stable_baselines3.common.callbacks import BaseCallback
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.evaluation import evaluate_policy

THRESHOLD = 475.0  # CartPole-v1's reward threshold
ROLLING_EPISODES = 20
EVAL_EVERY_STEPS = 2048
EVAL_EPISODES = 10
FINAL_EVAL_EPISODES = 20


def linear(start):
    return lambda progress_remaining: progress_remaining * start


# (algorithm, settings) -> the class, n_envs, budget and keyword arguments.
SETTINGS = {
    # rl-baselines3-zoo hyperparams/ppo.yml, CartPole-v1
    ("ppo", "zoo"): dict(
        cls=PPO, n_envs=8, total=100_000,
        kwargs=dict(n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98, n_epochs=20,
                    ent_coef=0.0, learning_rate=linear(1e-3), clip_range=linear(0.2)),
    ),
    # PPO("MlpPolicy", env) defaults, one env
    ("ppo", "defaults"): dict(cls=PPO, n_envs=1, total=200_000, kwargs=dict()),
    # rl-baselines3-zoo hyperparams/a2c.yml, CartPole-v1 (everything else SB3's default)
    ("a2c", "zoo"): dict(cls=A2C, n_envs=8, total=500_000, kwargs=dict(ent_coef=0.0)),
    ("a2c", "defaults"): dict(cls=A2C, n_envs=1, total=500_000, kwargs=dict()),
    # rl-baselines3-zoo hyperparams/dqn.yml, CartPole-v1
    ("dqn", "zoo"): dict(
        cls=DQN, n_envs=1, total=50_000,
        kwargs=dict(learning_rate=2.3e-3, batch_size=64, buffer_size=100_000, learning_starts=1000,
                    gamma=0.99, target_update_interval=10, train_freq=256, gradient_steps=128,
                    exploration_fraction=0.16, exploration_final_eps=0.04,
                    policy_kwargs=dict(net_arch=[256, 256])),
    ),
    ("dqn", "defaults"): dict(cls=DQN, n_envs=1, total=200_000, kwargs=dict()),
}


def greedy_returns(model, env_seed, episodes):
    env = gym.make("CartPole-v1")
    env.reset(seed=env_seed)  # later resets continue this RNG, as rl-live's evaluation does
    rets, _ = evaluate_policy(model, env, n_eval_episodes=episodes, deterministic=True,
                              return_episode_rewards=True)
    env.close()
    return rets


class SolvedCallback(BaseCallback):
    """Stops training at the first check (after a rollout + update) where the run is solved."""

    def __init__(self, definition, seed):
        super().__init__()
        self.definition, self.seed = definition, seed
        self.returns = deque(maxlen=ROLLING_EPISODES)
        self.next_eval_at = EVAL_EVERY_STEPS
        self.solved_at = None
        self.stop = False
        self.t0 = None

    def _on_training_start(self):
        self.t0 = time.perf_counter()

    def _on_step(self):
        for info in self.locals["infos"]:
            if "episode" in info:  # the Monitor wrapper's end-of-episode record
                self.returns.append(info["episode"]["r"])
        # SB3 stops learn() when _on_step returns False.
        return not self.stop

    def _solved(self):
        if self.definition == "rolling":
            return len(self.returns) == self.returns.maxlen and np.mean(self.returns) >= THRESHOLD
        if self.num_timesteps < self.next_eval_at:
            return False
        # One evaluation per multiple of 2,048 reached (an update that crosses several gives one).
        self.next_eval_at = (self.num_timesteps // EVAL_EVERY_STEPS + 1) * EVAL_EVERY_STEPS
        rets = greedy_returns(self.model, self.seed * 1000 + 999, EVAL_EPISODES)
        return np.mean(rets) >= THRESHOLD

    def _on_rollout_start(self):
        # Called when the next rollout begins, i.e. after the update (for DQN: after train()):
        # the point where rl-live checks, with num_timesteps = steps so far.
        if self.solved_at is None and self._solved():
            self.solved_at = (self.num_timesteps, time.perf_counter() - self.t0)
            self.stop = True


def run(algo, setting, seed, definition):
    s = SETTINGS[(algo, setting)]
    env = make_vec_env("CartPole-v1", n_envs=s["n_envs"], seed=seed)
    model = s["cls"]("MlpPolicy", env, seed=seed, device="cpu", verbose=0, **s["kwargs"])
    cb = SolvedCallback(definition, seed)
    model.learn(total_timesteps=s["total"], callback=cb)
    return cb.solved_at, model.num_timesteps, greedy_returns(model, 10_000 + seed, FINAL_EVAL_EPISODES)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--algos", nargs="+", default=["ppo"], choices=["ppo", "a2c", "dqn"])
    ap.add_argument("--settings", nargs="+", default=["zoo", "defaults"], choices=["zoo", "defaults"])
    ap.add_argument("--solved", default="rolling", choices=["rolling", "eval"])
    ap.add_argument("--seeds", default="0-2", help="A-B (default 0-2)")
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    lo, hi = map(int, a.seeds.split("-"))
    torch.set_num_threads(a.threads)
    for algo in a.algos:
        for setting in a.settings:
            print(f"\nSB3 {algo.upper()}, {setting} settings, CartPole-v1, solved = {a.solved}, "
                  f"torch {torch.__version__}, {a.threads} thread(s)")
            print("| seed | steps to solve | seconds to solve | steps/s | greedy eval (20) |")
            print("|---:|---:|---:|---:|---:|")
            steps, secs, evals = [], [], []
            for seed in range(lo, hi + 1):
                solved, ran, rets = run(algo, setting, seed, a.solved)
                ev = f"{np.mean(rets):.1f} ± {np.std(rets):.1f}"
                if solved:
                    steps.append(solved[0]); secs.append(solved[1]); evals.append(min(rets) >= 500)
                    print(f"| {seed} | {solved[0]} | {solved[1]:.2f} | {solved[0] / solved[1]:.0f} | {ev} |", flush=True)
                else:
                    print(f"| {seed} | not solved in {ran} | — | — | {ev} |", flush=True)
            if steps:
                print(f"solved {len(steps)}/{hi - lo + 1} · median {statistics.median(steps):.0f} steps, "
                      f"{statistics.median(secs):.2f} s · eval perfect {sum(evals)}/{len(evals)}")


if __name__ == "__main__":
    main()
