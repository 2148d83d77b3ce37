// Statistical periods as the API names them (2026-06, 2026-Q2, 2026), with their Chinese labels, counted from
// today in China time.

function china() {
  const d = new Date(Date.now() + 8 * 3600e3);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() };
}

function month(y, m0) {
  const d = new Date(Date.UTC(y, m0, 1));
  const m = d.getUTCMonth() + 1;
  return { value: d.getUTCFullYear() + '-' + String(m).padStart(2, '0'), label: d.getUTCFullYear() + '年' + m + '月' };
}

function quarter(y, m0) {
  const d = new Date(Date.UTC(y, m0, 1));
  const q = Math.floor(d.getUTCMonth() / 3) + 1;
  return { value: d.getUTCFullYear() + '-Q' + q, label: d.getUTCFullYear() + '年第' + '一二三四'[q - 1] + '季度' };
}

/**
 * {@code months} months and {@code quarters} quarters, the latest first, starting {@code back} periods ago: 0 from
 * the running ones, 1 from the last that have ended.
 */
export function recentPeriods(back, months, quarters) {
  const { y, m } = china();
  const out = [];
  for (let k = back; k < back + months; k++) out.push(month(y, m - k));
  for (let k = back; k < back + quarters; k++) out.push(quarter(y, m - 3 * k));
  return out;
}

/** The last year that has ended. */
export function lastYear() {
  const y = china().y - 1;
  return { value: String(y), label: y + '年度' };
}
