/**
 * The notes views: every annotation with where it lands now (anchor.ts) and its briefing and item, then
 * filtered, counted and sorted for the notes panel, the all-notes view and the bookmarks view. Pure: the
 * caller hands in the annotations and the briefings they are on.
 */
import type { Briefing, Item } from '../model/briefing.ts'
import { normalizeText } from '../search/normalize.ts'
import { anchorText, resolveAnnotation } from './anchor.ts'
import type { AnchorStatus, Annotation, AnnotationKind, BookmarkState, Color, Placement } from './model.ts'

export interface AnnotationView {
  annotation: Annotation
  status: AnchorStatus
  itemId?: string
  briefing: { id: string; series: string; published: string }
  item?: { id: string; section: string; number: string; title: string; category?: string; regions: string[]; date?: string }
  quote?: string
  /** Position in the briefing for document order: item index × 1e6 + offset in the item. */
  order: number
  /** Its briefing is no longer in the archive (deleted): kept, shown as detached, never placed. */
  detached?: true
}

export interface NotesQuery {
  briefingId?: string
  kinds?: AnnotationKind[]
  tags?: string[]
  colors?: Color[]
  categories?: string[]
  regions?: string[]
  states?: BookmarkState[]
  from?: string
  to?: string
  text?: string
  unplaced?: boolean
  sort?: 'document' | 'modified' | 'created'
  /** A page of the results: the first `limit` after `offset` (all by default); `total` counts them all. */
  limit?: number
  offset?: number
}

export interface NotesFacets {
  tags: Record<string, number>
  colors: Record<string, number>
  categories: Record<string, number>
  regions: Record<string, number>
}

const ORDER_STRIDE = 1_000_000

/** One annotation's view, given where it was placed on its (current) briefing. */
export function viewOf(annotation: Annotation, briefing: Briefing, placement: Placement): AnnotationView {
  const items = briefing.sections.flatMap((s) => s.items)
  const index = placement.itemId ? items.findIndex((i) => i.id === placement.itemId) : -1
  const item: Item | undefined = index === -1 ? undefined : items[index]
  let quote: string | undefined
  if (annotation.kind === 'highlight') {
    quote =
      item && placement.start !== undefined && placement.end !== undefined
        ? anchorText(item).raw.slice(placement.start, placement.end)
        : annotation.text || annotation.quote.exact
  }
  return {
    annotation,
    status: placement.status,
    ...(placement.itemId ? { itemId: placement.itemId } : {}),
    briefing: { id: briefing.id, series: briefing.series, published: briefing.published },
    ...(item
      ? {
          item: {
            id: item.id,
            section: item.section,
            number: item.number,
            title: item.title,
            ...(item.category ? { category: item.category } : {}),
            regions: item.regions,
            ...(item.date ? { date: item.date } : {})
          }
        }
      : {}),
    ...(quote !== undefined ? { quote } : {}),
    // Whole-briefing bookmarks first, unplaced notes last.
    order: index === -1 ? (placement.status === 'orphan' ? Number.MAX_SAFE_INTEGER : -1) : index * ORDER_STRIDE + (placement.start ?? 0)
  }
}

/**
 * The view of an annotation whose briefing is not in the archive (deleted, or notes imported before it): what
 * the annotation itself knows — its quote, its item's title, the date in its briefing's id — status `orphan`.
 */
export function detachedView(annotation: Annotation): AnnotationView {
  const published = /(\d{4}-\d{2}-\d{2})/.exec(annotation.briefingId)?.[1] ?? ''
  const quote = annotation.kind === 'highlight' ? annotation.text || annotation.quote.exact : undefined
  return {
    annotation,
    status: 'orphan',
    briefing: { id: annotation.briefingId, series: '', published },
    ...(quote !== undefined ? { quote } : {}),
    order: Number.MAX_SAFE_INTEGER,
    detached: true
  }
}

/** Views of `annotations`, each resolved against its briefing; those of briefings not given are detached. */
export function buildViews(annotations: readonly Annotation[], briefings: ReadonlyMap<string, Briefing>): AnnotationView[] {
  const views: AnnotationView[] = []
  for (const annotation of annotations) {
    const briefing = briefings.get(annotation.briefingId)
    views.push(briefing ? viewOf(annotation, briefing, resolveAnnotation(annotation, briefing)) : detachedView(annotation))
  }
  return views
}

/** The words of a view the note search looks in, normalised and without spaces. */
function haystack(view: AnnotationView): string {
  const a = view.annotation
  const parts = [view.quote ?? '', a.tags.join(' '), view.item?.title ?? '']
  if (a.kind === 'highlight') parts.push(a.comment)
  else if (a.kind === 'note') parts.push(a.text)
  else parts.push(a.reason)
  return normalizeText(parts.join(' ')).replace(/ /g, '')
}

const anyOf = <T>(wanted: readonly T[] | undefined, value: T | undefined): boolean =>
  !wanted || wanted.length === 0 || (value !== undefined && wanted.includes(value))

/** Does `view` pass every filter of `query`? */
export function matches(view: AnnotationView, query: NotesQuery, words: readonly string[] = queryWords(query.text)): boolean {
  const a = view.annotation
  if (query.briefingId && view.briefing.id !== query.briefingId) return false
  if (!anyOf(query.kinds, a.kind)) return false
  if (query.tags?.length && !query.tags.some((t) => a.tags.includes(t))) return false
  if (query.colors?.length && !(a.kind === 'highlight' && query.colors.includes(a.color))) return false
  if (query.states?.length && !(a.kind === 'bookmark' && query.states.includes(a.state))) return false
  if (!anyOf(query.categories, view.item?.category)) return false
  if (query.regions?.length && !query.regions.some((r) => view.item?.regions.includes(r))) return false
  if (query.from && view.briefing.published < query.from) return false
  if (query.to && view.briefing.published > query.to) return false
  if (query.unplaced && view.status !== 'orphan') return false
  if (words.length > 0) {
    const text = haystack(view)
    if (!words.every((w) => text.includes(w))) return false
  }
  return true
}

/** The query text as normalised words without spaces (양자 컴퓨팅 and 양자컴퓨팅 are one word each way). */
export function queryWords(text: string | undefined): string[] {
  return normalizeText(text ?? '')
    .split(' ')
    .filter(Boolean)
}

const bump = (counts: Record<string, number>, key: string | undefined): void => {
  if (key) counts[key] = (counts[key] ?? 0) + 1
}

export function facetsOf(views: readonly AnnotationView[]): NotesFacets {
  const facets: NotesFacets = { tags: {}, colors: {}, categories: {}, regions: {} }
  for (const view of views) {
    for (const tag of view.annotation.tags) bump(facets.tags, tag)
    if (view.annotation.kind === 'highlight') bump(facets.colors, view.annotation.color)
    bump(facets.categories, view.item?.category)
    for (const region of view.item?.regions ?? []) bump(facets.regions, region)
  }
  return facets
}

/** Newest briefing first, then document order; or newest change / creation first. */
export function sortViews(views: AnnotationView[], sort: NotesQuery['sort'] = 'document'): AnnotationView[] {
  if (sort === 'modified') return views.sort((x, y) => y.annotation.modified.localeCompare(x.annotation.modified))
  if (sort === 'created') return views.sort((x, y) => y.annotation.created.localeCompare(x.annotation.created))
  return views.sort(
    (x, y) => y.briefing.published.localeCompare(x.briefing.published) || x.briefing.id.localeCompare(y.briefing.id) || x.order - y.order
  )
}

/** Filters and sorts `views` for `query`; facets count the whole list. */
export function queryViews(views: readonly AnnotationView[], query: NotesQuery): { total: number; views: AnnotationView[]; facets: NotesFacets } {
  const words = queryWords(query.text)
  const found = sortViews(
    views.filter((v) => matches(v, query, words)),
    query.sort
  )
  const offset = query.offset ?? 0
  const page = query.limit === undefined && offset === 0 ? found : found.slice(offset, query.limit === undefined ? undefined : offset + query.limit)
  return { total: found.length, views: page, facets: facetsOf(views) }
}
