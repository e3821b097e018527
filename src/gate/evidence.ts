/**
 * Always-valid evidence that a failure rate is above a limit, for a judgement that may look after
 * every probe. Re-testing a fixed-sample bound (Wilson) after each probe raises the false-alarm
 * rate with every look; this statistic does not.
 *
 * The statistic is a mixture likelihood ratio (Wald; Robbins; Johari et al., "Peeking at A/B
 * tests"): with k failures in n probes and the limit p0,
 *
 *   E = Σ_j w_j · (θ_j / p0)^k · ((1 − θ_j) / (1 − p0))^(n − k)
 *
 * over a few alternatives θ_j above the limit (the odds of p0 times `oddsRatio`), weights summing
 * to 1. For each θ_j > p0 one probe multiplies its term by p·θ_j/p0 + (1−p)(1−θ_j)/(1−p0) on
 * average, which is at most 1 whenever the true rate p ≤ p0; so E is a non-negative
 * supermartingale starting at 1 and, by Ville's inequality, P(E ever reaches 1/α) ≤ α for every
 * rate at or below the limit, however many probes and however often it is looked at.
 */

export interface Alternative {
  /** θ's odds over the limit's odds: 8 at a 5% limit is θ ≈ 29.6%. */
  oddsRatio: number;
  weight: number;
}

/**
 * Most weight on 8× the limit's odds (29.6% at a 5% limit), where a rollback matters and a few
 * probes can show it; some on 20× (51%) so a broken release fails on its first failures; a
 * little on 2× (9.5%) so a moderate excess is still caught over a long bake. Tuned with
 * bench/decision-quality.mjs; any weights summing to 1 keep the guarantee.
 */
export const ALTERNATIVES: readonly Alternative[] = [
  { oddsRatio: 2, weight: 0.04 },
  { oddsRatio: 8, weight: 0.78 },
  { oddsRatio: 20, weight: 0.18 },
];

/** Shown and recorded evidence is capped so it stays a finite JSON number. */
export const EVIDENCE_CAP = 1e12;

/** Natural log of E for `hits` failures in `n` trials against the limit `p0` (a fraction). */
export function logEvidence(hits: number, n: number, p0: number): number {
  if (n <= 0) return 0;
  // A 0% limit is refuted by one failure; a 100% limit by nothing.
  if (p0 <= 0) return hits > 0 ? Infinity : 0;
  if (p0 >= 1) return -Infinity;
  const odds0 = p0 / (1 - p0);
  const terms = ALTERNATIVES.map(({ oddsRatio, weight }) => {
    const theta = (odds0 * oddsRatio) / (1 + odds0 * oddsRatio);
    return (
      Math.log(weight) + hits * Math.log(theta / p0) + (n - hits) * Math.log((1 - theta) / (1 - p0))
    );
  });
  const top = Math.max(...terms);
  return top + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - top), 0));
}

/** E itself, capped at EVIDENCE_CAP. */
export function evidenceAgainst(hits: number, n: number, p0: number): number {
  return Math.min(EVIDENCE_CAP, Math.exp(logEvidence(hits, n, p0)));
}

/** The rule fails once E reaches 1/α. */
export function exceeds(hits: number, n: number, p0: number, alpha: number): boolean {
  return logEvidence(hits, n, p0) >= Math.log(1 / alpha);
}

/** The fewest failures in n trials that fail the rule (n + 1 when none could). */
export function failuresNeeded(n: number, p0: number, alpha: number): number {
  for (let k = 0; k <= n; k++) if (exceeds(k, n, p0, alpha)) return k;
  return n + 1;
}

/** Past a million, the exact odds say nothing more to a reader. */
const SHOWN_CAP = 1e6;
const rounded = (x: number) =>
  x >= 100 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toPrecision(2)));

/**
 * "1 in 400": a release at the limit shows evidence this strong, at any point of its bake, in at
 * most 1 of 400 gates (Ville). Below 1 there is no evidence against the limit at all.
 */
export function formatEvidence(evidence: number): string {
  if (evidence >= SHOWN_CAP) return `more than 1 in ${rounded(SHOWN_CAP)}`;
  if (evidence >= 1) return `1 in ${rounded(evidence)}`;
  return evidence >= 0.01 ? `none (${rounded(evidence)})` : 'none';
}

/** α as shown next to the evidence: 5% → "1 in 20". */
export function formatAlpha(alpha: number): string {
  return `1 in ${rounded(1 / alpha)}`;
}
