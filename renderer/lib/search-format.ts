/** Numbers in the search screens: one format everywhere (1,310), as the counted messages (`tp`) print them. */
const FORMAT = new Intl.NumberFormat('en-US')

/** `1310` → `1,310` (Korean and English group digits the same way). */
export function formatCount(n: number): string {
  return FORMAT.format(n)
}
