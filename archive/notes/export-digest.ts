/**
 * A digest of notes across briefings (what the all-notes or bookmarks view shows), as one Markdown file
 * grouped by briefing, category or tag: an mdast tree written with mdast-util-to-markdown + GFM, like the
 * per-briefing export (export-markdown.ts), whose escaping and user-Markdown handling it shares.
 */
import type { Heading, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { gfmToMarkdown } from 'mdast-util-gfm'
import { toMarkdown } from 'mdast-util-to-markdown'
import { userMarkdown, yamlString } from './export-markdown.ts'
import type { Color } from './model.ts'
import { itemLink, noteLink } from './model.ts'
import type { AnnotationView } from './query-notes.ts'

export type DigestGrouping = 'briefing' | 'category' | 'tag'

export interface DigestInput {
  views: readonly AnnotationView[]
  groupBy: DigestGrouping
  colorMeanings: Record<Color, string>
  lang: 'ko' | 'en'
  /** ISO 8601 with offset. */
  exported: string
  /** What the list shows, for the title (`모든 메모`, `북마크`, a filter description). */
  title: string
}

const LABELS = {
  ko: { none: '(없음)', open: '앱에서 열기', unplaced: '위치를 찾지 못함', note: '메모', bookmark: '북마크', states: { unread: '읽지 않음', review: '검토 필요', done: '완료' } },
  en: { none: '(none)', open: 'Open in app', unplaced: 'not placed', note: 'Note', bookmark: 'Bookmark', states: { unread: 'Unread', review: 'Needs review', done: 'Done' } }
} as const

const text = (value: string): PhrasingContent => ({ type: 'text', value: value.normalize('NFC') })
const heading = (depth: 2 | 3, value: string): Heading => ({ type: 'heading', depth, children: [text(value)] })

function groupKeys(view: AnnotationView, groupBy: DigestGrouping, none: string): string[] {
  if (groupBy === 'briefing') return [`${view.briefing.published} ${view.briefing.series}`]
  if (groupBy === 'category') return [view.item?.category ?? none]
  return view.annotation.tags.length > 0 ? view.annotation.tags.map((t) => `#${t}`) : [none]
}

function entry(view: AnnotationView, input: DigestInput): RootContent[] {
  const labels = LABELS[input.lang]
  const a = view.annotation
  const where = view.item ? `${view.item.section}-${view.item.number} ${view.item.title}` : ''
  const out: RootContent[] = [heading(3, `${view.briefing.published} · ${where || view.briefing.series}`)]
  if (a.kind === 'highlight') {
    out.push({ type: 'blockquote', children: [{ type: 'paragraph', children: [text(view.quote ?? a.text)] }] })
    out.push(...userMarkdown(a.comment))
  } else if (a.kind === 'note') {
    out.push(...userMarkdown(a.text))
  }
  const meta: string[] = []
  if (a.kind === 'highlight') meta.push(input.colorMeanings[a.color])
  if (a.kind === 'note') meta.push(labels.note)
  if (a.kind === 'bookmark') meta.push(labels.bookmark, labels.states[a.state], ...(a.reason ? [a.reason] : []))
  if (a.tags.length > 0) meta.push(a.tags.map((t) => `#${t}`).join(' '))
  if (view.status === 'orphan') meta.push(labels.unplaced)
  meta.push(a.modified.slice(0, 10))
  const line: Paragraph = {
    type: 'paragraph',
    children: [
      text(`${meta.join(' · ')} · `),
      { type: 'link', url: view.itemId ? itemLink(view.itemId) : noteLink(a.id), children: [text(labels.open)] }
    ]
  }
  out.push(line)
  return out
}

export function exportNotesDigest(input: DigestInput): string {
  const none = LABELS[input.lang].none
  const groups = new Map<string, AnnotationView[]>()
  for (const view of input.views) {
    for (const key of groupKeys(view, input.groupBy, none)) {
      let list = groups.get(key)
      if (!list) groups.set(key, (list = []))
      list.push(view)
    }
  }
  const keys = [...groups.keys()].sort((x, y) =>
    input.groupBy === 'briefing' ? y.localeCompare(x) : x === none ? 1 : y === none ? -1 : x.localeCompare(y)
  )
  const root: Root = { type: 'root', children: [{ type: 'heading', depth: 1, children: [text(input.title)] }] }
  for (const key of keys) {
    root.children.push(heading(2, key))
    for (const view of groups.get(key) ?? []) root.children.push(...entry(view, input))
  }
  const body = toMarkdown(root, { extensions: [gfmToMarkdown()], bullet: '-', listItemIndent: 'one' })
  const tags = [...new Set(input.views.flatMap((v) => v.annotation.tags))].sort()
  const front = [
    '---',
    `title: ${yamlString(input.title)}`,
    `exported: ${yamlString(input.exported)}`,
    `notes: ${input.views.length}`,
    `grouped: ${yamlString(input.groupBy)}`,
    tags.length ? `tags:\n${tags.map((t) => `  - ${yamlString(t)}`).join('\n')}` : 'tags: []',
    '---',
    ''
  ].join('\n')
  return `${front}\n${body}`.normalize('NFC').replace(/\n*$/, '\n')
}
