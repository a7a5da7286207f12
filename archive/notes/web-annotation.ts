/**
 * W3C Web Annotation interchange (https://www.w3.org/TR/annotation-model/), the JSON Hypothesis and Zotero
 * converge on. Pure: no I/O.
 *
 * Export ({@link toAnnotationCollection}) writes one AnnotationCollection with every highlight, item note and
 * bookmark embedded in its first page. Each annotation:
 *
 * ```jsonc
 * {
 *   "id": "urn:uuid:…",                    // ours; an imported one keeps its own IRI
 *   "type": "Annotation",
 *   "motivation": "highlighting",          // a highlight (with or without a comment) | "commenting" (an item
 *                                          // note) | "bookmarking"
 *   "created": "…", "modified": "…",       // ISO 8601
 *   "body": [
 *     { "type": "TextualBody", "purpose": "commenting", "format": "text/markdown", "value": "…" },
 *                                          // a highlight's comment or an item note's text (Markdown)
 *     { "type": "TextualBody", "purpose": "tagging", "value": "반도체" },       // one per tag
 *     { "type": "TextualBody", "purpose": "describing", "value": "…" }        // a bookmark's reason
 *   ],
 *   "target": {
 *     "source": "briefing-reader://item/<itemId>",   // a whole-briefing bookmark: briefing-reader://briefing/<id>
 *     "selector": [                                   // highlights only
 *       { "type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…" },
 *       { "type": "TextPositionSelector", "start": 12, "end": 40 }       // when the position is known
 *     ]
 *   },
 *   // Extension properties (prefix `briefingReader:` = urn:briefing-reader:, declared in @context):
 *   "briefingReader:briefing": "<briefing id>",
 *   "briefingReader:itemTitle": "…",       // the item's title when the note was made (to follow renumbering)
 *   "briefingReader:color": "yellow",      // highlights: yellow | red | green | blue | purple | orange
 *   "briefingReader:colorMeaning": "중요",  // what the user calls that colour (informative; not read back)
 *   "briefingReader:text": "…",            // highlights: the selected text as displayed
 *   "briefingReader:itemHash": "…",        // highlights: sha256 of the item's canonical text for the position
 *   "briefingReader:normalizer": 1,        // highlights: version of the normaliser the quote is written in
 *   "briefingReader:state": "unread"       // bookmarks: unread | review | done (읽지 않음 / 검토 필요 / 완료)
 * }
 * ```
 * The collection carries `briefingReader:colorMeanings` (colour → meaning). Quotes, prefixes and suffixes
 * are in the search normaliser's canonical text (normalizeForSearch), not the displayed text.
 *
 * Import ({@link parseAnnotations}) takes that, an AnnotationPage, a bare array of Annotations (or one
 * Annotation), ours or another tool's (Hypothesis, Zotero), which has none of our extension properties:
 * - the target is the first one whose `source` (or `id`) is a `briefing-reader://item/<itemId>` link (or
 *   `…/briefing/<id>`, for a bookmark); the briefing comes from it (`briefingReader:briefing`, when given,
 *   must agree); any other target is a failed entry;
 * - `bookmarking` → a bookmark; otherwise a TextQuoteSelector (also inside a `Choice`) → a highlight,
 *   whatever the motivation (Hypothesis writes none); otherwise an item note;
 * - `bodyValue` and TextualBodies without a purpose are comments (several: joined by a blank line);
 *   `describing` is a bookmark's reason (on one line); tags lose a leading `#`, spaces become `_`;
 * - defaults: colour yellow (also for an unknown one), state unread, item title '' (the item is then
 *   followed by its id), displayed text = the quote's exact text, `modified` = `created` and the other way
 *   round (a date without an offset is written in UTC);
 * - a highlight without `briefingReader:normalizer` is another tool's: its quote is normalised here
 *   (NORMALIZER_VERSION, context cut to QUOTE_CONTEXT characters) and its TextPositionSelector and hash
 *   are not kept (its offsets are in that tool's text, not in ours).
 * Every result passes annotationSchema.
 */
import { z } from 'zod'
import { NORMALIZER_VERSION, normalizeText } from '../search/normalize.ts'
import {
  annotationSchema,
  BOOKMARK_STATES,
  briefingLink,
  COLORS,
  itemLink,
  parseDeepLink,
  QUOTE_CONTEXT,
  type Annotation,
  type BookmarkState,
  type Color
} from './model.ts'
import { issueLine, NotesFileError } from './notes-file-error.ts'

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
/** The IRI our extension properties expand to (`briefingReader:color` = `urn:briefing-reader:color`). */
export const EXTENSION_NAMESPACE = 'urn:briefing-reader:'
const X = 'briefingReader:'
export const CONTEXT = [ANNO_CONTEXT, { briefingReader: EXTENSION_NAMESPACE }] as const

export interface TextualBody {
  type: 'TextualBody'
  purpose: 'commenting' | 'tagging' | 'describing'
  value: string
  format?: 'text/markdown'
}
export type Selector =
  | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
  | { type: 'TextPositionSelector'; start: number; end: number }

export interface WebAnnotation {
  id: string
  type: 'Annotation'
  motivation: 'highlighting' | 'commenting' | 'bookmarking'
  created: string
  modified: string
  body: TextualBody[]
  target: { source: string; selector?: Selector[] }
  [extension: `briefingReader:${string}`]: unknown
}

export interface AnnotationCollection {
  '@context': typeof CONTEXT
  id: string
  type: 'AnnotationCollection'
  label: string
  total: number
  generated?: string
  generator: { id: string; type: 'Software'; name: string }
  'briefingReader:colorMeanings': Record<Color, string>
  first: { id: string; type: 'AnnotationPage'; partOf: string; startIndex: 0; items: WebAnnotation[] }
}

/** One annotation in Web Annotation form. */
export function toWebAnnotation(a: Annotation, colorMeanings?: Record<Color, string>): WebAnnotation {
  const tags: TextualBody[] = a.tags.map((value) => ({ type: 'TextualBody', purpose: 'tagging', value }))
  const commenting = (value: string): TextualBody[] =>
    value ? [{ type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value }] : []
  const common = { id: a.id, type: 'Annotation' as const, created: a.created, modified: a.modified }
  const titled = a.itemTitle !== undefined ? { [`${X}itemTitle`]: a.itemTitle } : {}
  if (a.kind === 'highlight') {
    const selector: Selector[] = [
      { type: 'TextQuoteSelector', exact: a.quote.exact, prefix: a.quote.prefix, suffix: a.quote.suffix },
      ...(a.position ? [{ type: 'TextPositionSelector' as const, start: a.position.start, end: a.position.end }] : [])
    ]
    return {
      ...common,
      motivation: 'highlighting',
      body: [...commenting(a.comment), ...tags],
      target: { source: itemLink(a.itemId), selector },
      [`${X}briefing`]: a.briefingId,
      ...titled,
      [`${X}color`]: a.color,
      ...(colorMeanings ? { [`${X}colorMeaning`]: colorMeanings[a.color] } : {}),
      [`${X}text`]: a.text,
      ...(a.itemHash !== undefined ? { [`${X}itemHash`]: a.itemHash } : {}),
      [`${X}normalizer`]: a.normalizer
    }
  }
  if (a.kind === 'note') {
    return {
      ...common,
      motivation: 'commenting',
      body: [...commenting(a.text), ...tags],
      target: { source: itemLink(a.itemId) },
      [`${X}briefing`]: a.briefingId,
      ...titled
    }
  }
  return {
    ...common,
    motivation: 'bookmarking',
    body: [...(a.reason ? [{ type: 'TextualBody' as const, purpose: 'describing' as const, value: a.reason }] : []), ...tags],
    target: { source: a.itemId !== undefined ? itemLink(a.itemId) : briefingLink(a.briefingId) },
    [`${X}briefing`]: a.briefingId,
    ...titled,
    [`${X}state`]: a.state
  }
}

/**
 * Every annotation as one AnnotationCollection (JSON-LD), all of them in its first page. `id` defaults to a
 * fresh `urn:uuid:`; `generated` (the export's time) is left out when not given, so the output is stable.
 */
export function toAnnotationCollection(
  annotations: readonly Annotation[],
  options: { colorMeanings: Record<Color, string>; generated?: Date; id?: string }
): AnnotationCollection {
  const id = options.id ?? `urn:uuid:${crypto.randomUUID()}`
  return {
    '@context': CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: 'Briefing Reader notes',
    total: annotations.length,
    ...(options.generated ? { generated: options.generated.toISOString() } : {}),
    generator: { id: 'urn:briefing-reader:app', type: 'Software', name: 'Briefing Reader' },
    [`${X}colorMeanings`]: { ...options.colorMeanings },
    first: {
      id: `${id}#page-0`,
      type: 'AnnotationPage',
      partOf: id,
      startIndex: 0,
      items: annotations.map((a) => toWebAnnotation(a, options.colorMeanings))
    }
  } as AnnotationCollection
}

// ---------------------------------------------------------------------------------------------------------
// Import

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])
const hasType = (v: unknown, type: string): boolean => isObject(v) && asArray(v['type']).includes(type)

/** The items of a collection (`first.items`, following embedded `next` pages, or `items`), page or array. */
function itemsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json
  if (!isObject(json)) throw new NotesFileError(`not Web Annotation JSON (a ${json === null ? 'null' : typeof json}, not an object or array)`)
  if (hasType(json, 'AnnotationCollection')) {
    if (Array.isArray(json['items'])) return json['items']
    const items: unknown[] = []
    let page = json['first']
    if (typeof page === 'string') {
      throw new NotesFileError('the AnnotationCollection links to its pages instead of including them (first is an IRI)')
    }
    const seen = new Set<unknown>()
    while (isObject(page) && !seen.has(page)) {
      seen.add(page)
      if (!Array.isArray(page['items'])) throw new NotesFileError('an AnnotationPage of the collection has no items array')
      items.push(...page['items'])
      page = page['next']
    }
    if (seen.size === 0 && (json['total'] === 0 || json['total'] === undefined)) return []
    if (seen.size === 0) throw new NotesFileError('the AnnotationCollection has no first page with items')
    return items
  }
  if (hasType(json, 'AnnotationPage')) {
    if (!Array.isArray(json['items'])) throw new NotesFileError('the AnnotationPage has no items array')
    return json['items']
  }
  if (hasType(json, 'Annotation')) return [json]
  const type = json['type'] === undefined ? 'no type' : `type ${JSON.stringify(json['type']).slice(0, 60)}`
  throw new NotesFileError(
    `not Web Annotation JSON (an object with ${type}; expected an AnnotationCollection, an AnnotationPage or an array of Annotations)`
  )
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
/** A tag as the model wants it: no leading `#`, no spaces (`climate policy` → `climate_policy`). */
const tagOf = (value: string): string => value.trim().replace(/^#+/, '').trim().replace(/\s+/g, '_')

const isoWithOffset = z.iso.datetime({ offset: true })
/** An ISO date-time with an offset, as the model wants it, kept as written; other parseable dates in UTC. */
function dateTime(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined
  if (isoWithOffset.safeParse(v).success) return v
  return Number.isNaN(Date.parse(v)) ? undefined : new Date(v).toISOString()
}

/** One Web Annotation (ours or another tool's) as ours; throws an Error with the reason. */
export function fromWebAnnotation(w: unknown): Annotation {
  if (!isObject(w)) throw new Error('not an object')
  if (!hasType(w, 'Annotation')) throw new Error(`not an Annotation (type ${JSON.stringify(w['type'] ?? null)})`)
  const id = text(w['id']) ?? text(w['@id'])
  if (!id) throw new Error('has no id')
  const motivations = asArray(w['motivation'])
  const created = dateTime(w['created']) ?? dateTime(w['modified'])
  const modified = dateTime(w['modified']) ?? created
  if (!created || !modified) throw new Error('has no created or modified date')

  // Target: the first one that is a Briefing Reader link.
  let source: string | undefined
  let selectors: unknown[] = []
  for (const t of asArray(w['target'])) {
    const s = typeof t === 'string' ? t : isObject(t) ? (text(t['source']) ?? text(t['id'])) : undefined
    if (s && parseDeepLink(s)) {
      source = s
      selectors = isObject(t) ? asArray(t['selector']).flatMap((sel) => (isObject(sel) && hasType(sel, 'Choice') ? asArray(sel['items']) : [sel])) : []
      break
    }
    source ??= s
  }
  if (!source) throw new Error('has no target')
  const link = parseDeepLink(source)
  if (!link || link.kind === 'note') throw new Error(`its target is not a Briefing Reader item or briefing (${source.slice(0, 120)})`)
  const itemId = link.kind === 'item' ? link.id : undefined
  const linked = link.kind === 'briefing' ? link.id : link.id.slice(0, link.id.lastIndexOf('/'))
  const briefingId = text(w[`${X}briefing`]) ?? linked
  if (briefingId !== linked) throw new Error(`its ${X}briefing (${briefingId.slice(0, 120)}) is not the briefing of its target (${source})`)
  const itemTitle = text(w[`${X}itemTitle`])

  // Bodies: `bodyValue` is a comment; a TextualBody without a purpose (Hypothesis) is a comment too.
  const comments: string[] = []
  const tags: string[] = []
  const reasons: string[] = []
  if (typeof w['bodyValue'] === 'string') comments.push(w['bodyValue'])
  for (const b of asArray(w['body'])) {
    if (!isObject(b)) continue
    const value = text(b['value'])
    if (value === undefined) continue
    const purposes = asArray(b['purpose'])
    if (purposes.includes('tagging')) tags.push(tagOf(value))
    else if (purposes.includes('describing')) reasons.push(value)
    else comments.push(value)
  }
  const common = {
    id,
    briefingId,
    created,
    modified,
    tags: [...new Set(tags.filter((t) => t.length > 0))]
  }

  const quote = selectors.find((s) => hasType(s, 'TextQuoteSelector')) as Json | undefined
  const candidate: unknown = motivations.includes('bookmarking')
    ? {
        ...common,
        kind: 'bookmark',
        ...(itemId !== undefined ? { itemId } : {}),
        ...(itemTitle !== undefined ? { itemTitle } : {}),
        reason: reasons.join(' ').replace(/\s+/g, ' ').trim(),
        state: BOOKMARK_STATES.includes(w[`${X}state`] as BookmarkState) ? w[`${X}state`] : 'unread'
      }
    : quote
      ? highlightFrom(w, quote, selectors, { ...common, itemId, itemTitle: itemTitle ?? '', comment: comments.join('\n\n') })
      : { ...common, kind: 'note', itemId, itemTitle: itemTitle ?? '', text: comments.join('\n\n') }
  if (isObject(candidate) && candidate['itemId'] === undefined && candidate['kind'] !== 'bookmark') {
    throw new Error(`a ${candidate['kind']} needs an item, and its target is a briefing (${source})`)
  }
  // an empty item note of ours goes back as it was; another tool's annotation with nothing in it is no note
  if (isObject(candidate) && candidate['kind'] === 'note' && !candidate['text'] && w[`${X}briefing`] === undefined) {
    throw new Error('has no quote and no text')
  }
  const parsed = annotationSchema.safeParse(candidate)
  if (!parsed.success) throw new Error(issueLine(parsed.error.issues))
  return parsed.data
}

function highlightFrom(w: Json, quote: Json, selectors: unknown[], base: Json): Json {
  const exact = text(quote['exact'])
  if (!exact || !exact.trim()) throw new Error('its TextQuoteSelector has no exact text')
  const normalizer = w[`${X}normalizer`]
  const ours = typeof normalizer === 'number'
  // Another tool's quote is displayed text: write it in the canonical text our quotes are in.
  const canonical = (s: string): string => (ours ? s : normalizeText(s))
  const position = selectors.find((s) => hasType(s, 'TextPositionSelector')) as Json | undefined
  const start = position?.['start']
  const end = position?.['end']
  const hash = text(w[`${X}itemHash`])
  const color = w[`${X}color`]
  return {
    ...base,
    kind: 'highlight',
    quote: {
      exact: ours ? exact : canonical(exact).trim(),
      prefix: canonical(text(quote['prefix']) ?? '').slice(ours ? 0 : -QUOTE_CONTEXT),
      suffix: canonical(text(quote['suffix']) ?? '').slice(0, ours ? undefined : QUOTE_CONTEXT)
    },
    text: text(w[`${X}text`]) ?? exact.trim(),
    // another tool's offsets are in its own text, not in our canonical text: only ours are kept
    ...(ours && Number.isInteger(start) && Number.isInteger(end) && (end as number) > (start as number) && (start as number) >= 0
      ? { position: { start, end } }
      : {}),
    ...(ours && hash !== undefined ? { itemHash: hash } : {}),
    normalizer: ours ? normalizer : NORMALIZER_VERSION,
    color: COLORS.includes(color as Color) ? color : COLORS[0]
  }
}

/**
 * Reads Web Annotation JSON (already parsed): an AnnotationCollection (`first.items` or `items`), an
 * AnnotationPage, a bare array of Annotations or one Annotation. Each one that cannot be used is listed in
 * `failed` with its index and why. Throws a NotesFileError (one-line reason) when the input is not
 * annotations at all: another kind of JSON, or a list in which nothing is an Annotation.
 */
export function parseAnnotations(json: unknown): { annotations: Annotation[]; failed: Array<{ index: number; error: string }> } {
  const items = itemsOf(json)
  if (items.length > 0 && !items.some((item) => hasType(item, 'Annotation'))) {
    throw new NotesFileError(`not Web Annotation JSON (none of its ${items.length} entries is an Annotation)`)
  }
  const annotations: Annotation[] = []
  const failed: Array<{ index: number; error: string }> = []
  items.forEach((item, index) => {
    try {
      annotations.push(fromWebAnnotation(item))
    } catch (error) {
      failed.push({ index, error: (error as Error).message.split('\n')[0] })
    }
  })
  return { annotations, failed }
}
