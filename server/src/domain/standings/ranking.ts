const collator = new Intl.Collator(['ru', 'en'], { sensitivity: 'base', numeric: true });

/** Competition ranking (1, 1, 3): highest points first; ties share a rank and are listed by name, then id. */
export function rankRows<T extends { id: string; name: string; points: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort(
    (a, b) => b.points - a.points || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || row.points !== sorted[i - 1]!.points) rank = i + 1;
    return { ...row, rank };
  });
}

/**
 * A person's place among ranked rows with up to `reach` rows above and below: what a phone shows
 * instead of the whole list (nobody scrolls to the bottom of the office). Empty if `id` is absent.
 */
export function neighbourhood<T extends { id: string }>(ranked: readonly T[], id: string, reach = 2): T[] {
  const i = ranked.findIndex((r) => r.id === id);
  return i < 0 ? [] : ranked.slice(Math.max(0, i - reach), i + reach + 1);
}
