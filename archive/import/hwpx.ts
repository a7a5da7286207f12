/**
 * The HWPX reader. HWPX (KS X 6101, OWPML) is a zip of XML: `Contents/content.hpf` (an OPF package) lists the
 * sections in reading order in its spine, each `Contents/sectionN.xml` holds paragraphs `<hp:p>` of runs
 * `<hp:run>` with text `<hp:t>` (mixed with `<hp:tab/>`, `<hp:lineBreak/>` …), tables `<hp:tbl>` → `<hp:tr>` →
 * `<hp:tc>` → cell paragraphs, and controls (footnotes, hyperlink fields, headers and footers).
 *
 * Output, in the line convention of types.ts: one paragraph per line (a line break inside one starts a new line),
 * paragraphs in the 개요 (Outline) styles as `#` headings, tables as pipe rows, hyperlinks `[text](url)`,
 * footnotes and endnotes as `* ` lines after their paragraph, text boxes and captions in place; running headers,
 * footers and page numbers dropped.
 *
 * Safety: the zip is read by zip.ts (entry count, sizes and ratios checked before inflating and enforced while
 * inflating; CRCs checked); XML is parsed by linkedom's DOMParser in XML mode after refusing any DOCTYPE (no
 * entity expansion); encrypted documents are refused.
 */
import { DOMParser } from 'linkedom'
import { PUA_BULLETS } from './pdf.ts'
import { readZip, type ZipEntry } from './zip.ts'
import { ImportError, type DocumentMeta, type ExtractedDocument } from './types.ts'

/** The few DOM members the reader uses (linkedom's classes have them; the project compiles without lib.dom). */
interface XNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  childNodes: ArrayLike<XNode>
  getAttribute?(name: string): string | null
}

const ELEMENT = 1
const TEXT = 3
const CDATA = 4

/** The local name in lower case: `hp:lineBreak` → `linebreak`. */
const local = (n: XNode): string => n.nodeName.replace(/^.*:/, '').toLowerCase()
const attr = (n: XNode, name: string): string | null => n.getAttribute?.(name) ?? null
const elements = (n: XNode): XNode[] => Array.from(n.childNodes).filter((c) => c.nodeType === ELEMENT)

function parseXml(bytes: Uint8Array, name: string): XNode {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new ImportError(`encrypted or damaged HWPX: ${name} is not UTF-8 XML`)
  }
  const start = text.replace(/^\ufeff/, '').trimStart()
  if (!start.startsWith('<')) throw new ImportError(`encrypted or damaged HWPX: ${name} is not XML`)
  if (/<!DOCTYPE/i.test(text)) throw new ImportError(`HWPX with a DOCTYPE in ${name} (refused: entity expansion)`)
  const doc = new DOMParser().parseFromString(text, 'text/xml') as unknown as { documentElement: XNode | null }
  if (!doc.documentElement) throw new ImportError(`damaged HWPX: ${name} has no root element`)
  return doc.documentElement
}

function descendants(root: XNode, name: string): XNode[] {
  const out: XNode[] = []
  const stack = [root]
  while (stack.length > 0) {
    const n = stack.pop() as XNode
    if (n.nodeType !== ELEMENT) continue
    if (local(n) === name) out.push(n)
    const kids = elements(n)
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i])
  }
  return out
}

/** Section entry names in reading order: the spine of content.hpf, else the section files by number. */
function sectionOrder(hpf: XNode | undefined, names: string[], notes: string[]): string[] {
  const isSection = (n: string): boolean => /(^|\/)section\d+\.xml$/i.test(n)
  const byNumber = names
    .filter((n) => /^Contents\/section\d+\.xml$/i.test(n))
    .sort((a, b) => Number(/(\d+)\.xml$/i.exec(a)?.[1]) - Number(/(\d+)\.xml$/i.exec(b)?.[1]))
  if (!hpf) {
    notes.push('no Contents/content.hpf: sections read in file order')
    return byNumber
  }
  const hrefs = new Map<string, string>()
  for (const item of descendants(hpf, 'item')) {
    const id = attr(item, 'id')
    const href = attr(item, 'href')
    if (id && href) hrefs.set(id, href)
  }
  const present = new Set(names)
  const resolve = (href: string): string | undefined => {
    const clean = href.replace(/^\.?\//, '')
    return [clean, `Contents/${clean}`].find((n) => present.has(n))
  }
  const order: string[] = []
  for (const ref of descendants(hpf, 'itemref')) {
    const href = hrefs.get(attr(ref, 'idref') ?? '')
    const name = href ? resolve(href) : undefined
    if (name && isSection(name) && !order.includes(name)) order.push(name)
  }
  if (order.length === 0) {
    notes.push('content.hpf lists no sections: sections read in file order')
    return byNumber
  }
  const missing = [...hrefs.values()].filter((h) => isSection(h) && !resolve(h))
  if (missing.length > 0) notes.push(`content.hpf names sections that are not in the file: ${missing.join(', ')}`)
  return order
}

interface ParaHeads {
  /** paragraph style id → heading level (the 개요 N / Outline N styles) */
  styles: Map<string, number>
  /** paragraph shape id → its automatic head (outline level, bullet, number) */
  shapes: Map<string, { type: string; idRef: string; level: number }>
  /** bullet id → its glyph (Wingdings PUA glyphs mapped) */
  bullets: Map<string, string>
}

/** What Contents/header.xml says about headings: outline styles, paragraph shapes with heads, bullet glyphs. */
function paraHeads(header: XNode | undefined): ParaHeads {
  const heads: ParaHeads = { styles: new Map(), shapes: new Map(), bullets: new Map() }
  if (!header) return heads
  for (const style of descendants(header, 'style')) {
    const id = attr(style, 'id')
    const m = /^개요\s*(\d)$/.exec(attr(style, 'name') ?? '') ?? /^outline\s*(\d)$/i.exec(attr(style, 'engName') ?? '')
    if (id !== null && m) heads.styles.set(id, Math.min(6, Math.max(1, Number(m[1]))))
  }
  for (const shape of descendants(header, 'parapr')) {
    const id = attr(shape, 'id')
    const heading = descendants(shape, 'heading')[0]
    const type = heading ? (attr(heading, 'type') ?? 'NONE').toUpperCase() : 'NONE'
    if (id !== null && heading && type !== 'NONE') {
      heads.shapes.set(id, { type, idRef: attr(heading, 'idRef') ?? '', level: Number(attr(heading, 'level') ?? 0) || 0 })
    }
  }
  for (const bullet of descendants(header, 'bullet')) {
    const id = attr(bullet, 'id')
    const char = attr(bullet, 'char') ?? ''
    if (id !== null && char) heads.bullets.set(id, PUA_BULLETS[char] ?? char)
  }
  return heads
}

const escapeCell = (s: string): string => s.replace(/\|/g, '\\|')

class SectionWriter {
  readonly lines: string[] = []
  /** Paragraphs whose automatic number (not in the text) could not be reproduced. */
  numbered = 0
  private readonly heads: ParaHeads

  constructor(heads: ParaHeads) {
    this.heads = heads
  }

  private blank(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('')
  }

  /** The children of a section or a sub-list: paragraphs (and anything holding paragraphs) in order. */
  blocks(parent: XNode): void {
    for (const child of elements(parent)) {
      const name = local(child)
      if (name === 'p') this.paragraph(child)
      else if (name === 'tbl') this.table(child)
      else this.blocks(child)
    }
  }

  private paragraph(p: XNode): void {
    const shape = this.heads.shapes.get(attr(p, 'paraPrIDRef') ?? '')
    let level = this.heads.styles.get(attr(p, 'styleIDRef') ?? '')
    if (!level && shape?.type === 'OUTLINE') level = Math.min(6, shape.level + 1)
    let prefix = shape?.type === 'BULLET' ? `${this.heads.bullets.get(shape.idRef) ?? '•'} ` : ''
    if (shape?.type === 'NUMBER') this.numbered++
    const after: string[] = []
    let text = ''
    const links: { url: string; start: number }[] = []
    const flush = (): void => {
      for (const line of text.split('\n')) {
        const clean = line.replace(/[ \t\u00a0]+$/g, '')
        if (clean.trim() === '') continue
        this.lines.push(level ? `${'#'.repeat(level)} ${clean.trim()}` : `${prefix}${clean}`)
        prefix = ''
      }
      text = ''
    }
    const inline = (node: XNode): void => {
      for (const c of Array.from(node.childNodes)) {
        if (c.nodeType === TEXT || c.nodeType === CDATA) {
          text += c.textContent ?? ''
          continue
        }
        if (c.nodeType !== ELEMENT) continue
        switch (local(c)) {
          case 'tab':
            text += '\t'
            break
          case 'linebreak':
            text += '\n'
            break
          case 'fwspace':
          case 'nbspace':
            text += ' '
            break
          case 'hyphen':
            text += '-'
            break
          case 'tbl': {
            flush()
            this.table(c)
            break
          }
          case 'header':
          case 'footer':
          case 'secpr':
          case 'colpr':
          case 'pagenum':
          case 'pagehiding':
          case 'pagenumctrl':
          case 'autonum':
          case 'parameters':
          case 'linesegarray':
            break
          case 'footnote':
          case 'endnote': {
            const w = new SectionWriter(this.heads)
            w.blocks(c)
            const body = w.lines.filter((l) => l !== '').join(' ')
            if (body) after.push(`* ${body}`)
            break
          }
          case 'fieldbegin': {
            if ((attr(c, 'type') ?? '').toUpperCase() === 'HYPERLINK') {
              const command = descendants(c, 'stringparam').find((s) => attr(s, 'name') === 'Command')
              // `https\\://example.org;1;0;0;` or `www.example.org|-;1;0;0`: the target before `;` and `|`
              const url = (command?.textContent ?? '').split(';')[0].split('|')[0].replace(/\\(.)/g, '$1').trim()
              if (url) links.push({ url, start: text.length })
            }
            break
          }
          case 'fieldend': {
            const link = links.pop()
            if (link && link.start <= text.length) {
              const label = text.slice(link.start)
              const t = label.trim()
              text = text.slice(0, link.start) + (!t || t === link.url ? link.url : `[${t}](${link.url})`)
            }
            break
          }
          case 'sublist':
          case 'drawtext':
          case 'caption': {
            flush()
            this.blocks(c)
            break
          }
          case 'p': {
            flush()
            this.paragraph(c)
            break
          }
          default:
            inline(c)
        }
      }
    }
    inline(p)
    flush()
    this.lines.push(...after)
    if (level) this.blank()
  }

  private cellText(tc: XNode): string {
    const w = new SectionWriter(this.heads)
    w.blocks(tc)
    return w.lines
      .filter((l) => l !== '' && !/^\|[-|]*\|$/.test(l))
      .map((l) => escapeCell(l.replace(/^#+ /, '').trim()))
      .join('<br>')
  }

  private table(tbl: XNode): void {
    const grid: string[][] = []
    const rows = elements(tbl).filter((r) => local(r) === 'tr')
    rows.forEach((tr, r) => {
      grid[r] ??= []
      let col = 0
      for (const tc of elements(tr).filter((c) => local(c) === 'tc')) {
        const addr = elements(tc).find((c) => local(c) === 'celladdr')
        const span = elements(tc).find((c) => local(c) === 'cellspan')
        const rowAt = Number(attr(addr ?? tc, 'rowAddr') ?? r)
        while (grid[rowAt]?.[col] !== undefined) col++
        const colAt = addr && attr(addr, 'colAddr') !== null ? Number(attr(addr, 'colAddr')) : col
        const colSpan = Math.max(1, Math.min(64, Number(attr(span ?? tc, 'colSpan') ?? 1) || 1))
        const rowSpan = Math.max(1, Math.min(rows.length, Number(attr(span ?? tc, 'rowSpan') ?? 1) || 1))
        const text = this.cellText(tc)
        for (let dr = 0; dr < rowSpan; dr++) {
          const row = (grid[rowAt + dr] ??= [])
          for (let dc = 0; dc < colSpan; dc++) {
            // a merged cell: its text in the rows it spans, empty cells after it in its row
            row[colAt + dc] = dc === 0 ? text : ''
          }
        }
        col = colAt + colSpan
      }
    })
    const width = Math.max(0, ...grid.map((r) => r?.length ?? 0))
    if (width === 0) return
    const pipe = (r: string[] | undefined): string =>
      `| ${Array.from({ length: width }, (_, i) => r?.[i] ?? '').join(' | ')} |`
    this.blank()
    this.lines.push(pipe(grid[0]), `|${Array.from({ length: width }, () => '---').join('|')}|`)
    for (const r of grid.slice(1)) this.lines.push(pipe(r))
    this.blank()
  }
}

function isEncrypted(manifest: XNode | undefined, entries: ZipEntry[]): boolean {
  if (entries.some((e) => e.flags & 1)) return true
  return manifest !== undefined && descendants(manifest, 'encryption-data').length > 0
}

/**
 * @throws ImportError for a damaged zip, a zip bomb, an encrypted document, or one without any section.
 */
export function readHwpx(bytes: Uint8Array): ExtractedDocument {
  const wanted = (n: string): boolean =>
    n === 'META-INF/manifest.xml' || n === 'Contents/content.hpf' || n === 'Contents/header.xml' ||
    /^Contents\/section\d+\.xml$/i.test(n)
  const { entries, files } = readZip(bytes, wanted)
  const xml = (name: string): XNode | undefined => {
    const data = files.get(name)
    return data ? parseXml(data, name) : undefined
  }
  if (isEncrypted(xml('META-INF/manifest.xml'), entries)) {
    throw new ImportError('encrypted HWPX (password-protected); save it without a password or as PDF')
  }
  const notes: string[] = []
  const hpf = xml('Contents/content.hpf')
  const order = sectionOrder(hpf, entries.map((e) => e.name), notes)
  if (order.length === 0) throw new ImportError('HWPX without any section (Contents/section0.xml)')
  const writer = new SectionWriter(paraHeads(xml('Contents/header.xml')))
  for (const name of order) {
    const section = xml(name) as XNode
    if (/encrypt/i.test(local(section))) throw new ImportError('encrypted HWPX (password-protected)')
    writer.blocks(section)
    writer.lines.push('')
  }
  if (writer.numbered > 0) {
    notes.push(`automatic paragraph numbers not reproduced (${writer.numbered} paragraph${writer.numbered === 1 ? '' : 's'})`)
  }
  const text = writer.lines.join('\n').replace(/\n{3,}/g, '\n\n').trim().normalize('NFC')
  if (text === '') throw new ImportError('no text (the HWPX document is empty)')
  const meta: DocumentMeta = {}
  const title = hpf ? descendants(hpf, 'title')[0]?.textContent?.trim() : undefined
  if (title) meta.title = title
  const creator = hpf
    ? descendants(hpf, 'meta').find((m) => attr(m, 'name') === 'creator')?.textContent?.trim()
    : undefined
  if (creator) meta.author = creator
  return { format: 'hwpx', text, meta, encoding: 'utf-8', notes }
}
