// Small-cell suppression for the consultation statistics HR sees (pure; no database, no clock).
//
// Rule (health-statistics practice, DESIGN/ANCHORS "confidential statistics"):
// - primary: a cell whose count is 1 … threshold−1 is hidden and shown as 「3未満」 (reason "small");
// - 0 stays 0: a zero reveals no one's consultation, and hiding it would make every empty 部局 look used;
// - secondary: where exactly ONE cell of a breakdown is hidden, the total (always shown) minus the visible cells
//   would give it back, so one more cell is hidden (reason "secondary"): the smallest remaining non-zero cell
//   (first in the given order on a tie). If no non-zero cell remains, a zero cell is hidden instead — otherwise
//   the hidden cell would simply equal the total. With two or more small cells nothing more is hidden.
//
// Known limit, accepted by the spec: with exactly two small cells whose sum is 2 or 4 the pair can still be
// inferred from the total (1+1, 2+2). The cells never say who; they only say how many.

export const DEFAULT_SUPPRESSION_THRESHOLD = 3;

export interface Cell<K extends string = string> {
  key: K;
  count: number;
}

export type SuppressionReason = "small" | "secondary";

export interface SuppressedCell<K extends string = string> {
  key: K;
  /** null when hidden. */
  count: number | null;
  suppressed: boolean;
  /** Why it is hidden: "small" (1 … threshold−1, shown as 「3未満」) or "secondary" (hidden to protect another). */
  reason?: SuppressionReason;
}

export function suppressCells<K extends string>(cells: ReadonlyArray<Cell<K>>, threshold = DEFAULT_SUPPRESSION_THRESHOLD): SuppressedCell<K>[] {
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  for (const cell of cells) {
    if (!Number.isInteger(cell.count) || cell.count < 0) throw new RangeError(`count of "${cell.key}" must be a non-negative integer, got ${cell.count}`);
  }
  const isSmall = (count: number) => count >= 1 && count < threshold;
  const reasons = new Map<number, SuppressionReason>();
  cells.forEach((cell, index) => {
    if (isSmall(cell.count)) reasons.set(index, "small");
  });

  if (reasons.size === 1) {
    let pick = -1;
    cells.forEach((cell, index) => {
      if (reasons.has(index) || cell.count === 0) return;
      if (pick === -1 || cell.count < cells[pick].count) pick = index;
    });
    if (pick === -1) pick = cells.findIndex((cell, index) => !reasons.has(index));
    if (pick !== -1) reasons.set(pick, "secondary");
  }

  return cells.map((cell, index) => {
    const reason = reasons.get(index);
    return reason ? { key: cell.key, count: null, suppressed: true, reason } : { key: cell.key, count: cell.count, suppressed: false };
  });
}
