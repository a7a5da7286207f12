/**
 * The notes model: bookmarks, highlights and item notes, and the notes store's data. Zod schemas are the
 * single definition: the store's JSON schema (conf), the IPC validation and the import checks derive from
 * them, and the TypeScript types are inferred.
 *
 * Anchors follow W3C Web Annotation selectors: a highlight keeps its item (`itemId`), a TextQuoteSelector
 * (`quote`: exact text with about 32 characters of prefix and suffix, all in the search normaliser's
 * canonical text) and a TextPositionSelector (`position`: offsets in the item's canonical text), plus a hash
 * of that canonical text and the normaliser version, so an anchor can be re-found after the briefing or the
 * parser changes (see anchor.ts).
 */
import { z } from 'zod'

/** Version of the store's data layout; migrations (store-schema.ts) bring older files up to it. */
export const NOTES_FORMAT = 1

export const COLORS = ['yellow', 'red', 'green', 'blue', 'purple', 'orange'] as const
export type Color = (typeof COLORS)[number]

/** What each colour means until the user names them (settings). Keys 1–6 pick them in this order. */
export const DEFAULT_COLOR_MEANINGS: Record<Color, string> = {
  yellow: '중요',
  red: '검토 필요',
  green: '인용',
  blue: '배경',
  purple: '수치',
  orange: '후속'
}

export const BOOKMARK_STATES = ['unread', 'review', 'done'] as const
export type BookmarkState = (typeof BOOKMARK_STATES)[number]

/** Characters of context kept on each side of a quote. */
export const QUOTE_CONTEXT = 32
/** Longest tag, comment, note text accepted (characters). */
export const MAX_TAG = 64
export const MAX_TEXT = 100_000
/** Days a deleted annotation stays in the trash. */
export const TRASH_DAYS = 30

const isoDateTime = z.iso.datetime({ offset: true })
const id = z.string().min(1).max(200)
const itemId = z.string().min(1).max(300)
const tag = z
  .string()
  .min(1)
  .max(MAX_TAG)
  .refine((t) => !/\s/.test(t), 'a tag has no spaces')

export const quoteSchema = z
  .object({
    /** The quoted text, canonical (normalizeForSearch). */
    exact: z.string().min(1).max(MAX_TEXT),
    prefix: z.string().max(1000),
    suffix: z.string().max(1000)
  })
  .strict()
export type Quote = z.infer<typeof quoteSchema>

export const positionSchema = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .strict()
  .refine((p) => p.end > p.start, 'end must be after start')
export type Position = z.infer<typeof positionSchema>

const common = {
  /** `urn:uuid:…` for ours; any IRI for imported ones. */
  id,
  briefingId: z.string().min(1).max(200),
  created: isoDateTime,
  modified: isoDateTime,
  tags: z.array(tag).max(100)
}

export const highlightSchema = z
  .object({
    ...common,
    kind: z.literal('highlight'),
    itemId,
    /** The item's title when the highlight was made (to follow a renumbered item). */
    itemTitle: z.string().max(1000),
    quote: quoteSchema,
    /** The selected text as it was displayed (for the user, when the anchor cannot be placed). */
    text: z.string().max(MAX_TEXT),
    position: positionSchema.optional(),
    /** sha256 of the item's canonical text when the position was taken. */
    itemHash: z.string().max(100).optional(),
    normalizer: z.number().int().min(0),
    color: z.enum(COLORS),
    /** Markdown. */
    comment: z.string().max(MAX_TEXT)
  })
  .strict()
export type Highlight = z.infer<typeof highlightSchema>

export const itemNoteSchema = z
  .object({
    ...common,
    kind: z.literal('note'),
    itemId,
    itemTitle: z.string().max(1000),
    /** Markdown. */
    text: z.string().max(MAX_TEXT)
  })
  .strict()
export type ItemNote = z.infer<typeof itemNoteSchema>

export const bookmarkSchema = z
  .object({
    ...common,
    kind: z.literal('bookmark'),
    /** Absent: the whole briefing. */
    itemId: itemId.optional(),
    itemTitle: z.string().max(1000).optional(),
    /** An optional one-line reason. */
    reason: z.string().max(1000),
    state: z.enum(BOOKMARK_STATES)
  })
  .strict()
export type Bookmark = z.infer<typeof bookmarkSchema>

export const ANNOTATION_KINDS = ['highlight', 'note', 'bookmark'] as const

export const annotationSchema = z.discriminatedUnion('kind', [highlightSchema, itemNoteSchema, bookmarkSchema])
export type Annotation = z.infer<typeof annotationSchema>
export type AnnotationKind = Annotation['kind']

export const trashEntrySchema = z.object({ annotation: annotationSchema, deletedAt: isoDateTime }).strict()
export type TrashEntry = z.infer<typeof trashEntrySchema>

export const colorMeaningsSchema = z
  .object(Object.fromEntries(COLORS.map((c) => [c, z.string().min(1).max(40)])) as Record<Color, z.ZodString>)
  .strict()

/** Everything the notes store holds. */
export const notesDataSchema = z
  .object({
    format: z.literal(NOTES_FORMAT),
    annotations: z.array(annotationSchema),
    trash: z.array(trashEntrySchema),
    colorMeanings: colorMeaningsSchema
  })
  .strict()
export type NotesData = z.infer<typeof notesDataSchema>

export function emptyNotes(): NotesData {
  return { format: NOTES_FORMAT, annotations: [], trash: [], colorMeanings: { ...DEFAULT_COLOR_MEANINGS } }
}

/** The deep links the app registers (briefing-reader://…). */
export const LINK_SCHEME = 'briefing-reader'
export const itemLink = (itemId: string): string => `${LINK_SCHEME}://item/${itemId}`
export const briefingLink = (briefingId: string): string => `${LINK_SCHEME}://briefing/${briefingId}`
export const noteLink = (noteId: string): string => `${LINK_SCHEME}://note/${encodeURIComponent(noteId)}`

/**
 * Where an annotation lands in the briefing's current text (anchor.ts): `exact` where it was, `moved` to
 * another item or place (renumbered item, shifted text), `fuzzy` found by approximate match (score 0–1),
 * `orphan` not placed (kept and listed as 위치를 찾지 못한 메모, never dropped). Offsets are in the current
 * item's raw text (item-text.ts `raw`), so callers can map them to blocks and table cells.
 */
export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphan'
export interface Placement {
  id: string
  status: AnchorStatus
  /** The item it is on now (absent for orphans and whole-briefing bookmarks). */
  itemId?: string
  /** Highlights: the range in the current item's raw text. */
  start?: number
  end?: number
  /** Fuzzy matches: the score that let it through. */
  score?: number
}

export type DeepLink = { kind: 'item' | 'briefing' | 'note'; id: string }

/**
 * Reads a `briefing-reader://item/<itemId>`, `…/briefing/<id>` or `…/note/<noteId>` link; null for anything
 * else (another scheme, an unknown kind, an id with characters ids never have).
 */
export function parseDeepLink(url: string): DeepLink | null {
  const match = /^briefing-reader:\/\/(item|briefing|note)\/(.+)$/i.exec(url.trim())
  if (!match) return null
  const kind = match[1].toLowerCase() as DeepLink['kind']
  let id: string
  try {
    id = decodeURIComponent(match[2].replace(/\/+$/, ''))
  } catch {
    return null
  }
  const valid =
    kind === 'note'
      ? /^[\w:.-]{1,200}$/.test(id)
      : kind === 'briefing'
        ? /^[a-z0-9][a-z0-9-]{0,199}$/.test(id)
        : /^[a-z0-9][a-z0-9-]{0,199}\/[A-Za-z0-9]{1,8}-[A-Za-z0-9]{1,8}$/.test(id)
  return valid ? { kind, id } : null
}
