// Why an evaluated design is not feasible, in words: the codes of a point's `infeasible`
// list (REASONS in evaluator.ts, the bits evaluate() sets) as the CLI's summary and the
// Exploration panel's tooltip say them. No imports: the panel's bundle carries only this.

const INFEASIBLE_TEXT: Record<string, string> = {
  memory: 'the weights and KV cache do not fit in memory',
  tdp: 'its power in a phase, prefill included, is over the TDP even at the lowest clock the model allows (a design that throttles to fit is feasible, its figures at the derated clock)',
  heads: 'the attention heads do not divide by tensor_parallel',
  constraint: 'a constraint is not met',
  'invalid-value': 'a varied value is not valid',
  package: "its package needs an interposer beyond the largest on a foundry's roadmap",
  'no-value':
    'an objective has no value (a cost without a chip price; a queue overloaded or serving nothing; a fleet that no replica, or no standby of the `compare` design, sizes within the SLO)',
};

/** One reason in plain words (an unknown code as itself). */
export function infeasibleText(reason: string): string {
  return INFEASIBLE_TEXT[reason] ?? reason;
}

/** "not feasible: the weights and KV cache do not fit in memory; …" (an objective that is not a number has no reason bit). */
export function notFeasibleText(reasons: readonly string[], constraints: readonly string[] = []): string {
  if (reasons.length === 0) return 'not feasible: an objective is not a number';
  const constraintWords =
    constraints.length === 1
      ? `the constraint ${constraints[0]} is not met`
      : constraints.length > 1
        ? `one of the constraints ${constraints.join(', ')} is not met`
        : infeasibleText('constraint');
  const words = reasons.map((r) => (r === 'constraint' ? constraintWords : infeasibleText(r)));
  return `not feasible: ${words.join('; ')}`;
}

/** "5 not feasible: the weights and KV cache do not fit in memory (3), its power is over the TDP (2)": counts by reason (a design can have several). */
export function notFeasibleSummary(notFeasible: number, byReason: ReadonlyMap<string, number>): string {
  const counted = [...byReason]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${infeasibleText(reason)} (${n.toLocaleString('en')})`);
  // A design can fail several reasons: where the counts add up to more, say so (they read as a split otherwise).
  const overlap = [...byReason.values()].reduce((a, b) => a + b, 0) > notFeasible ? ' (a design can fail more than one)' : '';
  return `${notFeasible.toLocaleString('en')} not feasible${counted.length ? `: ${counted.join(', ')}${overlap}` : ''}`;
}

/**
 * Why every point is not feasible when a cost metric is recorded for a chip with no price
 * (model/explore/objectives.ts: an electricity-only cost is not a value), or undefined when the
 * first point has a price. The reason is `eval`'s (`priceUnknown`): a preset's price set aside
 * for a die the varied keys change and the model cannot price (a clock varied on `tpu-v5e`,
 * whose node is not published), or no price to begin with.
 */
export function unpricedCostNote(prepared: {
  metrics: readonly string[];
  result(index: number): { cost: { capitalKnown?: boolean } } | undefined;
  priceUnknown: string | undefined;
}): string | undefined {
  const unpriced = prepared.metrics.filter((m) => m.startsWith('cost.usd'));
  if (unpriced.length === 0 || prepared.result(0)?.cost.capitalKnown !== false) return undefined;
  // eval's message up to its consequences, which the note says in exploration's terms.
  const why = prepared.priceUnknown?.replace(/ Cost per response counts electricity only.*$/s, '').replace(/\.$/, '');
  return `${unpriced.join(', ')}: ${why ?? 'this chip has no price (neither `cost.chip_price` nor a `chip.process` to model it from)'}; so its cost would count electricity only, and points without a price have no value for ${unpriced.length > 1 ? 'them' : 'it'} and are not feasible`;
}
