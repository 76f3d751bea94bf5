import type { LossWeights } from '@microseg/tf-runtime';
import type { TrainingGraphBuilder } from './graph-builder.ts';

/** As @microseg/tf-runtime's binaryCrossEntropy clips, like torch.nn.BCELoss clamping its logs. */
const PROBABILITY_EPSILON = 1e-7;

/**
 * The paper's DiceBCE (weights.bce · BCE + weights.dice · (1 - F1), smoothing 1, pooled over the whole batch) on
 * probabilities, with its gradient: the same quantity as @microseg/tf-runtime's diceBceLoss and the same
 * gradient tfjs derives for it (the clip passes the gradient only inside its range).
 */
export function diceBceWithGradient(
  g: TrainingGraphBuilder,
  probabilities: string,
  targets: string,
  elements: number,
  weights: LossWeights,
): { loss: string; gradient: string } {
  const one = g.constantScalar(1);
  const low = g.constantScalar(PROBABILITY_EPSILON);
  const high = g.constantScalar(1 - PROBABILITY_EPSILON);
  const clipped = g.node('Clip', [probabilities, low, high], 'loss.clipped');
  const oneMinusClipped = g.sub(one, clipped, 'loss.one_minus_p');
  const oneMinusTargets = g.sub(one, targets, 'loss.one_minus_t');
  const logLikelihood = g.add(
    g.mul(targets, g.node('Log', [clipped], 'loss.log_p'), 'loss.positive'),
    g.mul(oneMinusTargets, g.node('Log', [oneMinusClipped], 'loss.log_1p'), 'loss.negative'),
    'loss.log_likelihood',
  );
  const bce = g.node('Neg', [g.node('ReduceMean', [logLikelihood], 'loss.mean_ll', { keepdims: 0 })], 'loss.bce');

  const intersection = g.total(g.mul(probabilities, targets, 'loss.pt'), 'loss.intersection');
  const union = g.add(g.add(g.total(probabilities, 'loss.sum_p'), g.total(targets, 'loss.sum_t'), 'loss.sum_pt'), one, 'loss.union');
  const numerator = g.add(g.mul(g.constantScalar(2), intersection, 'loss.twice'), one, 'loss.numerator');
  const dice = g.sub(one, g.div(numerator, union, 'loss.f1'), 'loss.dice');
  const loss = g.add(g.mul(g.constantScalar(weights.bce), bce, 'loss.bce_part'), g.mul(g.constantScalar(weights.dice), dice, 'loss.dice_part'), 'loss');

  // d BCE / dp = -(t/p - (1-t)/(1-p)) / elements inside the clip's range, 0 outside it.
  const inRange = g.mask(
    g.node('And', [g.node('GreaterOrEqual', [probabilities, low], 'loss.above'), g.node('LessOrEqual', [probabilities, high], 'loss.below')], 'loss.in_range'),
    'loss.in_range_mask',
  );
  const bceSlope = g.sub(g.div(oneMinusTargets, oneMinusClipped, 'loss.neg_term'), g.div(targets, clipped, 'loss.pos_term'), 'loss.bce_slope');
  const bceGradient = g.mul(g.mul(bceSlope, inRange, 'loss.bce_masked'), g.constantScalar(weights.bce / elements), 'loss.bce_grad');
  // d Dice / dp = -(2t · union - numerator) / union².
  const diceSlope = g.sub(g.mul(g.mul(g.constantScalar(2), targets, 'loss.two_t'), union, 'loss.two_t_union'), numerator, 'loss.dice_num');
  const diceGradient = g.mul(g.div(diceSlope, g.mul(union, union, 'loss.union_sq'), 'loss.dice_ratio'), g.constantScalar(-weights.dice), 'loss.dice_grad');
  return { loss, gradient: g.add(bceGradient, diceGradient, 'loss.grad') };
}
