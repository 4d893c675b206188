/** Mann-Whitney U test (normal approximation): two-sided p-value that both samples share a distribution. */
export function mannWhitneyP(a: number[], b: number[]): number {
  const ranked = [...a.map((value) => ({ value, group: 0 })), ...b.map((value) => ({ value, group: 1 }))].sort(
    (x, y) => x.value - y.value,
  );
  let rankSumA = 0;
  ranked.forEach((entry, index) => {
    if (entry.group === 0) rankSumA += index + 1;
  });
  const u = rankSumA - (a.length * (a.length + 1)) / 2;
  const mean = (a.length * b.length) / 2;
  const sd = Math.sqrt((a.length * b.length * (a.length + b.length + 1)) / 12);
  const z = Math.abs((u - mean) / sd);
  // Two-sided tail of the standard normal (Abramowitz–Stegun 7.1.26 erf approximation).
  const t = 1 / (1 + 0.3275911 * (z / Math.SQRT2));
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(z * z) / 2);
  return 1 - erf;
}

export const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
