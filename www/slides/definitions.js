// Slide: the talk's common definitions, as a compact grid of cards.
import { h } from '../ui/dom.js';

const CARDS = [
  ['Operant conditioning', 'Behaviour shaped by its consequences: rewards, punishments.', 'psych'],
  ['Classical conditioning', 'Pair two stimuli often: the first alone triggers the response.', 'psych'],
  ['On-policy', 'Learn about and improve the very policy that is acting.', 'learn'],
  ['Off-policy', 'Learn a policy from data that another policy collected.', 'learn'],
  ['Proximal Policy Optimization (PPO)', 'Policy gradient, clipped: no huge policy updates, stabler training.', 'algo'],
  ['Deep Q-Network (DQN)', 'Q-learning with a deep network estimating Q from raw input.', 'algo'],
  ['Markov Decision Process (MDP)', 'The maths of decisions whose outcomes are partly random, partly yours.', 'core'],
  ['Temporal-difference (TD) learning', 'Model-free: update a guess from the next guess, without waiting for the outcome.', 'core'],
  ['Exploration vs exploitation', 'Try something new, or take what is known to pay?', 'core'],
  ['Reward function', 'The signal of success: the feedback that drives the learning.', 'core'],
  ['ε-greedy', 'With probability ε explore at random; else exploit the best.', 'core'],
  ['Dynamic programming', 'Overlapping sub-problems, each answer kept in a table.', 'core'],
];

export default {
  id: 'definitions',
  title: 'Common definitions',
  notes: `The talk's glossary, condensed. Longer versions:

Operant conditioning: learning where behaviour is modified by its consequences, such as rewards and punishments (Mowgli). Classical conditioning: two stimuli repeatedly paired; a response first elicited by the second stimulus is eventually elicited by the first alone (Pavlov).

On-policy: the agent evaluates and improves the policy it uses to make decisions. Off-policy: the agent learns a potentially different policy from the behaviour policy that collects the data.

PPO (Proximal Policy Optimization): a policy-gradient method using a clipped surrogate objective to prevent large policy updates, improving stability — what we use for CartPole later. DQN (Deep Q-Network): Q-learning plus deep neural networks approximating the Q-value function, learning from high-dimensional sensory input.

Markov Decision Process (MDP): a framework for decision-making where outcomes are partly random and partly under the decision maker's control. Temporal-difference (TD) learning: model-free methods that bootstrap from the estimated value of subsequent states rather than waiting for a final outcome. Exploration vs exploitation: explore new possibilities or choose options known to yield high rewards. Reward function: signals the success of an agent's actions; the key feedback that guides learning. ε-greedy: with probability ε explore a random action, with 1 − ε exploit the best known action (next slide). Dynamic programming: break a problem into smaller overlapping sub-problems, store results in a table so nothing is computed twice.

Together these form the foundation of RL theory and practice.`,
  render() {
    return h(
      'div',
      { class: 'intro-slide intro-defs' },
      h('h2', {}, 'Common definitions'),
      h(
        'dl',
        { class: 'defs-grid' },
        CARDS.map(([term, def, kind]) => h('div', { class: `defs-card defs-${kind}` }, h('dt', {}, term), h('dd', {}, def))),
      ),
    );
  },
};
