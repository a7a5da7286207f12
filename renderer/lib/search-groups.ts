/** Pure helpers for the order search results are shown in: grouped by briefing, or flat by rank. */
import type { SearchHitView, SearchSort } from '../../archive/search/results.ts'

export interface HitGroup {
  briefingId: string
  published: string
  hits: SearchHitView[]
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']

/** Reading order inside a briefing: section (I, II, III …), then item number. */
export function compareReadingOrder(a: string, b: string): number {
  const key = (id: string): [number, number] => {
    const [section = '', number = ''] = id.slice(id.lastIndexOf('/') + 1).split('-')
    const s = ROMAN.indexOf(section)
    return [s === -1 ? ROMAN.length : s, Number.parseInt(number, 10) || 0]
  }
  const [sa, na] = key(a)
  const [sb, nb] = key(b)
  return sa - sb || na - nb || (a < b ? -1 : a > b ? 1 : 0)
}

/**
 * Hits grouped by briefing, items in reading order inside each issue (an analyst reads a group like a table
 * of contents of what that issue said on the topic). By date: the newest issue first. By relevance: the
 * groups in the order they arrived (the server orders them by their best hit over the whole result set and
 * pages whole groups, so arrival order is that order; scores arrive rounded and cannot be re-sorted here).
 */
export function groupHits(hits: readonly SearchHitView[], sort: SearchSort = 'date'): HitGroup[] {
  const groups = new Map<string, HitGroup>()
  for (const hit of hits) {
    let group = groups.get(hit.briefingId)
    if (!group) {
      group = { briefingId: hit.briefingId, published: hit.published, hits: [] }
      groups.set(hit.briefingId, group)
    }
    group.hits.push(hit)
  }
  const list = [...groups.values()]
  for (const g of list) g.hits.sort((a, b) => compareReadingOrder(a.itemId, b.itemId))
  if (sort === 'relevance') return list
  // The server's order of briefing groups (archive/search/search-index.ts groupByBriefing): code points, not locale.
  return list.sort((a, b) =>
    a.published !== b.published
      ? a.published < b.published ? 1 : -1
      : a.briefingId < b.briefingId ? -1 : a.briefingId > b.briefingId ? 1 : 0
  )
}

/** The hits in the order they are displayed, for keyboard navigation. */
export function displayOrder(
  hits: readonly SearchHitView[],
  grouped: boolean,
  sort: SearchSort = 'date'
): SearchHitView[] {
  return grouped ? groupHits(hits, sort).flatMap((g) => g.hits) : [...hits]
}
