const SUFFIX = /(특별행정구|자치구|신구|성|시|구|현)$/

/** True when a region filter (베이징, 저장) names a document region (베이징, 저장성). */
export function isRegionMatch(filter: string, region: string): boolean {
  if (filter === region) return true
  return filter.replace(SUFFIX, '') === region.replace(SUFFIX, '')
}
