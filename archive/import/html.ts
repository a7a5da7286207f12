/**
 * The reader for web pages saved from a publisher's site (`.html`, `.htm`): bytes → ExtractedDocument.
 *
 * 1. Charset: a byte-order mark, else the `<meta charset>` / `http-equiv` tag in the first bytes (unless the bytes
 *    are valid UTF-8: a browser's saved copy keeps the old tag), else decode.ts's detection (strict UTF-8, UTF-16,
 *    CP949). EUC-KR and CP949 pages decode with iconv-lite's `cp949` (never TextDecoder('euc-kr')).
 * 2. linkedom parses the page; scripts, styles, forms' controls and embedded objects are removed first.
 * 3. The article: a known publisher's selectors (site-profiles below), then the usual board and blog containers,
 *    then @mozilla/readability on the linkedom document, then the body without its nav/header/footer/aside.
 *    Related-post lists, previous/next links, share buttons and attachment lists inside the article are dropped.
 * 4. The article becomes text in the line convention of types.ts: headings `#`, list items as bullets (their own
 *    glyph when the text starts with one, else `-` or `1.`), tables as pipe rows (colspan: empty cells after the
 *    text; rowspan: the text repeated in the rows it spans), links `[text](url)`, images their alt text or nothing.
 * 5. Metadata: og:title / <title> / the board's title cell, article:published_time or the 등록일 in the board's
 *    chrome, og:site_name (mapped to a known publisher's name), the canonical URL.
 *
 * Pure: bytes in, data out, no file or network access. The publishers' markup was not available to the project
 * (no saved page of theirs is public in a repository we could read); the selectors are the classes board software
 * in Korea commonly uses plus readability, and the fixtures in tests/fixtures/import/html/ are written by us.
 */
import iconv from 'iconv-lite'
import { parseHTML } from 'linkedom'
import { Readability } from '@mozilla/readability'
import { ImportError, type DocumentMeta, type ExtractedDocument } from './types.ts'
import { composeFillerSequences, decodeText, firstInvalidUtf8Offset } from './decode.ts'
import { knownPublisherOf } from './layouts/publishers.ts'
import { datesIn } from './layouts/dates.ts'
import { hostOf } from './url.ts'

/** The few DOM members the reader uses (linkedom's classes have them; the project compiles without lib.dom). */
interface DomNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  childNodes: ArrayLike<DomNode>
  parentNode: DomNode | null
}
interface DomElement extends DomNode {
  tagName: string
  children: ArrayLike<DomElement>
  getAttribute(name: string): string | null
  querySelector(selector: string): DomElement | null
  querySelectorAll(selector: string): ArrayLike<DomElement>
  remove(): void
}
interface DomDocument {
  title: string
  body: DomElement | null
  documentElement: DomElement
  querySelector(selector: string): DomElement | null
  querySelectorAll(selector: string): ArrayLike<DomElement>
}

const ELEMENT = 1
const TEXT = 3

/** Where a known site keeps its post: title, body and the chrome line holding 등록일. Unverified guesses: see above. */
interface SiteProfile {
  host: RegExp
  title: string[]
  body: string[]
}

const SITE_PROFILES: SiteProfile[] = [
  {
    host: /(^|\.)kostec\.re\.kr$/i,
    title: ['.board_view .view_title', '.view_head .title', '.bbs_view .subject', 'h3.view_tit'],
    body: ['.board_view .view_content', '.view_cont', '.bbs_view .view_con', '#bo_v_con']
  },
  {
    host: /(^|\.)kistep\.re\.kr$/i,
    title: ['.board_view .tit', '.bbs_view .title', '.view_top h4'],
    body: ['.board_view .view_txt', '.bbs_view .cont', '.view_con']
  },
  {
    host: /(^|\.)csf\.kiep\.go\.kr$/i,
    title: ['.board-view .view-title', '.view_title', '.bbs-view h3'],
    body: ['.board-view .view-content', '.view_content', '.bbs-view .txt']
  },
  {
    host: /(^|\.)(korcham\.net|kocham\.[a-z.]+)$/i,
    title: ['.board_view .subject', '.bbs_view .title', 'td.view_subject'],
    body: ['.board_view .content', '.bbs_view .view_cont', 'td.view_content']
  },
  {
    host: /(^|\.)kosen21\.org$/i,
    title: ['.view_header .title', '.board-view .subject', '.view_title'],
    body: ['.view_body', '.board-view .content', '#view_content']
  }
]

/** Containers board software and blogs put a post's body in, tried after a site's own selectors. */
const GENERIC_BODY = [
  '[itemprop="articleBody"]',
  '.view_content',
  '.view_cont',
  '.view_con',
  '.view_body',
  '.board_view .content',
  '.bbs_view .content',
  '.board-view-content',
  '.view-content',
  '.bbs_content',
  '#bo_v_con',
  '.post-content',
  '.entry-content',
  '.article-body',
  'article'
]
const GENERIC_TITLE = ['.view_title', '.board_view .title', '.board_view .subject', '.bbs_view .subject', '.view-title']

/** Never text: removed before anything is read. */
const NEVER_TEXT = 'script, style, noscript, template, iframe, object, embed, svg, canvas, map, input, select, textarea, button, link, meta'
/** Chrome inside an article container: related posts, previous/next, sharing, attachments, paging. */
const CHROME_INSIDE = [
  '.related',
  '.relate',
  '.related_list',
  '.related-posts',
  '.prev_next',
  '.prevnext',
  '.view_nav',
  '.btn_area',
  '.btn_wrap',
  '.sns',
  '.share',
  '.pagination',
  '.paging',
  '.file_list',
  '.attach',
  'nav',
  'aside'
].join(', ')

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'HEADER', 'HR', 'MAIN', 'NAV', 'P', 'SECTION', 'SUMMARY', 'CAPTION', 'BODY', 'HTML'
])
const IMAGE_NAME = /(^|[\s/])[^\s/]*\.(png|jpe?g|gif|bmp|webp|tiff?)$|%[0-9a-f]{2}/i

/** The encoding label of a page from its BOM or meta tag, or undefined. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  let head = ''
  const n = Math.min(bytes.length, 4096)
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i])
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.-]+)/i.exec(head)
  return meta?.[1].toLowerCase()
}

const KOREAN_LEGACY = /^(euc-?kr|cp949|ms949|uhc|windows-949|x-windows-949|ks_c_5601(-1987)?|ksc5601|ksc_5601|korean|csksc56011987|iso-ir-149)$/

function decodeHtml(bytes: Uint8Array): { text: string; encoding: string; note?: string } {
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
  const label = bom ? undefined : declaredCharset(bytes)
  if (label && !/^utf-?8$/.test(label)) {
    // a page saved by a browser is often re-encoded as UTF-8 while its meta tag still names the old charset
    if (firstInvalidUtf8Offset(bytes) < 0 && bytes.some((b) => b >= 0x80)) {
      return { ...decodeText(bytes), note: `declared ${label} but the bytes are UTF-8: read as UTF-8` }
    }
    if (KOREAN_LEGACY.test(label)) {
      return { text: composeFillerSequences(iconv.decode(Buffer.from(bytes), 'cp949')).replace(/\r\n?/g, '\n').normalize('NFC'), encoding: 'cp949' }
    }
    if (iconv.encodingExists(label)) return { text: iconv.decode(Buffer.from(bytes), label).normalize('NFC'), encoding: label }
  }
  // a byte-order mark, strict UTF-8, else UTF-16 or CP949 by score (archive/import/decode.ts, helper C's decoder)
  return decodeText(bytes)
}

const squash = (s: string): string => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim()

function metaContent(doc: DomDocument, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"]`) ?? doc.querySelector(`meta[name="${key}"]`)
    const value = el?.getAttribute('content')
    if (value && squash(value)) return squash(value)
  }
  return undefined
}

function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim())
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`
  return datesIn(text)[0]?.date
}

function firstMatch(root: DomDocument | DomElement, selectors: string[]): DomElement | undefined {
  for (const selector of selectors) {
    let found: DomElement | null
    try {
      found = root.querySelector(selector)
    } catch {
      found = null
    }
    if (found && squash(found.textContent ?? '') !== '') return found
  }
  return undefined
}

function removeAll(root: DomDocument | DomElement, selector: string): void {
  for (const el of Array.from(root.querySelectorAll(selector))) el.remove()
}

function removeComments(node: DomNode): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 8) (child as unknown as DomElement).remove()
    else if (child.nodeType === ELEMENT) removeComments(child)
  }
}

/** A page's own URL: canonical link, og:url. */
function pageUrl(doc: DomDocument): string | undefined {
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent(doc, 'og:url')
  if (!canonical) return undefined
  try {
    const url = new URL(canonical.trim())
    return /^https?:$/.test(url.protocol) ? url.href : undefined
  } catch {
    return undefined
  }
}

/** `<title>` without the site's name after `|`, `-`, `::` or `<`. */
function cleanTitle(title: string, site: string | undefined): string {
  const parts = title.split(/\s+(?:\||::|-|–|—|<|>|:)\s+/)
  if (parts.length < 2) return title
  const siteWords = site ? squash(site) : ''
  const isSite = (p: string): boolean =>
    (siteWords !== '' && p.includes(siteWords)) || knownPublisherOf(p) !== undefined || /게시판|홈페이지|^home$/i.test(p)
  const kept = parts.filter((p) => !isSite(p))
  return kept.length > 0 ? kept.join(' - ') : title
}

/** Lines of text in the convention of types.ts, written while walking the article. */
class LineWriter {
  lines: string[] = []
  private inline = ''
  private indent = ''

  text(s: string): void {
    this.inline += s
  }
  /** Ends the current paragraph line. */
  flush(): void {
    const line = squash(this.inline)
    if (line) this.lines.push(this.indent + line)
    this.inline = ''
  }
  block(): void {
    this.flush()
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('')
  }
  line(s: string): void {
    this.flush()
    const line = squash(s)
    if (line) this.lines.push(this.indent + line)
  }
  withIndent(indent: string, run: () => void): void {
    this.flush()
    const before = this.indent
    this.indent = indent
    run()
    this.flush()
    this.indent = before
  }
}

interface WalkContext {
  base?: string
  notes: string[]
}

function resolveHref(href: string | null, base: string | undefined): string | undefined {
  if (!href) return undefined
  try {
    const url = base ? new URL(href.trim(), base) : new URL(href.trim())
    return /^https?:$/.test(url.protocol) ? url.href : undefined
  } catch {
    return undefined
  }
}

/** An image's alt text when it says something (not a file name, not 이미지 / image). */
function altText(el: DomElement, ctx: WalkContext): string {
  const alt = squash(el.getAttribute('alt') ?? '')
  if (!alt || IMAGE_NAME.test(alt) || /^(이미지|사진|그림|image|img|photo|picture)\s*\d*$/i.test(alt)) {
    if (alt) ctx.notes.push(`image name left out: ${alt}`)
    return ''
  }
  return ` ${alt} `
}

/** The inline text of an element: text, link markup, image alts, `<br>` as ` <br> ` (the caller decides). */
function inlineText(node: DomNode, ctx: WalkContext, br: string): string {
  if (node.nodeType === TEXT) return node.textContent ?? ''
  if (node.nodeType !== ELEMENT) return ''
  const el = node as DomElement
  const tag = el.tagName.toUpperCase()
  if (tag === 'BR') return br
  if (tag === 'IMG') return altText(el, ctx)
  let inner = ''
  for (const child of Array.from(el.childNodes)) inner += inlineText(child, ctx, br)
  if (tag === 'A') return link(el, inner, ctx)
  if (BLOCK_TAGS.has(tag) || tag === 'LI' || tag === 'TR' || /^H[1-6]$/.test(tag)) return ` ${inner} `
  if (tag === 'TD' || tag === 'TH') return ` ${inner} `
  return inner
}

function link(el: DomElement, inner: string, ctx: WalkContext): string {
  const text = squash(inner)
  const url = resolveHref(el.getAttribute('href'), ctx.base)
  if (!url) return inner
  if (!text || text === url || text === el.getAttribute('href')?.trim()) return ` ${url} `
  return `[${text}](${url})`
}

const LIST_GLYPH = /^[□■▶▷►●○◦⚪◯ㅇ•∙·▪\-–－*※º✓➢◆◇①-⑳]/u

function hasBlockChild(el: DomElement): boolean {
  for (const child of Array.from(el.children)) {
    const tag = child.tagName.toUpperCase()
    if (BLOCK_TAGS.has(tag) || tag === 'UL' || tag === 'OL' || tag === 'TABLE' || /^H[1-6]$/.test(tag)) return true
  }
  return false
}

function walk(node: DomNode, out: LineWriter, ctx: WalkContext, depth: number): void {
  if (node.nodeType === TEXT) {
    out.text(node.textContent ?? '')
    return
  }
  if (node.nodeType !== ELEMENT) return
  const el = node as DomElement
  const tag = el.tagName.toUpperCase()
  if (tag === 'BR') return out.flush()
  if (tag === 'IMG') return out.text(altText(el, ctx))
  if (tag === 'A' && !hasBlockChild(el)) return out.text(inlineText(el, ctx, ' '))
  const heading = /^H([1-6])$/.exec(tag)
  if (heading) {
    out.block()
    out.line(`${'#'.repeat(Number(heading[1]))} ${squash(inlineText(el, ctx, ' '))}`)
    return out.block()
  }
  if (tag === 'UL' || tag === 'OL') return list(el, out, ctx, depth, tag === 'OL')
  if (tag === 'TABLE') return table(el, out, ctx, depth)
  if (tag === 'PRE') {
    out.block()
    for (const line of (el.textContent ?? '').split(/\r\n|\r|\n/)) out.line(line)
    return out.block()
  }
  if (tag === 'HR') return out.block()
  const isBlock = BLOCK_TAGS.has(tag) || tag === 'LI' || tag === 'TR' || tag === 'TD' || tag === 'TH'
  if (isBlock) out.flush()
  for (const child of Array.from(el.childNodes)) walk(child, out, ctx, depth)
  if (isBlock) out.flush()
}

function list(el: DomElement, out: LineWriter, ctx: WalkContext, depth: number, ordered: boolean): void {
  out.flush()
  let n = Number(el.getAttribute('start') ?? '1') || 1
  const indent = '  '.repeat(depth)
  for (const li of Array.from(el.children)) {
    if (li.tagName.toUpperCase() !== 'LI') {
      walk(li, out, ctx, depth)
      continue
    }
    const nested: DomElement[] = []
    let text = ''
    for (const child of Array.from(li.childNodes)) {
      const tag = child.nodeType === ELEMENT ? (child as DomElement).tagName.toUpperCase() : ''
      if (tag === 'UL' || tag === 'OL' || tag === 'TABLE') nested.push(child as DomElement)
      else text += inlineText(child, ctx, ' ')
    }
    const body = squash(text)
    const mark = LIST_GLYPH.test(body) ? '' : ordered ? `${n}. ` : '- '
    out.withIndent(indent, () => {
      if (body) out.line(mark + body)
    })
    n++
    for (const child of nested) walk(child, out, ctx, depth + 1)
  }
  out.flush()
}

/** One table's rows as grids of cell texts: colspan leaves empty cells after the text, rowspan repeats it below. */
function tableGrid(el: DomElement, ctx: WalkContext): { grid: string[][]; header: boolean } {
  const rows = Array.from(el.querySelectorAll('tr')).filter((tr) => closestTable(tr) === el)
  const grid: string[][] = []
  const carry: Array<{ text: string; left: number } | undefined> = []
  let header = false
  rows.forEach((tr, r) => {
    const row: string[] = []
    let col = 0
    const takeCarried = (): void => {
      while (carry[col] && carry[col]!.left > 0) {
        row[col] = carry[col]!.text
        carry[col]!.left--
        col++
      }
    }
    for (const cell of Array.from(tr.children)) {
      const tag = cell.tagName.toUpperCase()
      if (tag !== 'TD' && tag !== 'TH') continue
      if (r === 0 && tag === 'TH') header = true
      takeCarried()
      const text = cellText(cell, ctx)
      const colspan = Math.max(1, Math.min(50, Number(cell.getAttribute('colspan') ?? '1') || 1))
      const rowspan = Math.max(1, Math.min(500, Number(cell.getAttribute('rowspan') ?? '1') || 1))
      for (let k = 0; k < colspan; k++) {
        row[col] = k === 0 ? text : ''
        if (rowspan > 1) carry[col] = { text: k === 0 ? text : '', left: rowspan - 1 }
        col++
      }
    }
    takeCarried()
    grid.push(Array.from(row, (c) => c ?? ''))
  })
  if (el.querySelector('thead')) header = true
  return { grid, header }
}

function closestTable(node: DomNode): DomNode | null {
  let p = node.parentNode
  while (p && p.nodeName.toUpperCase() !== 'TABLE') p = p.parentNode
  return p
}

function cellText(cell: DomElement, ctx: WalkContext): string {
  const parts: string[] = []
  const lists = Array.from(cell.querySelectorAll('li'))
  if (lists.length > 0 && !cell.querySelector('table')) {
    const out = new LineWriter()
    walk(cell, out, ctx, 0)
    parts.push(...out.lines.filter(Boolean).map((l) => squash(l)))
  } else {
    parts.push(...inlineText(cell, ctx, '\n').split('\n').map(squash).filter(Boolean))
  }
  return parts.map((p) => p.replace(/\|/g, '\\|')).join('<br>')
}

function table(el: DomElement, out: LineWriter, ctx: WalkContext, depth: number): void {
  const { grid, header } = tableGrid(el, ctx)
  const width = Math.max(0, ...grid.map((r) => r.length))
  const layoutTable = width <= 1 || el.querySelector('table') !== null
  out.block()
  if (layoutTable) {
    // a table used for page layout (one column, or tables inside): its cells are blocks
    for (const tr of Array.from(el.querySelectorAll('tr')).filter((t) => closestTable(t) === el)) {
      for (const cell of Array.from(tr.children)) walk(cell, out, ctx, depth)
    }
    return out.block()
  }
  const rows = grid.filter((r) => r.some((c) => c !== ''))
  if (rows.length === 0) return
  const pipe = (r: string[]): string => `| ${Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | ')} |`
  const caption = el.querySelector('caption')
  if (caption && squash(caption.textContent ?? '')) out.line(squash(caption.textContent ?? ''))
  out.line(pipe(rows[0]))
  out.line(`|${Array.from({ length: width }, () => '---').join('|')}|`)
  for (const r of rows.slice(1)) out.line(pipe(r))
  if (!header) ctx.notes.push('a table without header cells: its first row is read as the header')
  out.block()
}

/** The text of an article element in the line convention. */
function articleText(root: DomElement, ctx: WalkContext): string {
  const out = new LineWriter()
  walk(root, out, ctx, 0)
  out.flush()
  return out.lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** 등록일 / 작성일 / 게시일 / 발행일 in the page's chrome (the board's header above the body). */
function chromeDate(text: string): string | undefined {
  const m = /(등록일|작성일|게시일|발행일|작성일자|등록일자)\s*[:：]?\s*([0-9’'‘`´./\-년월일\s]{6,24})/.exec(text)
  return m ? datesIn(m[2])[0]?.date : undefined
}

/**
 * Reads a saved web page. Throws ImportError for a page with no readable text (an empty page, a frameset, a page
 * that is all script).
 */
export async function readHtml(bytes: Uint8Array, name: string): Promise<ExtractedDocument> {
  void name
  if (bytes.length === 0) throw new ImportError('the page is empty')
  const { text: html, encoding, note } = decodeHtml(bytes)
  if (html.trim() === '') throw new ImportError('the page is empty')
  // linkedom gives a fragment (no <html>/<body>) no body: such a page is read as the body of one
  const wrapped = /<(html|body)[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`
  const { document } = parseHTML(wrapped) as unknown as { document: DomDocument }
  const notes: string[] = note ? [note] : []

  const url = pageUrl(document)
  const host = hostOf(url)
  const siteName = metaContent(document, 'og:site_name')
  const rawTitle = squash(document.title ?? '') || squash(document.querySelector('title')?.textContent ?? '')
  const profile = SITE_PROFILES.find((p) => host && p.host.test(host))

  const ogTitle = metaContent(document, 'og:title', 'twitter:title', 'title')
  const metaPublished = isoDate(
    metaContent(document, 'article:published_time', 'og:article:published_time', 'date', 'dc.date', 'DC.date.issued', 'pubdate')
  )
  const author = metaContent(document, 'author', 'article:author')

  removeAll(document, NEVER_TEXT)
  removeComments(document.documentElement)
  const fullText = squash(document.body?.textContent ?? document.documentElement.textContent ?? '')

  const titleEl = firstMatch(document, [...(profile?.title ?? []), ...GENERIC_TITLE])
  const publisherName = knownPublisherOf([siteName, host, rawTitle].filter(Boolean).join(' '))?.name ?? siteName
  const meta: DocumentMeta = {}
  const title = (titleEl && squash(titleEl.textContent ?? '')) || ogTitle || (rawTitle ? cleanTitle(rawTitle, siteName) : undefined)
  if (title) meta.title = title
  if (publisherName) meta.publisher = publisherName
  const published = metaPublished ?? chromeDate(fullText)
  if (published) meta.published = published
  if (url) meta.url = url
  if (author) meta.author = author

  const ctx: WalkContext = { base: url, notes }
  let body = firstMatch(document, [...(profile?.body ?? []), ...GENERIC_BODY])
  let text = ''
  if (body) {
    removeAll(body, CHROME_INSIDE)
    text = articleText(body, ctx)
  }
  if (!text) {
    const article = readabilityArticle(wrapped)
    if (article) {
      notes.push('article found by readability')
      if (!meta.title && article.title) meta.title = squash(article.title)
      const { document: inner } = parseHTML(`<html><body>${article.content}</body></html>`) as unknown as { document: DomDocument }
      removeAll(inner, NEVER_TEXT)
      if (inner.body) text = articleText(inner.body, ctx)
    }
  }
  if (!text && document.body) {
    removeAll(document, 'nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"]')
    body = document.body
    notes.push('no article container: the page body without its menus')
    text = articleText(body, ctx)
  }
  if (!text.trim()) throw new ImportError('the page has no readable text')
  return { format: 'html', text: text.normalize('NFC'), meta, encoding, notes: [...new Set(notes)] }
}

/** @mozilla/readability over a fresh linkedom document (it changes the document it reads). */
function readabilityArticle(html: string): { title?: string | null; content?: string | null } | undefined {
  try {
    const { document } = parseHTML(html)
    const article = new Readability(document as never, { charThreshold: 100 }).parse()
    return article?.content ? article : undefined
  } catch {
    return undefined
  }
}
