/**
 * The Markdown reader: YAML front matter (title, publisher, date or published, author, url) becomes the
 * document's metadata; the body is parsed to an mdast tree (mdast-util-from-markdown with GFM) and written in
 * the line convention of types.ts: headings `#`, list items `-` (ordered ones keep their number), GFM tables as
 * pipe rows, links `[text](url)`, images their alt text. Raw HTML becomes its text content, never HTML.
 */
import type { Nodes, Parent, PhrasingContent, Root, RootContent, Table } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { parseHTML } from 'linkedom'
import { parse as parseYaml } from 'yaml'
import { decodeText } from './decode.ts'
import { cleanControls } from './text.ts'
import { ImportError, type DocumentMeta, type ExtractedDocument } from './types.ts'

interface FrontMatter {
  meta: DocumentMeta
  body: string
  notes: string[]
}

/** YYYY-MM-DD from a front matter date (`2024-10-11`, `2024.10.11`, `2024/10/11`, with a time or not). */
export function frontMatterDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10)
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const m = /^\s*(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d)/.exec(String(value))
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

const scalar = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined

function splitFrontMatter(text: string): FrontMatter {
  const notes: string[] = []
  const m = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text)
  if (!m) return { meta: {}, body: text, notes }
  let data: unknown
  try {
    data = parseYaml(m[1], { maxAliasCount: 100 })
  } catch (error) {
    notes.push(`front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); kept as text`)
    return { meta: {}, body: text, notes }
  }
  if (data === null || data === undefined) return { meta: {}, body: text.slice(m[0].length), notes }
  if (typeof data !== 'object' || Array.isArray(data)) {
    notes.push('front matter is not a list of keys; kept as text')
    return { meta: {}, body: text, notes }
  }
  const fm = data as Record<string, unknown>
  const meta: DocumentMeta = {}
  const title = scalar(fm.title)
  const publisher = scalar(fm.publisher)
  const author = scalar(fm.author)
  const url = scalar(fm.url) ?? scalar(fm.source)
  if (title) meta.title = title
  if (publisher) meta.publisher = publisher
  if (author) meta.author = author
  if (url) meta.url = url
  const rawDate = fm.date ?? fm.published
  if (rawDate !== undefined) {
    const published = frontMatterDate(rawDate)
    if (published) meta.published = published
    else notes.push(`front matter date not understood: ${String(rawDate).slice(0, 40)}`)
  }
  return { meta, body: text.slice(m[0].length), notes }
}

interface HtmlLike {
  textContent: string | null
  querySelectorAll(selector: string): ArrayLike<{ remove(): void }>
}

/** The text content of a piece of raw HTML (scripts and styles dropped); `<br>` is a line break. */
export function htmlText(html: string): string {
  const t = html.trim()
  if (/^<br\s*\/?>$/i.test(t)) return '\n'
  // a lone tag or comment (inline HTML comes one tag at a time) has no text: no need for a parser
  if (/^<\/?[a-z][^<>]*>$/i.test(t) || /^<!--[\s\S]*?-->$/.test(t)) return ''
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`)
  const body = (document as unknown as { body: HtmlLike }).body
  for (const el of Array.from(body.querySelectorAll('script, style, template'))) el.remove()
  return body.textContent ?? ''
}

class Writer {
  readonly definitions = new Map<string, string>()

  inline(nodes: readonly (PhrasingContent | Nodes)[]): string {
    return nodes.map((n) => this.phrase(n)).join('')
  }

  private phrase(node: PhrasingContent | Nodes): string {
    switch (node.type) {
      case 'text':
        return node.value.replace(/\n/g, ' ')
      case 'inlineCode':
        return node.value
      case 'break':
        return '\n'
      case 'html':
        return htmlText(node.value)
      case 'image':
        return node.alt ?? ''
      case 'imageReference':
        return node.alt ?? ''
      case 'link':
        return this.link(this.inline(node.children), node.url)
      case 'linkReference': {
        const text = this.inline(node.children)
        const url = this.definitions.get(node.identifier)
        return url ? this.link(text, url) : text
      }
      case 'footnoteReference':
        return `[^${node.label ?? node.identifier}]`
      default:
        return 'children' in node ? this.inline((node as Parent).children as PhrasingContent[]) : 'value' in node ? String(node.value) : ''
    }
  }

  private link(text: string, url: string): string {
    const t = text.trim()
    return !t || t === url ? url : `[${t}](${url})`
  }

  /** Lines of one block (no blank lines inside, except in code blocks). */
  block(node: RootContent, indent = ''): string[] {
    switch (node.type) {
      case 'heading':
        return [`${'#'.repeat(node.depth)} ${this.inline(node.children).trim()}`]
      case 'paragraph':
        return this.paragraph(this.inline(node.children), indent)
      case 'list': {
        const out: string[] = []
        let n = node.start ?? 1
        for (const item of node.children) {
          const check = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : ''
          const marker = node.ordered ? `${n++}. ` : '- '
          const inner = item.children.flatMap((child) => this.block(child, `${indent}  `))
          out.push(`${indent}${marker}${check}${(inner[0] ?? '').slice(indent.length + 2)}`.trimEnd())
          out.push(...inner.slice(1))
        }
        return out
      }
      case 'blockquote':
      case 'footnoteDefinition': {
        const inner = node.children.flatMap((c) => this.block(c, indent))
        if (node.type === 'footnoteDefinition') {
          const [first = '', ...rest] = inner
          return [`${indent}[^${node.label ?? node.identifier}]: ${first.trim()}`, ...rest]
        }
        return inner
      }
      case 'code':
        return node.value.split('\n').map((l) => `${indent}${l}`)
      case 'html':
        return this.paragraph(htmlText(node.value), indent)
      case 'table':
        return this.table(node).map((l) => `${indent}${l}`)
      case 'thematicBreak':
      case 'definition':
      case 'yaml':
        return []
      default:
        return 'children' in node
          ? this.paragraph(this.inline((node as Parent).children as PhrasingContent[]), indent)
          : []
    }
  }

  private paragraph(text: string, indent: string): string[] {
    return text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .map((l) => `${indent}${l}`)
  }

  private table(node: Table): string[] {
    const cell = (c: Table['children'][number]['children'][number]): string =>
      this.inline(c.children).trim().replace(/\|/g, '\\|').replace(/\n/g, '<br>')
    const rows = node.children.map((r) => `| ${r.children.map(cell).join(' | ')} |`)
    const width = node.children[0]?.children.length ?? 0
    if (rows.length === 0) return []
    return [rows[0], `|${Array.from({ length: width }, () => '---').join('|')}|`, ...rows.slice(1)]
  }
}

/** The body of a Markdown document in the line convention: blocks separated by one blank line. */
export function markdownToLines(markdown: string): string {
  const tree: Root = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  const writer = new Writer()
  for (const node of tree.children) {
    if (node.type === 'definition') writer.definitions.set(node.identifier, node.url)
  }
  const blocks = tree.children.map((n) => writer.block(n)).filter((lines) => lines.length > 0)
  return blocks.map((lines) => lines.join('\n')).join('\n\n')
}

export function readMarkdown(bytes: Uint8Array): ExtractedDocument {
  const { text, encoding } = decodeText(bytes)
  const notes: string[] = []
  const clean = cleanControls(text, notes)
  const fm = splitFrontMatter(clean)
  const body = markdownToLines(fm.body)
  if (body.trim() === '' && !fm.meta.title) {
    throw new ImportError(bytes.length === 0 ? 'empty file' : 'no text (the Markdown has no content)')
  }
  return { format: 'markdown', text: body, meta: fm.meta, encoding, notes: [...notes, ...fm.notes] }
}
