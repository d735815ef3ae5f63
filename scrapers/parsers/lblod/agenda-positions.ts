/**
 * 1-based positions of agenda items: each item right after the one it was `aangebrachtNa`, the
 * chains starting from items without a predecessor on the page, in page order. With complete
 * chains this is the published order; without any it is page order; items caught in a cycle
 * follow in page order.
 */
export function numberAgendaItems(itemsInPageOrder: string[], previousOf: Map<string, string>): Map<string, number> {
  const onPage = new Set(itemsInPageOrder);
  const followers = new Map<string, string[]>();
  const roots: string[] = [];
  for (const item of itemsInPageOrder) {
    const previous = previousOf.get(item);
    if (previous && previous !== item && onPage.has(previous)) followers.set(previous, [...(followers.get(previous) ?? []), item]);
    else roots.push(item);
  }
  const positions = new Map<string, number>();
  const place = (first: string) => {
    const stack = [first];
    while (stack.length > 0) {
      const item = stack.pop() as string;
      if (positions.has(item)) continue;
      positions.set(item, positions.size + 1);
      stack.push(...(followers.get(item) ?? []).toReversed());
    }
  };
  for (const root of roots) place(root);
  for (const item of itemsInPageOrder) place(item);
  return positions;
}
