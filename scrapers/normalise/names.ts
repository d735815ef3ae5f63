/** Lower case, no accents, no "(working)"-style remarks, single hyphens between words. */
export function normaliseName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\(.*?\)/g, "")
    .trim()
    .replace(/[\s_-]+/g, "-");
}
