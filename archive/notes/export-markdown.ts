/**
 * Markdown export of one briefing's notes, and the merge that re-exports into a file the user has edited.
 *
 * The document is an mdast tree serialised by mdast-util-to-markdown with the GFM extension, so every
 * Markdown-active character of a quoted sentence, a title or a reason is escaped (`바이두\*는`, `\* 각주`,
 * `\<ul>`), while comments and item notes (Markdown) are parsed and written back as Markdown. The YAML
 * front matter comes from a small serializer below (double-quoted strings, a number, a list).
 *
 * Everything the exporter writes sits in a managed region, one line of HTML comment before and after:
 *
 *     <!-- briefing-reader:title -->                     the `# <series> — <published>` heading
 *     <!-- briefing-reader:section id=I -->              `## I. 정책동향`
 *     <!-- briefing-reader:item id=<itemId> -->          `### I-01 …` and its category · date · link line
 *     <!-- briefing-reader:note id=<noteId> in=<place> -->  one highlight, item note or bookmark
 *     <!-- briefing-reader:references id=<itemId> -->    the item's references as links
 *     <!-- briefing-reader:unplaced -->                  `## 위치를 찾지 못한 메모`
 *
 * each closed by `<!-- /briefing-reader:<kind> -->`; `<place>` is the item id the note sits under,
 * `briefing` (a whole-briefing bookmark) or `unplaced`. Attribute values are percent-encoded where they hold
 * `%`, spaces, quotes, `<` or `>`. The front matter (between the first two `---` lines) is managed too.
 *
 * mergeMarkdown(existing, generated) rewrites an existing export:
 * - a region whose kind and id (and, for a note, place) are in the new export is replaced in place by the
 *   new text; text inside a region belongs to the exporter and is rewritten;
 * - a region that is no longer generated (a deleted note, an item left without notes) is removed, with the
 *   blank lines around it (removed, not marked: a deleted note stays 30 days in the store's trash, with
 *   undo, and the next export brings it back if it is restored); a note that changed place (moved to
 *   another item, or became unplaced) is removed where it was and inserted at its new place;
 * - a new region goes right before the next region of the new export that the file already has (so a new
 *   note lands after the notes and text already under its item, before the item's references or the next
 *   heading), or right after the previous one when none follows; a file with none of our regions gets
 *   them all after its front matter, before its own text;
 * - every byte outside the regions stays, in its order, between the same regions; marker lines that do not
 *   pair up (a start without its end) count as the user's text;
 * - the front matter's keys are rewritten; keys the user added to it are kept after ours.
 * Regions are recognised by their marker lines only, so the user may move a whole region: it stays where
 * it was put.
 */
import type { BlockContent, Html, Nodes, Paragraph, PhrasingContent, Root, RootContent, TableCell, TableRow } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm'
import { defaultHandlers, toMarkdown, type Options as ToMarkdownOptions } from 'mdast-util-to-markdown'
import { gfm } from 'micromark-extension-gfm'
import type { Briefing, Item } from '../model/briefing.ts'
import { itemReferences } from '../model/briefing.ts'
import { itemText, spansIn, type ItemText, type TextSpan } from './item-text.ts'
import {
  briefingLink,
  COLORS,
  DEFAULT_COLOR_MEANINGS,
  itemLink,
  noteLink,
  type Annotation,
  type Bookmark,
  type BookmarkState,
  type Color,
  type Highlight,
  type ItemNote,
  type Placement
} from './model.ts'

export type ExportLang = 'ko' | 'en'

export interface MarkdownExportInput {
  briefing: Briefing
  /** Annotations of this briefing (others are ignored). */
  annotations: readonly Annotation[]
  /** Where each annotation lands in the briefing's current text, by annotation id (anchor.ts). */
  placements: ReadonlyMap<string, Placement>
  colorMeanings: Record<Color, string>
  lang: ExportLang
  /** When the export was made: ISO 8601 with offset, e.g. 2026-04-12T09:30:00+09:00. */
  exported: string
}

/** The file name a briefing's export gets by default. */
export function markdownFileName(briefingId: string): string {
  return `${briefingId}.md`
}

interface Labels {
  open: string
  unplaced: string
  references: string
  sources: string
  bookmark: string
  wholeBriefing: string
  note: string
  wasOn: string
  states: Record<BookmarkState, string>
  /** Replaces a colour meaning still at its default (the defaults are Korean). */
  colors?: Record<Color, string>
}

const LABELS: Record<ExportLang, Labels> = {
  ko: {
    open: '앱에서 열기',
    unplaced: '위치를 찾지 못한 메모',
    references: '참고자료',
    sources: '출처',
    bookmark: '북마크',
    wholeBriefing: '브리핑 전체',
    note: '메모',
    wasOn: '원래 항목',
    states: { unread: '읽지 않음', review: '검토 필요', done: '완료' }
  },
  en: {
    open: 'Open in app',
    unplaced: 'Unplaced notes',
    references: 'References',
    sources: 'Sources',
    bookmark: 'Bookmark',
    wholeBriefing: 'whole briefing',
    note: 'Note',
    wasOn: 'Was on',
    states: { unread: 'Unread', review: 'Needs review', done: 'Done' },
    colors: {
      yellow: 'Important',
      red: 'Needs review',
      green: 'Quote',
      blue: 'Background',
      purple: 'Figures',
      orange: 'Follow-up'
    }
  }
}

const SEP = ' · '
const MARKER_PREFIX = 'briefing-reader:'

const FROM_MARKDOWN = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }
const TO_MARKDOWN: ToMarkdownOptions = {
  extensions: [gfmToMarkdown({ tablePipeAlign: false })],
  bullet: '-',
  rule: '-',
  listItemIndent: 'one',
  fences: true,
  handlers: {
    // most text has nothing to escape: skip the escaper's pattern scan for it (the same output, faster)
    text: (node, parent, state, info) => (isInertText(node.value) ? node.value : defaultHandlers.text(node, parent, state, info))
  }
}

/**
 * True when no escape can apply to this text wherever it stands (paragraph, heading, table cell, link
 * label; at the start of a line or next to any other node): none of the characters Markdown or GFM give a
 * meaning in running text, none of the line-start ones at its start, nothing that ends in a construct at
 * its end (a heading's closing `#`, a hard break), no autolink literal. Tested against the escaper.
 */
export function isInertText(value: string): boolean {
  return (
    value !== '' &&
    !/[\\`*_[\]<>&|~!@\u0000-\u001f\u007f]|:\/|www\./i.test(value) &&
    !/^(?:[-+=#>(.):\s]|\d+[.)])/.test(value) &&
    !/[#:\s]$/.test(value)
  )
}

// ---------------------------------------------------------------------------------------------------------
// Export

export function exportBriefingMarkdown(input: MarkdownExportInput): string {
  const { briefing, placements, lang } = input
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(input.exported)) {
    throw new RangeError(`exported must be ISO 8601 with an offset, got ${JSON.stringify(input.exported)}`)
  }
  const labels = LABELS[lang]
  const meanings = colorMeanings(input.colorMeanings, labels)
  const annotations = input.annotations.filter((a) => a.briefingId === briefing.id)

  const items = new Map<string, Item>()
  for (const section of briefing.sections) for (const item of section.items) items.set(item.id, item)
  const texts = new Map<string, ItemText>()
  const textOf = (item: Item): ItemText => {
    let text = texts.get(item.id)
    if (!text) texts.set(item.id, (text = itemText(item)))
    return text
  }

  // where each annotation goes
  const byItem = new Map<string, Placed[]>()
  const wholeBriefing: Placed[] = []
  const unplaced: Annotation[] = []
  for (const annotation of annotations) {
    const placed = place(annotation, placements.get(annotation.id), items, textOf)
    if (placed === null) unplaced.push(annotation)
    else if (placed.itemId === undefined) wholeBriefing.push(placed)
    else {
      const list = byItem.get(placed.itemId) ?? []
      list.push(placed)
      byItem.set(placed.itemId, list)
    }
  }

  const tags = new Set<string>()
  for (const annotation of annotations) for (const tag of annotation.tags) tags.add(oneLine(tag))

  const children: RootContent[] = []
  const title = `${oneLine(briefing.series)} — ${briefing.published}`
  children.push(...region('title', {}, [heading(1, title)]))
  for (const placed of sortPlaced(wholeBriefing)) {
    children.push(...region('note', { id: placed.annotation.id, in: 'briefing' }, noteBody(placed, labels, meanings)))
  }
  for (const section of briefing.sections) {
    const withNotes = section.items.filter((item) => byItem.has(item.id))
    if (withNotes.length === 0) continue
    children.push(...region('section', { id: section.number }, [heading(2, `${section.number}. ${oneLine(section.title)}`)]))
    for (const item of withNotes) {
      children.push(...region('item', { id: item.id }, [heading(3, itemHeading(item)), itemLine(item, labels)]))
      for (const placed of sortPlaced(byItem.get(item.id) ?? [])) {
        children.push(...region('note', { id: placed.annotation.id, in: item.id }, noteBody(placed, labels, meanings)))
      }
      const references = referencesBody(item, labels)
      if (references.length > 0) children.push(...region('references', { id: item.id }, references))
    }
  }
  if (unplaced.length > 0) {
    children.push(...region('unplaced', {}, [heading(2, labels.unplaced)]))
    for (const annotation of sortUnplaced(unplaced)) {
      children.push(...region('note', { id: annotation.id, in: 'unplaced' }, unplacedBody(annotation, briefing, labels, meanings)))
    }
  }

  const frontMatter = yamlFrontMatter([
    ['title', title],
    ['series', oneLine(briefing.series)],
    ['briefing', briefing.id],
    ['published', briefing.published],
    ['publisher', oneLine(briefing.publisher)],
    ['link', briefingLink(briefing.id)],
    ['exported', input.exported],
    ['notes', annotations.length],
    ['tags', [...tags].sort(compareCodePoints)]
  ])
  const body = toMarkdown({ type: 'root', children } satisfies Root, TO_MARKDOWN)
  return `${frontMatter}\n${body}`.normalize('NFC').replace(/\n*$/, '\n')
}

/** An annotation with the item it is shown under and, for a highlight, its range in that item's text. */
interface Placed {
  annotation: Annotation
  itemId?: string
  text?: ItemText
  item?: Item
  start?: number
  end?: number
}

function place(
  annotation: Annotation,
  placement: Placement | undefined,
  items: Map<string, Item>,
  textOf: (item: Item) => ItemText
): Placed | null {
  if (placement?.status === 'orphan') return null
  if (annotation.kind === 'highlight') {
    // a highlight is shown only where its anchor was resolved: never guessed from stale offsets
    const item = placement?.itemId === undefined ? undefined : items.get(placement.itemId)
    if (!item || placement?.start === undefined || placement.end === undefined) return null
    const text = textOf(item)
    const { start, end } = placement
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.raw.length)) return null
    return { annotation, itemId: item.id, item, text, start, end }
  }
  const itemId = placement?.itemId ?? annotation.itemId
  if (itemId === undefined) return annotation.kind === 'bookmark' ? { annotation } : null
  const item = items.get(itemId)
  return item ? { annotation, itemId, item } : null
}

const KIND_ORDER: Record<Annotation['kind'], number> = { highlight: 0, note: 1, bookmark: 2 }

/** Highlights by their place in the item, then item notes, then bookmarks; ties by creation. */
function sortPlaced(list: Placed[]): Placed[] {
  return [...list].sort(
    (a, b) =>
      KIND_ORDER[a.annotation.kind] - KIND_ORDER[b.annotation.kind] ||
      (a.start ?? 0) - (b.start ?? 0) ||
      (a.end ?? 0) - (b.end ?? 0) ||
      compareCodePoints(a.annotation.created, b.annotation.created) ||
      compareCodePoints(a.annotation.id, b.annotation.id)
  )
}

function sortUnplaced(list: Annotation[]): Annotation[] {
  return [...list].sort(
    (a, b) =>
      compareCodePoints(a.created, b.created) || compareCodePoints(a.id, b.id)
  )
}

function colorMeanings(given: Record<Color, string>, labels: Labels): Record<Color, string> {
  const out = {} as Record<Color, string>
  for (const color of COLORS) {
    const meaning = oneLine(given[color] ?? DEFAULT_COLOR_MEANINGS[color])
    out[color] = labels.colors && meaning === DEFAULT_COLOR_MEANINGS[color] ? labels.colors[color] : meaning
  }
  return out
}

function itemHeading(item: Item): string {
  return `${item.section}-${item.number} ${oneLine(item.title)}`
}

/** `기술전략 · 2025-11-06 · [앱에서 열기](briefing-reader://item/…)`. */
function itemLine(item: Item, labels: Labels): Paragraph {
  const parts = [item.category, item.date].filter((p): p is string => p !== undefined && p !== '').map(oneLine)
  const children: PhrasingContent[] = []
  if (parts.length > 0) children.push(text(parts.join(SEP) + SEP))
  children.push(link(itemLink(item.id), labels.open))
  return { type: 'paragraph', children }
}

function noteBody(placed: Placed, labels: Labels, meanings: Record<Color, string>): RootContent[] {
  const { annotation } = placed
  switch (annotation.kind) {
    case 'highlight': {
      const { item, text: t, start, end } = placed
      const quote = item && t && start !== undefined && end !== undefined ? quoteBlock(item, t, start, end) : []
      return [...quote, ...userMarkdown(annotation.comment), highlightLine(annotation, meanings)]
    }
    case 'note':
      return [...userMarkdown(annotation.text), noteLine(annotation, labels)]
    case 'bookmark':
      return [bookmarkLine(annotation, labels)]
  }
}

function unplacedBody(annotation: Annotation, briefing: Briefing, labels: Labels, meanings: Record<Color, string>): RootContent[] {
  const body: RootContent[] = []
  switch (annotation.kind) {
    case 'highlight':
      body.push(...blockquote(lines(annotation.text.trim() !== '' ? annotation.text : annotation.quote.exact)))
      body.push(...userMarkdown(annotation.comment), highlightLine(annotation, meanings))
      break
    case 'note':
      body.push(...userMarkdown(annotation.text), noteLine(annotation, labels))
      break
    case 'bookmark':
      body.push(bookmarkLine(annotation, labels))
  }
  const where: PhrasingContent[] = []
  if (annotation.itemId !== undefined) {
    const local = annotation.itemId.startsWith(`${briefing.id}/`) ? annotation.itemId.slice(briefing.id.length + 1) : annotation.itemId
    const title = annotation.itemTitle ? ` ${oneLine(annotation.itemTitle)}` : ''
    where.push(text(`${labels.wasOn}: ${local}${title}${SEP}`))
  }
  where.push(link(noteLink(annotation.id), labels.open))
  body.push({ type: 'paragraph', children: where })
  return body
}

/** `중요 · #태그 #tag · 2026-04-01`. */
function highlightLine(h: Highlight, meanings: Record<Color, string>): Paragraph {
  return metaLine([meanings[h.color], tagList(h.tags), day(h.created)])
}

function noteLine(n: ItemNote, labels: Labels): Paragraph {
  return metaLine([labels.note, tagList(n.tags), day(n.created)])
}

/** `북마크 · 검토 필요 · 이유 · #tag · 2026-04-01`. */
function bookmarkLine(b: Bookmark, labels: Labels): Paragraph {
  const label = b.itemId === undefined ? `${labels.bookmark} (${labels.wholeBriefing})` : labels.bookmark
  return metaLine([label, labels.states[b.state], oneLine(b.reason), tagList(b.tags), day(b.created)])
}

function metaLine(parts: string[]): Paragraph {
  return { type: 'paragraph', children: [text(parts.filter((p) => p !== '').join(SEP))] }
}

function tagList(tags: readonly string[]): string {
  return tags.map((t) => `#${oneLine(t)}`).join(' ')
}

const day = (iso: string): string => iso.slice(0, 10)

/**
 * The quoted text: the current text of the highlighted range, as a GFM table (header row and the rows it
 * touches, the highlighted part in bold) when it lies in table cells of one table, else as a blockquote with
 * one paragraph per block. A line that starts a footnote keeps its marker (`* …`), as printed.
 */
function quoteBlock(item: Item, t: ItemText, start: number, end: number): RootContent[] {
  const spans = spansIn(t, start, end)
  const cells = spans.filter((s) => s.cell !== undefined)
  if (spans.length > 0 && cells.length === spans.length && cells.every((s) => s.block === cells[0].block)) {
    const table = tableBlock(item, t, cells[0].block, start, end)
    if (table) return [table]
  }
  const out: string[] = []
  let offset = start
  for (const line of t.raw.slice(start, end).split('\n')) {
    const span = t.spans.find((s) => s.start === offset)
    const block = span && span.cell === undefined ? item.blocks[span.block] : undefined
    out.push(block?.kind === 'footnote' ? `${block.marker} ${line}` : line)
    offset += line.length + 1
  }
  return blockquote(out)
}

function tableBlock(item: Item, t: ItemText, blockIndex: number, start: number, end: number): RootContent | null {
  const block = item.blocks[blockIndex]
  if (block?.kind !== 'table') return null
  const spanOf = new Map<string, TextSpan>()
  for (const s of t.spans) if (s.block === blockIndex && s.cell) spanOf.set(`${s.cell.row}:${s.cell.column}`, s)
  const rows = [...new Set(spansIn(t, start, end).map((s) => s.cell?.row ?? -1))].filter((r) => r >= 0).sort((a, b) => a - b)
  const width = Math.max(block.table.columns.length, ...rows.map((r) => block.table.rows[r]?.length ?? 0))
  const row = (r: number, texts: string[]): TableRow => ({
    type: 'tableRow',
    children: Array.from({ length: width }, (_, column): TableCell => {
      const value = oneLine(texts[column] ?? '')
      const span = spanOf.get(`${r}:${column}`)
      return { type: 'tableCell', children: span ? marked(value, start - span.start, end - span.start) : plain(value) }
    })
  })
  return {
    type: 'table',
    align: Array.from({ length: width }, () => null),
    children: [row(-1, block.table.columns), ...rows.map((r) => row(r, (block.table.rows[r] ?? []).map((c) => c.text)))]
  }
}

/** A cell's text with [from, to) (clamped, trimmed of spaces) in bold. */
function marked(value: string, from: number, to: number): PhrasingContent[] {
  let a = Math.max(0, from)
  let b = Math.min(value.length, to)
  while (a < b && /\s/.test(value[a])) a++
  while (b > a && /\s/.test(value[b - 1])) b--
  if (a >= b) return plain(value)
  // `**` cannot open before punctuation glued to a word (`가**'나'**`), nor close after it (`**30%**를`):
  // such an edge grows to the end of the word rather than be written as character references
  if (PUNCTUATION.test(value[a])) while (a > 0 && isWordChar(value[a - 1])) a--
  if (PUNCTUATION.test(value[b - 1])) while (b < value.length && isWordChar(value[b])) b++
  const out: PhrasingContent[] = []
  if (a > 0) out.push(text(value.slice(0, a)))
  out.push({ type: 'strong', children: [text(value.slice(a, b))] })
  if (b < value.length) out.push(text(value.slice(b)))
  return out
}

const PUNCTUATION = /[\p{P}\p{S}]/u
const isWordChar = (c: string): boolean => !/\s/u.test(c) && !PUNCTUATION.test(c)

function blockquote(quoteLines: string[]): RootContent[] {
  const paragraphs = quoteLines.filter((l) => l.trim() !== '').map((l): Paragraph => ({ type: 'paragraph', children: [text(l)] }))
  return paragraphs.length > 0 ? [{ type: 'blockquote', children: paragraphs }] : []
}

function referencesBody(item: Item, labels: Labels): RootContent[] {
  const references = itemReferences(item)
  if (references.length === 0) return []
  const onlySources = !item.blocks.some((b) => b.kind === 'reference')
  return [
    { type: 'paragraph', children: [text(onlySources ? labels.sources : labels.references)] },
    {
      type: 'list',
      ordered: false,
      spread: false,
      children: references.map((r) => ({
        type: 'listItem',
        spread: false,
        children: [{ type: 'paragraph', children: [link(r.url, oneLine(r.title) || r.url)] }]
      }))
    }
  ]
}

/**
 * User Markdown (a comment, an item note) as mdast, so that it is written back as Markdown but cannot break
 * out of its place: raw HTML becomes text (as the app renders it: raw HTML off), an unclosed fence is closed.
 */
export function userMarkdown(source: string): RootContent[] {
  const value = source.replace(/\r\n?/g, '\n').normalize('NFC')
  if (value.trim() === '') return []
  const plain = plainParagraphs(value)
  if (plain) return plain
  const tree = fromMarkdown(value, FROM_MARKDOWN)
  return tree.children.map((node) => defuse(node) as RootContent)
}

/**
 * The paragraphs of Markdown in which no construct can start (most comments: plain sentences), as the
 * parser would read them; null when the text needs the parser. Tested against the parser.
 */
export function plainParagraphs(value: string): Paragraph[] | null {
  if (/[\\`*_[\]<>&|~!@\u0000-\u0009\u000b-\u001f\u007f\ufeff]|:\/\/|www\./i.test(value)) return null
  const paragraphs: Paragraph[] = []
  let lines: string[] = []
  const flush = (): void => {
    if (lines.length > 0) paragraphs.push({ type: 'paragraph', children: [text(lines.join('\n'))] })
    lines = []
  }
  for (const line of value.split('\n')) {
    if (/^ *$/.test(line)) {
      flush()
      continue
    }
    // indented code, line-start constructs (lists, quotes, headings, setext and table rows), trailing spaces
    if (/^ {4}| $|^ *(?:[-+=#>:]|\d{1,9}[.)])/.test(line)) return null
    lines.push(line.replace(/^ +/, ''))
  }
  flush()
  return paragraphs
}

function defuse(node: Nodes, flow = true): Nodes {
  if (node.type === 'html') return flow ? { type: 'paragraph', children: [text(node.value)] } : text(node.value)
  if (!('children' in node)) return node
  const flowChildren = FLOW_PARENTS.has(node.type)
  return { ...node, children: (node.children as Nodes[]).map((child) => defuse(child, flowChildren)) } as Nodes
}

/** Nodes whose children are blocks (an html child of theirs is an HTML block, not inline HTML). */
const FLOW_PARENTS = new Set<string>(['root', 'blockquote', 'listItem', 'footnoteDefinition'])

function region(kind: string, attrs: Record<string, string>, body: RootContent[]): RootContent[] {
  const attributes = Object.entries(attrs)
    .map(([k, v]) => ` ${k}=${encodeAttribute(v)}`)
    .join('')
  return [html(`<!-- ${MARKER_PREFIX}${kind}${attributes} -->`), ...body, html(`<!-- /${MARKER_PREFIX}${kind} -->`)]
}

function encodeAttribute(value: string): string {
  return value.replace(/[%\s<>"'\u0000-\u001f\u007f]/gu, (c) => encodeURIComponent(c))
}

function decodeAttribute(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

const html = (value: string): Html => ({ type: 'html', value })
// texts are NFC before they are escaped, so that no escape lands between a character and its combining mark
const text = (value: string): PhrasingContent => ({ type: 'text', value: value.normalize('NFC') })
const plain = (value: string): PhrasingContent[] => (value === '' ? [] : [text(value)])
const link = (url: string, label: string): PhrasingContent => ({ type: 'link', url, children: [text(label)] })
const heading = (depth: 1 | 2 | 3, value: string): BlockContent => ({ type: 'heading', depth, children: [text(value)] })

/** One line of plain text: line breaks and tabs become spaces. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t\u2028\u2029]+/g, ' ')
}

/** A highlight's lines (no CR). */
function lines(value: string): string[] {
  return value.replace(/\r\n?/g, '\n').split('\n')
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

// ---------------------------------------------------------------------------------------------------------
// YAML front matter

type YamlValue = string | number | string[]

function yamlFrontMatter(entries: Array<[string, YamlValue]>): string {
  const out = ['---']
  for (const [key, value] of entries) {
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(`${key}: []`)
      else out.push(`${key}:`, ...value.map((v) => `  - ${yamlString(v)}`))
    } else out.push(`${key}: ${typeof value === 'number' ? String(value) : yamlString(value)}`)
  }
  out.push('---')
  return out.join('\n') + '\n'
}

const YAML_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\0': '\\0',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\u001b': '\\e',
  '\u0085': '\\N',
  '\u00a0': '\\_',
  '\u2028': '\\L',
  '\u2029': '\\P'
}

/** A YAML double-quoted scalar: every string is quoted, so no value turns into a date, number or bool. */
export function yamlString(value: string): string {
  const escaped = value.replace(
    /[\\"\u0000-\u001f\u007f-\u009f\u00a0\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => {
      if (YAML_ESCAPES[c] !== undefined) return YAML_ESCAPES[c]
      const code = c.charCodeAt(0)
      if (code >= 0xd800 && code <= 0xdfff) return '\\uFFFD'
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0').toUpperCase()}` : `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`
    }
  )
  return `"${escaped}"`
}

// ---------------------------------------------------------------------------------------------------------
// Managed regions and merging

/** A managed region: its marker lines and everything between, up to and including the end line's newline. */
export interface ManagedRegion {
  kind: string
  /** The `id=` attribute, decoded; '' when the kind has none (title, unplaced). */
  id: string
  attrs: Record<string, string>
  text: string
}

export type Segment = { type: 'text'; text: string } | { type: 'region'; region: ManagedRegion }

export interface ParsedExport {
  /** The front matter, `---` to `---` with its newline; null when the file has none. */
  frontMatter: string | null
  /** Text then region then text …: always starts and ends with a text segment (possibly ''). */
  segments: Segment[]
}

const MARKER = /^<!-- (\/?)briefing-reader:([a-z][a-z-]*)((?: [a-z][a-z-]*=[^\s]+)*) -->[ \t]*\r?\n?$/

interface Marker {
  end: boolean
  kind: string
  attrs: Record<string, string>
}

function parseMarker(line: string): Marker | null {
  if (!line.startsWith('<!-- ')) return null
  const m = MARKER.exec(line)
  if (!m) return null
  const attrs: Record<string, string> = {}
  for (const pair of m[3].trim().split(' ')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    attrs[pair.slice(0, eq)] = decodeAttribute(pair.slice(eq + 1))
  }
  return { end: m[1] === '/', kind: m[2], attrs }
}

/** Splits an exported file into its front matter, the managed regions and the text between them. */
export function parseExport(file: string): ParsedExport {
  const source = file.startsWith('\ufeff') ? file.slice(1) : file
  let frontMatter: string | null = null
  let body = source
  if (/^---[ \t]*\r?\n/.test(source)) {
    const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m
    const firstLineEnd = source.indexOf('\n') + 1
    const rest = source.slice(firstLineEnd)
    const m = close.exec(rest)
    if (m) {
      const endAt = firstLineEnd + m.index + m[0].length
      frontMatter = source.slice(0, endAt)
      body = source.slice(endAt)
    }
  }
  const lines = body.split(/(?<=\n)/)
  const markers = lines.map(parseMarker)
  const segments: Segment[] = []
  let pending = ''
  for (let i = 0; i < lines.length; i++) {
    const marker = markers[i]
    if (marker && !marker.end) {
      let j = i + 1
      while (j < lines.length && !markers[j]) j++
      const close = markers[j]
      if (j < lines.length && close?.end && close.kind === marker.kind) {
        segments.push({ type: 'text', text: pending })
        pending = ''
        const regionText = lines.slice(i, j + 1).join('')
        segments.push({
          type: 'region',
          region: { kind: marker.kind, id: marker.attrs.id ?? '', attrs: marker.attrs, text: regionText }
        })
        i = j
        continue
      }
    }
    pending += lines[i]
  }
  segments.push({ type: 'text', text: pending })
  return { frontMatter, segments }
}

const regionKey = (r: ManagedRegion): string => `${r.kind}\u0000${r.id}`
const samePlace = (a: ManagedRegion, b: ManagedRegion): boolean => (a.attrs.in ?? '') === (b.attrs.in ?? '')
const isBlank = (s: string): boolean => /^[ \t\r\n]*$/.test(s)

/**
 * Re-export into an existing file: rewrites the front matter and the managed regions, keeps everything
 * else where it was (see the rules at the top of this file). `merge(generated, generated) === generated`,
 * and merging a new export into an unedited old one gives the new export.
 */
export function mergeMarkdown(existing: string, generated: string): string {
  const old = parseExport(existing)
  const fresh = parseExport(generated)
  const freshRegions = fresh.segments.flatMap((s) => (s.type === 'region' ? [s.region] : []))
  const freshByKey = new Map<string, ManagedRegion>()
  for (const r of freshRegions) if (!freshByKey.has(regionKey(r))) freshByKey.set(regionKey(r), r)

  // 1. keep the old file's text and the regions still generated at the same place (rewritten); drop the rest
  type Out = { type: 'text'; text: string } | { type: 'region'; region: ManagedRegion; key: string }
  const kept: Out[] = []
  const present = new Set<string>()
  let dropped = false
  old.segments.forEach((segment, index) => {
    if (segment.type === 'text') {
      const last = kept[kept.length - 1]
      if (dropped && last?.type === 'text') last.text = joinTexts(last.text, segment.text, index === old.segments.length - 1)
      else kept.push({ type: 'text', text: segment.text })
      dropped = false
      return
    }
    const key = regionKey(segment.region)
    const replacement = freshByKey.get(key)
    if (replacement && samePlace(segment.region, replacement)) {
      kept.push({ type: 'region', region: replacement, key })
      present.add(key)
    } else dropped = true
  })

  // 2. new regions: before the next region of the new export that the file has, else after the previous one
  const before = new Map<string, ManagedRegion[]>()
  const after = new Map<string, ManagedRegion[]>()
  const top: ManagedRegion[] = []
  const nextPresent: Array<string | undefined> = new Array(freshRegions.length)
  for (let i = freshRegions.length - 1, next: string | undefined; i >= 0; i--) {
    nextPresent[i] = next
    const key = regionKey(freshRegions[i])
    if (present.has(key)) next = key
  }
  let previous: string | undefined
  const placed = new Set<string>()
  freshRegions.forEach((r, i) => {
    const key = regionKey(r)
    if (present.has(key)) {
      previous = key
      return
    }
    if (placed.has(key)) return
    placed.add(key)
    const successor = nextPresent[i]
    if (successor !== undefined) push(before, successor, r)
    else if (previous !== undefined) push(after, previous, r)
    else top.push(r)
  })

  // 3. write it out
  let body = ''
  const emitted = new Set<string>()
  if (top.length > 0) {
    // nothing of the new export is in the file yet: the regions first, then whatever the file held
    body += top.map((r) => '\n' + ensureNewline(r.text)).join('')
    const rest = kept.map((s) => (s.type === 'text' ? s.text : s.region.text)).join('')
    kept.length = 0
    if (!isBlank(rest)) body += (rest.startsWith('\n') ? '' : '\n') + rest
  }
  for (const segment of kept) {
    if (segment.type === 'text') {
      body += segment.text
      continue
    }
    const first = !emitted.has(segment.key)
    emitted.add(segment.key)
    if (first) for (const r of before.get(segment.key) ?? []) body += ensureNewline(r.text) + '\n'
    body += segment.region.text
    if (first) for (const r of after.get(segment.key) ?? []) body += '\n' + ensureNewline(r.text)
  }

  const frontMatter = mergeFrontMatter(old.frontMatter, fresh.frontMatter)
  if (old.frontMatter === null && frontMatter !== null && body !== '' && !body.startsWith('\n')) body = '\n' + body
  const out = (frontMatter ?? '') + body
  return out === '' || out.endsWith('\n') ? out : out + '\n'
}

/**
 * The text left and right of a dropped region: blank separators collapse to one (none at the end of the
 * file), the user's text on either side is kept.
 */
function joinTexts(left: string, right: string, atEnd: boolean): string {
  if (isBlank(left) && isBlank(right)) return atEnd ? '' : left
  if (isBlank(left)) return right
  if (isBlank(right)) return left
  return left + right
}

function push(map: Map<string, ManagedRegion[]>, key: string, r: ManagedRegion): void {
  const list = map.get(key)
  if (list) list.push(r)
  else map.set(key, [r])
}

const ensureNewline = (s: string): string => (s.endsWith('\n') ? s : s + '\n')

/** The new front matter, followed by the entries the user added to the old one (keys we do not write). */
function mergeFrontMatter(old: string | null, fresh: string | null): string | null {
  if (fresh === null) return old
  if (old === null) return fresh
  const ours = new Set(frontMatterLines(fresh).flatMap((line) => (topLevelKey(line) === null ? [] : [topLevelKey(line) as string])))
  const userLines: string[] = []
  let keep = true
  let sawKey = false
  for (const line of frontMatterLines(old)) {
    const key = topLevelKey(line)
    if (key !== null) {
      sawKey = true
      keep = !ours.has(key)
    } else if (!sawKey) keep = true
    if (keep) userLines.push(line)
  }
  while (userLines.length > 0 && userLines[userLines.length - 1].trim() === '') userLines.pop()
  if (userLines.length === 0) return fresh
  const freshLines = frontMatterLines(fresh)
  return ['---', ...freshLines, ...userLines.map((l) => l.replace(/\r$/, '')), '---'].join('\n') + '\n'
}

/** The lines between the front matter's fences. */
function frontMatterLines(frontMatter: string): string[] {
  const lines = frontMatter.replace(/\r?\n$/, '').split('\n')
  return lines.slice(1, -1)
}

function topLevelKey(line: string): string | null {
  const m = /^(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_][^:\s]*))[ \t]*:(?:[ \t]|\r?$)/.exec(line)
  return m ? (m[1] ?? m[2] ?? m[3]) : null
}
