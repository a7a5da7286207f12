import type { BriefingSummary } from '../../electron/shared/ipc-contract.ts'

/**
 * The issue before (`delta` -1) or after (+1) `current` in its series, by publication date: weekly issues of the
 * same series and publisher; a post has none.
 */
export function neighbourIssue(
  briefings: readonly BriefingSummary[],
  current: Pick<BriefingSummary, 'id' | 'series' | 'publisher' | 'published' | 'kind'>,
  delta: 1 | -1
): BriefingSummary | null {
  if ((current.kind ?? 'weekly') !== 'weekly') return null
  const series = briefings
    .filter((b) => b.series === current.series && b.publisher === current.publisher && (b.kind ?? 'weekly') === 'weekly')
    .sort((a, b) => (a.published === b.published ? a.id.localeCompare(b.id) : a.published < b.published ? -1 : 1))
  const index = series.findIndex((b) => b.id === current.id)
  if (index === -1) return null
  return series[index + delta] ?? null
}
