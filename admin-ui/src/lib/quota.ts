/**
 * Quota figures, the one place that knows QuotaPerUnit: `$x.xx` when the server displays currency,
 * otherwise the raw point count, shortened (12.3k, 4.5M). One API's dashboard divided by a hard-coded
 * 1 000 000; everything here divides by the configured quota_per_unit.
 */
export interface QuotaDisplay {
  perUnit: number;
  inCurrency: boolean;
}

export function shortNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${trim(n / 1e9)}B`;
  if (abs >= 1e6) return `${trim(n / 1e6)}M`;
  if (abs >= 1e4) return `${trim(n / 1e3)}k`;
  return String(n);
}

function trim(n: number): string {
  return n.toFixed(1).replace(/\.0$/, '');
}

export function quotaToDollars(quota: number, perUnit: number): number {
  return perUnit > 0 ? quota / perUnit : 0;
}

export function dollarsToQuota(dollars: number, perUnit: number): number {
  return Math.round(dollars * perUnit);
}

/** `digits` decimals in currency mode; small non-zero amounts get enough digits not to read as $0.00. */
export function renderQuota(quota: number, display: QuotaDisplay, digits = 2): string {
  if (!display.inCurrency) {
    return shortNumber(quota);
  }
  const dollars = quotaToDollars(quota, display.perUnit);
  let shown = digits;
  while (dollars !== 0 && Math.abs(dollars) < 10 ** -shown && shown < 6) {
    shown++;
  }
  return `$${dollars.toFixed(shown)}`;
}

/** The hint shown beside quota inputs, which always take points: "≈ $1.00". */
export function quotaHint(quota: number, perUnit: number): string {
  return `≈ $${quotaToDollars(quota, perUnit).toFixed(6).replace(/0+$/, '').replace(/\.$/, '.00')}`;
}
