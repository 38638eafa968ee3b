// Slide 4: RL vs supervised / unsupervised learning; not an LLM, but used to train them.
import { h } from '../ui/dom.js';

export default {
  id: 'not-supervised',
  title: 'Not supervised, not unsupervised',
  notes: `It is not unsupervised learning (find the pattern) nor supervised learning (you've trained on the pattern).

Fundamentally RL is about training the actions of an agent: first by trial and error, then by figuring out how to get more of a good thing. Nobody hands it the right answer; it gets a reward, often late.

It is also not an LLM — but it has been used as the final step in training them: reinforcement learning from human feedback (RLHF), where a reward model trained on people's preferences scores the answers and the language model is tuned, typically with PPO, to score better. PPO comes back later in this talk.`,
  render() {
    const card = (cls, name, what, example) =>
      h('div', { class: `panel ml-card ${cls}` }, h('h3', {}, name), h('p', {}, what), h('p', { class: 'muted ml-eg' }, example));
    return h('div', { class: 'not-supervised' },
      h('h2', {}, 'Not supervised, not unsupervised'),
      h('div', { class: 'ml-cards' },
        card('ml-sup', 'Supervised', 'You’ve been trained on the pattern: labelled examples in, answers out.', 'this photo → “cat”'),
        card('ml-unsup', 'Unsupervised', 'Find the pattern: structure in unlabelled data.', 'these customers form 3 groups'),
        card('ml-rl', 'Reinforcement', 'Train actions: trial and error first, then get more of a good thing.', 'push left or right → +1 per step upright')),
      h('p', { class: 'lead llm' }, 'And it is ', h('strong', {}, 'not an LLM'), ' (large language model)', ' — but RL (RLHF: reinforcement learning from human feedback) is used as the final step in training them.'));
  },
};
