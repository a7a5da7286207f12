import type { BriefingId, ItemId } from './briefing.ts'

/** Known series and the slug their ids start with. Unknown series fall back to a slug of the publisher. */
const SERIES_SLUGS: ReadonlyArray<[RegExp, string]> = [
  [/샘플|sample/i, 'sample-weekly'],
  [/중국\s*과학기술\s*정책\s*주간\s*동향/, 'kostec-weekly']
]

/** The slug a series name maps to (`중국 과학기술 정책 주간동향` → `kostec-weekly`). */
export function seriesSlug(series: string): string {
  for (const [pattern, slug] of SERIES_SLUGS) if (pattern.test(series)) return slug
  const ascii = series
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return ascii || 'briefing'
}

/** The stable id of a briefing: series slug + publication date. */
export function briefingId(series: string, published: string): BriefingId {
  return `${seriesSlug(series)}-${published}`
}

/** The stable id of an item: briefing id + section number + item number. */
export function itemId(briefing: BriefingId, section: string, number: string): ItemId {
  return `${briefing}/${section}-${number}`
}
