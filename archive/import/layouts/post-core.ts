/**
 * The engine behind every single-post layout (KOSTEC's site, KISTEP, KIEP CSF, the embassy via KOCHAM, KOSEN) and
 * the generic layout: an ExtractedDocument's lines → one Briefing of kind `post`.
 *
 * What it recognises, in the order it works:
 * 1. Whole posts flattened onto one line are split again before their bullet marks (`□ ○ ◦ ⚪ ※ ㅇ * -`),
 *    `<참고자료>`, `[목차]`, metadata labels and reference entries; only spaces are removed.
 * 2. Board chrome (`동향 게시판`, `게시글 제목 … 포함합니다.`, `조회수 269`, 목록 / 이전글 / 다음글, copyright lines)
 *    and the layout's site menus are left out and listed in `warnings` (so nothing disappears silently);
 *    `등록일2024.10.11` and other labelled dates date the post. Image names (`1-1.PNG`, `%E3%85%81.PNG`) and
 *    `![]()` remnants are left out the same way; an image's alt text stays.
 * 3. Metadata lists (`국가 / 생성기관 / 원문발표일 / 주제분류`, `발행일 : …`) become a table at the top of the post.
 * 4. `[목차] 1. … 2. …` (on one line or as lines) becomes the contents; `①②③`, `1.`, `1)`, Roman numerals and
 *    headings split the post into items when at least two follow each other in order; otherwise one item.
 * 5. In an item: pipe tables, `<참고자료>` with or without URLs (references), `* ** ※` footnotes, bullets with
 *    levels from their marks (`□ ■ ▶` > `○ ◦ ⚪ ● ㅇ l` > `- · º`) and indentation, a first `□` line ending with a
 *    date as the headline, and everything else as paragraphs. Dates: `(25.12.19)`, `(6.14)` against the post's
 *    year, `’18.11.26`, `2017 / 06 / 01`, `발행일 : …`, `원문발표일`.
 * Never throws on any text, and never drops a sentence: whatever is not recognised is a paragraph.
 */
import type { Block, Briefing, ContentsSection, Item, ParseWarning, Table } from '../../model/briefing.ts'
import { itemId } from '../../model/ids.ts'
import { regionsOfTitle } from '../../parser/regions.ts'
import type { ExtractedDocument } from '../types.ts'
import { normaliseTitle, postId } from '../identity.ts'
import { datesIn, trailingEventDate } from './dates.ts'
import { knownPublisherOf, type KnownPublisher } from './publishers.ts'
import type { LayoutContext } from './types.ts'
import { hostOf, originOf } from '../url.ts'

export interface PostProfile {
  name: string
  version: number
  /** The family's publisher; absent for the generic layout (found from the metadata or the text). */
  publisher?: KnownPublisher
  /** Lines that are the site's menus (whole lines), left out before the title. */
  menus?: RegExp
}

interface Line {
  text: string
  indent: number
  /** 1-based line in doc.text */
  no: number
}

type Token =
  | { k: 'chrome'; line: Line; why: string }
  /** `board`: the board's own 등록일 / 작성일 / 게시일 (chrome that dates the post, not part of it). */
  | { k: 'meta'; label: string; value: string; line: Line; board?: boolean }
  | { k: 'heading'; level: number; text: string; line: Line }
  | { k: 'contents'; entries: Array<{ number: string; title: string }>; line: Line }
  | { k: 'refs'; line: Line }
  | { k: 'table'; rows: string[]; line: Line }
  | { k: 'text'; line: Line }

const ZERO_WIDTH = /\u200B|\u200C|\u200D|\u2060|\uFEFF|\u00AD/g
const squash = (s: string): string => s.replace(/\*\*(.+?)\*\*/g, '$1').replace(/[\s\u00a0\u3000]+/g, ' ').trim()

// ── 1. lines, flattened posts ──────────────────────────────────────────────────────────────────────────────

const GLYPHS = '□■▶▷►●○◦⚪◯ㅇ•※'
const SPLIT_GLYPH = new RegExp(`\\s+(?=(?:[${GLYPHS}]|\\*{1,2}|[①-⑳])\\s)`, 'gu')
const SPLIT_DASH = /\s+(?=[-–]\s+\S)/g
const SPLIT_SECTION = /\s*(?=<\s*참고\s*자료\s*>|\[\s*참고\s*자료\s*\]|\[\s*목\s*차\s*\])/g
const META_LABELS = '국가|생성기관|원문발표일|주제분류|발행기관|작성기관|발행일|등록일|작성일|게시일'
const SPLIT_META = new RegExp(`\\s+(?=(?:${META_LABELS})\\s*[:：]?\\s)`, 'g')

function splitLinesOf(text: string): Line[] {
  const out: Line[] = []
  text
    .replace(ZERO_WIDTH, '')
    .normalize('NFC')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const lead = /^[ \t\u3000\u00a0]*/.exec(raw)?.[0] ?? ''
      const indent = [...lead].reduce((n, c) => n + (c === '\t' ? 2 : 1), 0)
      const body = raw.slice(lead.length).replace(/[ \t\u3000\u00a0]+$/, '')
      if (body === '') return
      for (const piece of unflatten(body)) out.push({ text: piece, indent, no: i + 1 })
    })
  return out
}

/** A flattened post (one long line holding its bullets) split before its marks; short lines stay whole. */
function unflatten(text: string): string[] {
  let pieces = text.split(SPLIT_SECTION).filter((p) => p.trim() !== '')
  pieces = pieces.flatMap((p) => splitChrome(p))
  pieces = pieces.flatMap((p) => {
    const labels = new Set([...p.matchAll(new RegExp(`(?:^|\\s)(${META_LABELS})\\s*[:：]?\\s`, 'g'))].map((m) => m[1]))
    return labels.size >= 2 ? p.split(SPLIT_META) : [p]
  })
  pieces = pieces.flatMap((p) => {
    if (p.length < 160) return [p]
    const glyphSplits = p.split(SPLIT_GLYPH)
    if (glyphSplits.length < 3) return [p]
    return glyphSplits.flatMap((g) => g.split(SPLIT_DASH))
  })
  return pieces.map((p) => p.trim()).filter(Boolean)
}

const CHROME_DATE = /(?:등록일|작성일|게시일)\s*[:：]?\s*\d{4}\s*[.\-/]\s*\d{1,2}\s*[.\-/]\s*\d{1,2}\.?/
const VIEWS = /조회수?\s*[:：]?\s*\d[\d,]*/

/** A board header written on one line (`동향 게시판 게시글 제목, … 제목 • 등록일2023.12.05 • 조회수269 본문`) split into its parts. */
function splitChrome(text: string): string[] {
  if (!(CHROME_DATE.test(text) && VIEWS.test(text)) && !/^동향\s*게시판\s+\S/.test(text)) return [text]
  return text
    .replace(/^(동향\s*게시판)\s+/, '$1\n')
    .replace(/(게시글\s*제목[^.\n]{0,40}포함합니다\.?)\s*/, '$1\n')
    .replace(new RegExp(`\\s*[•·]?\\s*(${CHROME_DATE.source})\\s*`), '\n$1\n')
    .replace(new RegExp(`\\s*[•·]?\\s*(${VIEWS.source})\\s*`), '\n$1\n')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
}

// ── 2. tokens ──────────────────────────────────────────────────────────────────────────────────────────────

const CHROME_LINE =
  /^(동향\s*게시판|게시판|목록|목록으로|목록보기|이전글|다음글|인쇄|프린트|공유|공유하기|스크랩|좋아요|첨부파일|첨부\s*파일|본문\s*바로가기|본문으로\s*바로가기|주\s*메뉴\s*바로가기|맨\s*위로|top|home|홈|로그인|회원가입|사이트맵|전체메뉴|검색)$/i
const BOARD_NOTE = /^게시글\s*제목.{0,40}포함합니다\.?$/
const PREV_NEXT = /^(이전글|다음글|이전\s*게시물|다음\s*게시물|이전\s*글|다음\s*글)\s*[:：▲▼]?\s*\S/
const VIEWS_LINE = /^[•·]?\s*조회수?\s*[:：]?\s*\d[\d,]*$/
const COPYRIGHT = /^(copyright\b|ⓒ|©)|all rights reserved/i
const META_LINE =
  /^[•·]?\s*(국가|생성기관|원문발표일|주제분류|발행기관|발행처|작성기관|작성자|글쓴이|저자|키워드|자료원|원문\s*URL|원문|발행일|등록일|작성일|게시일|등록일자|작성일자|게시일자|일자|날짜)\s*([:：|]\s*|(?=\d)|\s+)(\S.*)$/
const DATE_LABEL = /^(발행일|등록일|작성일|게시일|등록일자|작성일자|게시일자|일자|날짜)$/
const ORIGINAL_DATE_LABEL = /^원문발표일$/
const BOARD_DATE_LABEL = /^(등록일|작성일|게시일|등록일자|작성일자|게시일자)$/
const HEADING = /^(#{1,6})\s+(\S.*)$/
const CONTENTS = /^[[<【〈(]?\s*목\s*차\s*[\]>】〉)]?\s*[:：]?\s*(.*)$/
const REFS =
  /^(?:※\s*)?(?:[<[〈《【(]\s*(참고\s*자료|참고\s*문헌|참고|관련\s*자료|원문\s*자료|출처|자료\s*출처)\s*[>\]〉》】)]|(참고\s*자료|참고\s*문헌|관련\s*자료|references?)(?=\s*[:：]|\s*$))\s*[:：]?\s*(.*)$/i
const PIPE_ROW = /^\|.*\|$/
const URL_RE = /https?:\/\/[^\s<>()\u3000"']+[^\s<>()\u3000"'.,;:!?]/g
const HAS_URL = /https?:\/\//
const IMAGE_MD = /!\[([^\]]*)\]\(([^)]*)\)/g
const IMAGE_NAME = /(^|\s)((?:[^\s/]*\/)*[^\s/()[\]]*\.(?:png|jpe?g|gif|bmp|webp|tiff?))(?=\s|$)/gi

interface Scan {
  tokens: Token[]
  warnings: ParseWarning[]
}

function warn(scan: Scan, line: Line, message: string, text = line.text): void {
  scan.warnings.push({ line: line.no, message, text })
}

/** Removes image names and `![]()` remnants from a line, listing them; keeps an image's alt text. */
function dropImages(line: Line, scan: Scan): Line | undefined {
  let text = line.text.replace(IMAGE_MD, (whole, alt: string) => {
    const keep = alt.trim() && !/\.(png|jpe?g|gif|bmp|webp)$/i.test(alt.trim()) ? alt.trim() : ''
    warn(scan, line, 'image remnant left out', whole)
    return keep ? ` ${keep} ` : ' '
  })
  text = text.replace(IMAGE_NAME, (_whole, lead: string, name: string) => {
    if (/^https?:/i.test(name)) return `${lead}${name}`
    warn(scan, line, 'image file name left out', name)
    return lead
  })
  text = text.replace(/\s+/g, ' ').trim()
  return text ? { ...line, text } : undefined
}

/** `1. a 2. b 3. c` → entries, numbers in order from 1; undefined when fewer than two. */
function inlineEntries(text: string): { before: string; entries: Array<{ number: string; title: string }> } | undefined {
  const marks: Array<{ n: number; at: number; end: number }> = []
  let expected = 1
  for (const m of text.matchAll(/(?:^|\s)(\d{1,2})\s*[.)]\s+/g)) {
    if (Number(m[1]) !== expected) continue
    marks.push({ n: expected, at: m.index, end: m.index + m[0].length })
    expected++
  }
  if (marks.length < 2) return undefined
  const entries = marks.map((m, i) => ({
    number: String(m.n),
    title: squash(text.slice(m.end, i + 1 < marks.length ? marks[i + 1].at : text.length))
  }))
  return { before: squash(text.slice(0, marks[0].at)), entries }
}

/** A references line's entries: split after each URL and before `(25.12.19, 科技部)`-style openings. */
function referenceLines(text: string): string[] {
  return text
    .replace(URL_RE, (u) => `${u}\n`)
    .split('\n')
    .flatMap((p) => p.split(/\s+(?=\(\s*\d{2,4}\s*\.\s*\d{1,2}\s*\.\s*\d{1,2}\s*,)/))
    .map((s) => s.trim())
    .filter(Boolean)
}

function tokenize(lines: Line[], profile: PostProfile, scan: Scan): void {
  const { tokens } = scan
  // metadata lines are read before the body: until a bullet, a table or the second line of text
  let bodyStarted = false
  let textLines = 0
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]
    const line = dropImages(raw, scan)
    if (!line) continue
    const t = line.text
    const n = t.normalize('NFKC')
    if (CHROME_LINE.test(n) || BOARD_NOTE.test(n) || VIEWS_LINE.test(n) || COPYRIGHT.test(n)) {
      tokens.push({ k: 'chrome', line, why: 'site chrome left out' })
      continue
    }
    if (PREV_NEXT.test(n)) {
      tokens.push({ k: 'chrome', line, why: 'link to another post left out' })
      continue
    }
    if (!bodyStarted && profile.menus?.test(n)) {
      tokens.push({ k: 'chrome', line, why: 'site menu left out' })
      continue
    }
    if (PIPE_ROW.test(t)) {
      const rows = [t]
      while (i + 1 < lines.length && PIPE_ROW.test(lines[i + 1].text)) rows.push(lines[++i].text)
      tokens.push({ k: 'table', rows, line })
      bodyStarted = true
      continue
    }
    const meta = META_LINE.exec(t)
    const metaValue = meta ? squash(meta[3]) : ''
    const isDateMeta = meta && (DATE_LABEL.test(meta[1]) || ORIGINAL_DATE_LABEL.test(meta[1])) && datesIn(metaValue).length > 0
    if (meta && (isDateMeta || (!bodyStarted && (meta[2].trim() !== '' || t.length <= 40) && metaValue.length <= 120))) {
      const label = meta[1].replace(/\s+/g, '')
      tokens.push({ k: 'meta', label, value: metaValue, line, board: BOARD_DATE_LABEL.test(label) })
      continue
    }
    const heading = HEADING.exec(t)
    if (heading) {
      tokens.push({ k: 'heading', level: heading[1].length, text: squash(heading[2]), line })
      continue
    }
    const contents = CONTENTS.exec(n)
    if (contents && /목\s*차/.test(n.slice(0, 6))) {
      const inline = inlineEntries(t.replace(/^.*?목\s*차\s*[\]>】〉)]?\s*[:：]?\s*/, ''))
      if (inline) {
        tokens.push({ k: 'contents', entries: inline.entries, line })
        if (inline.before) tokens.push({ k: 'text', line: { ...line, text: inline.before } })
        continue
      }
      if (contents[1].trim() === '') {
        const entries: Array<{ number: string; title: string }> = []
        while (i + 1 < lines.length) {
          const m = /^(\d{1,2})\s*[.)]\s+(\S.*)$/.exec(lines[i + 1].text)
          if (!m || Number(m[1]) !== entries.length + 1) break
          entries.push({ number: m[1], title: squash(m[2]) })
          i++
        }
        if (entries.length > 0) {
          tokens.push({ k: 'contents', entries, line })
          continue
        }
      }
    }
    const refs = REFS.exec(t)
    if (refs) {
      tokens.push({ k: 'refs', line })
      for (const entry of referenceLines(refs[3] ?? '')) tokens.push({ k: 'text', line: { ...line, text: entry } })
      bodyStarted = true
      continue
    }
    tokens.push({ k: 'text', line })
    textLines++
    if (textLines >= 2 || bulletOf(t) || FOOTNOTE.test(t)) bodyStarted = true
  }
}

// ── 3. title, publisher, dates ─────────────────────────────────────────────────────────────────────────────

const BULLET_LINE = /^(?:([□■▶▷►●○◦⚪◯•∙·▪\-–－º°✓➢◆◇])\s*|(ㅇ|l)\s+(?=[^\sA-Za-z]))(\S.*)$/u

/** A bullet line's mark and text. */
function bulletOf(text: string): { mark: string; text: string } | undefined {
  const m = BULLET_LINE.exec(text)
  return m ? { mark: m[1] ?? m[2], text: m[3] } : undefined
}
const BULLET_RANK: Record<string, number> = {
  '□': 1, '■': 1, '▶': 1, '▷': 1, '►': 1, '◆': 1,
  '●': 2, '○': 2, '◦': 2, '⚪': 2, '◯': 2, 'ㅇ': 2, '•': 2, '◇': 2,
  // Hancom's Wingdings bullet under an ㅇ line, its glyph lost
  l: 2.5,
  '-': 3, '–': 3, '－': 3, '·': 3, '∙': 3, '▪': 3, 'º': 3, '°': 3, '✓': 3, '➢': 3
}
const FOOTNOTE = /^(\*{1,3}|※)\s*(\S.*)$/
const SENTENCE_END = /(다|음|함|됨|임|요|니다)\s*[.。]?\s*$/

function isPlainTitleCandidate(text: string): boolean {
  return text.length <= 150 && !bulletOf(text) && !FOOTNOTE.test(text) && !SENTENCE_END.test(text) && !/^https?:/.test(text)
}

interface Subhead {
  kind: string
  n: number
  title: string
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']

function subheadOf(token: Token): Subhead | undefined {
  if (token.k === 'heading') return { kind: `h${token.level}`, n: 0, title: token.text }
  if (token.k !== 'text' || token.line.indent > 1) return undefined
  const t = token.line.text
  const n = t.normalize('NFKC')
  let m: RegExpExecArray | null
  let sub: Subhead | undefined
  if ((m = /^([①-⑳])\s*(\S.*)$/u.exec(t))) sub = { kind: 'circled', n: CIRCLED.indexOf(m[1]) + 1, title: m[2] }
  else if ((m = /^(X|IX|IV|V?I{1,3}|V)\s*[.)]\s*(\S.*)$/.exec(n))) sub = { kind: 'roman', n: ROMAN.indexOf(m[1]) + 1, title: t.replace(/^\S+?\s*[.)]\s*/, '') }
  else if ((m = /^(\d{1,2})\.\s+(\S.*)$/.exec(n))) sub = { kind: 'dot', n: Number(m[1]), title: t.replace(/^\S+?\.\s+/, '') }
  else if ((m = /^(\d{1,2})\)\s*(\S.*)$/.exec(n))) sub = { kind: 'paren', n: Number(m[1]), title: t.replace(/^\S+?\)\s*/, '') }
  if (!sub) return undefined
  const title = squash(sub.title)
  if (title.length > 100 || SENTENCE_END.test(title)) return undefined
  return { ...sub, title }
}

/** Indices of the tokens that start items: the first kind with two or more subheads in order. */
function itemStarts(tokens: Token[]): Array<{ at: number; title: string; n: number }> {
  const subs = tokens.map((t, at) => ({ at, sub: subheadOf(t) })).filter((s) => s.sub !== undefined)
  const levels = subs.filter((s) => s.sub!.kind.startsWith('h')).map((s) => s.sub!.kind)
  const topHeading = levels.sort()[0]
  if (topHeading) {
    const headings = subs.filter((s) => s.sub!.kind === topHeading)
    if (headings.length >= 2) return headings.map((s) => ({ at: s.at, title: s.sub!.title, n: 0 }))
  }
  let best: Array<{ at: number; title: string; n: number }> = []
  for (const kind of ['roman', 'circled', 'dot', 'paren']) {
    const ofKind = subs.filter((s) => s.sub!.kind === kind)
    const chosen: Array<{ at: number; title: string; n: number }> = []
    let expected = 1
    for (const s of ofKind) {
      if (s.sub!.n !== expected) continue
      chosen.push({ at: s.at, title: s.sub!.title, n: expected })
      expected++
    }
    // the outermost numbering is the one that starts first
    if (chosen.length >= 2 && (best.length === 0 || chosen[0].at < best[0].at)) best = chosen
  }
  return best
}

// ── 4. blocks ──────────────────────────────────────────────────────────────────────────────────────────────

function splitPipeRow(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '')
  return inner.split(/(?<!\\)\|/).map((c) => squash(c.replace(/\\\|/g, '|').replace(/<br\s*\/?>/gi, ' ')))
}

function pipeTable(rows: string[]): Table {
  const data = rows.filter((r) => !/^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/.test(r.trim())).map(splitPipeRow)
  const columns = data[0] ?? []
  const width = Math.max(columns.length, ...data.map((r) => r.length))
  const body = data.slice(1).map((r) => Array.from({ length: width }, (_, i) => ({ text: r[i] ?? '' })))
  while (columns.length < width) columns.push('')
  return { columns, rows: body }
}

interface ItemDraft {
  title: string
  tokens: Token[]
  /** The number as printed (subheads), else the next in order. */
  number?: number
}

function buildBlocks(item: Item, tokens: Token[], published: string, scan: Scan): void {
  const blocks = item.blocks
  let inRefs = false
  let awaiting: Extract<Block, { kind: 'reference' }> | undefined
  const drafts: Array<{ rank: number; indent: number; block: Extract<Block, { kind: 'bullet' }> }> = []
  let first = true
  for (const token of tokens) {
    if (token.k === 'chrome') {
      warn(scan, token.line, token.why)
      continue
    }
    if (token.k === 'table') {
      blocks.push({ kind: 'table', table: pipeTable(token.rows) })
      inRefs = false
      first = false
      continue
    }
    if (token.k === 'refs') {
      inRefs = true
      continue
    }
    if (token.k === 'meta' || token.k === 'contents') continue
    const text = token.k === 'heading' ? token.text : squash(token.line.text)
    if (!text) continue
    const bullet = token.k === 'text' ? bulletOf(text) : undefined
    const rank = bullet ? (BULLET_RANK[bullet.mark] ?? 2) : 0
    const footnote = token.k === 'text' ? FOOTNOTE.exec(text) : null
    if (inRefs && (token.k === 'heading' || footnote || rank === 1 || (rank === 2 && !HAS_URL.test(text)))) inRefs = false
    if (inRefs) {
      const urls = [...text.matchAll(URL_RE)].map((m) => m[0])
      const title = squash(text.replace(URL_RE, ' ').replace(/^[-–•·☞▷▶◦]\s*/, ''))
      if (urls.length === 0) {
        awaiting = { kind: 'reference', title, url: '' }
        blocks.push(awaiting)
      } else if (!title && awaiting && awaiting.url === '') {
        awaiting.url = urls[0]
        awaiting = undefined
        for (const u of urls.slice(1)) blocks.push({ kind: 'reference', title: u, url: u })
      } else {
        blocks.push({ kind: 'reference', title: title || urls[0], url: urls[0] })
        for (const u of urls.slice(1)) blocks.push({ kind: 'reference', title: u, url: u })
        awaiting = undefined
      }
      first = false
      continue
    }
    if (footnote) {
      blocks.push({ kind: 'footnote', marker: footnote[1], text: squash(footnote[2]), level: token.line.indent > 0 ? 2 : 1 })
      first = false
      continue
    }
    if (bullet) {
      if (bullet.mark === 'l') warn(scan, token.line, "a lost Wingdings bullet ('l') read as a bullet", 'l')
      const body = squash(bullet.text)
      if (first && rank === 1 && (trailingEventDate(body, published) !== undefined || body.length > 40)) {
        blocks.push({ kind: 'headline', text: body })
        item.date ??= trailingEventDate(body, published)
      } else {
        const block: Extract<Block, { kind: 'bullet' }> = { kind: 'bullet', text: body, level: 1 }
        drafts.push({ rank, indent: token.line.indent, block })
        blocks.push(block)
        item.date ??= trailingEventDate(body, published)
      }
      first = false
      continue
    }
    blocks.push({ kind: 'paragraph', text })
    first = false
  }
  // levels are dense: the marks an item uses, outermost first, are levels 1, 2, 3 …
  const ranks = [...new Set(drafts.map((d) => d.rank))].sort((a, b) => a - b)
  for (const d of drafts) d.block.level = Math.min(4, ranks.indexOf(d.rank) + 1 + Math.floor(d.indent / 2))
}

// ── 5. the briefing ────────────────────────────────────────────────────────────────────────────────────────

/** Parses a single post. Never throws; unrecognised text becomes paragraphs. */
export function parsePost(doc: ExtractedDocument, ctx: LayoutContext, profile: PostProfile): Briefing {
  const scan: Scan = { tokens: [], warnings: [] }
  const lines = splitLinesOf(typeof doc.text === 'string' ? doc.text : '')
  tokenize(lines, profile, scan)
  const tokens = scan.tokens

  // title: the format's metadata, a heading or first plain line before the body, else the first words
  let title = doc.meta.title ? squash(doc.meta.title.normalize('NFC')) : ''
  let issuer: string | undefined
  let firstBody = tokens.findIndex((t) => t.k === 'text' || t.k === 'heading' || t.k === 'table')
  if (title) {
    const same = tokens.findIndex((t, i) => i <= firstBody + 2 && t.k !== 'chrome' && tokenText(t) !== '' && normaliseTitle(tokenText(t)) === normaliseTitle(title))
    if (same >= 0) tokens.splice(same, 1)
  } else if (firstBody >= 0) {
    const first = tokens[firstBody]
    const masthead = first.k === 'text' ? mastheadOf(squash(first.line.text)) : undefined
    if (masthead !== undefined) {
      issuer = masthead
      tokens.splice(firstBody, 1)
      firstBody = tokens.findIndex((t) => t.k === 'text' || t.k === 'heading' || t.k === 'table')
    }
  }
  if (!title && firstBody >= 0) {
    const t = tokens[firstBody]
    const candidate = t.k === 'heading' ? t.text : t.k === 'text' ? squash(t.line.text) : ''
    if (candidate && (t.k === 'heading' || isPlainTitleCandidate(candidate))) {
      title = candidate
      tokens.splice(firstBody, 1)
    }
  }
  const allText = lines.map((l) => l.text).join(' ')
  if (!title) {
    const words = squash(allText).slice(0, 60)
    title = words || ctx.fileName.replace(/\.[^.]+$/, '') || '제목 없음'
  }

  // publisher
  const edgeText = [...lines.slice(0, 8), ...lines.slice(-8)].map((l) => l.text).join(' ')
  const known =
    profile.publisher ?? knownPublisherOf(doc.meta.publisher) ?? knownPublisherOf(doc.meta.url) ?? knownPublisherOf(edgeText)
  const publisher = known?.name ?? doc.meta.publisher ?? hostOf(doc.meta.url) ?? ''
  const series = known?.postSeries ?? (publisher || '가져온 문서')

  // dates
  const metas = tokens.filter((t): t is Extract<Token, { k: 'meta' }> => t.k === 'meta')
  const labelled = metas.filter((m) => DATE_LABEL.test(m.label)).map((m) => datesIn(m.value)[0]?.date).find(Boolean)
  const original = metas.filter((m) => ORIGINAL_DATE_LABEL.test(m.label)).map((m) => datesIn(m.value)[0]?.date).find(Boolean)
  const tableDate = tokens
    .filter((t): t is Extract<Token, { k: 'table' }> => t.k === 'table')
    .map((t) => tableMetaDate(t.rows))
    .find(Boolean)
  const early = tokens
    .slice(0, 4)
    .filter((t) => t.k === 'text' || t.k === 'heading')
    .map((t) => datesIn(tokenText(t))[0]?.date)
    .find(Boolean)
  const eventDate = tokens
    .filter((t) => t.k === 'text')
    .map((t) => {
      const close = /\(([^()]*)\)\s*$/.exec(tokenText(t))
      return close ? datesIn(`(${close[1]})`)[0]?.date : undefined
    })
    .find(Boolean)
  const fromDocument =
    doc.meta.published ?? labelled ?? tableDate?.published ?? datesIn(title)[0]?.date ?? early ?? original ?? tableDate?.original ?? eventDate
  const published = fromDocument ?? ctx.importDate
  const id = postId(publisher || series, published, title)

  // contents
  const contents: ContentsSection[] = tokens
    .filter((t): t is Extract<Token, { k: 'contents' }> => t.k === 'contents')
    .flatMap((t) => t.entries.map((e) => ({ number: e.number, title: e.title, categories: [] })))

  // items
  const starts = itemStarts(tokens)
  const drafts: ItemDraft[] = []
  if (starts.length === 0) drafts.push({ title, tokens })
  else {
    const intro = tokens.slice(0, starts[0].at)
    if (intro.some((t) => t.k === 'text' || t.k === 'table' || t.k === 'heading')) drafts.push({ title, tokens: intro, number: starts[0].n > 0 ? 0 : undefined })
    else drafts.push({ title: '', tokens: intro })
    starts.forEach((s, i) =>
      drafts.push({ title: s.title, number: s.n > 0 ? s.n : undefined, tokens: tokens.slice(s.at + 1, starts[i + 1]?.at ?? tokens.length) })
    )
  }
  for (const m of metas) if (m.board) warn(scan, m.line, 'board date read as the publication date')
  const shown = metas.filter((m) => !m.board)
  const metaTable: Table | undefined =
    shown.length > 0 ? { columns: ['항목', '내용'], rows: shown.map((m) => [{ text: m.label }, { text: m.value }]) } : undefined
  const items: Item[] = []
  for (const draft of drafts) {
    if (!draft.title) {
      // chrome before the first subhead: its warnings still count
      for (const t of draft.tokens) if (t.k === 'chrome') warn(scan, t.line, t.why)
      continue
    }
    const number = String(draft.number ?? items.length + 1).padStart(2, '0')
    const item: Item = { id: itemId(id, 'I', number), section: 'I', number, title: draft.title, regions: regionsOfTitle(draft.title), blocks: [] }
    if (items.length === 0 && metaTable) item.blocks.push({ kind: 'table', table: metaTable })
    buildBlocks(item, draft.tokens, published, scan)
    if (items.length === 0) item.date ??= original
    items.push(item)
  }
  if (items.length === 0) {
    items.push({ id: itemId(id, 'I', '01'), section: 'I', number: '01', title, regions: regionsOfTitle(title), blocks: metaTable ? [{ kind: 'table', table: metaTable }] : [] })
  }
  scan.warnings.sort((a, b) => a.line - b.line)

  const website = known?.website ?? originOf(doc.meta.url)
  const briefing: Briefing = {
    id,
    series,
    published,
    publisher,
    issuer: '',
    contents,
    summary: [],
    sections: [{ number: 'I', title: '', items }],
    colophon: { series, published, publisher },
    sourceHash: ctx.sourceHash,
    sourceFile: ctx.fileName,
    warnings: scan.warnings,
    kind: 'post',
    title,
    format: doc.format,
    layout: { name: profile.name, version: profile.version },
    publishedFrom: fromDocument ? 'document' : 'import-date'
  }
  if (known) briefing.publisherEnglish = known.english
  if (website) {
    briefing.website = website
    briefing.colophon.website = website
  }
  if (issuer ?? doc.meta.author) briefing.colophon.issuer = issuer ?? doc.meta.author
  return briefing
}

/** A first line that only names a known publisher (and its office): the masthead, not the title. */
function mastheadOf(text: string): string | undefined {
  const known = knownPublisherOf(text)
  if (!known || text.length > 40) return undefined
  const rest = text.replace(known.pattern, '').trim()
  return rest.length <= 15 && !/\d/.test(rest) ? text : undefined
}

function tokenText(t: Token): string {
  if (t.k === 'heading') return t.text
  if (t.k === 'text') return squash(t.line.text)
  return ''
}

/** A metadata table (`| 국가 | 생성기관 | 원문발표일 |` over its values, or label | value rows): its dates. */
function tableMetaDate(rows: string[]): { published?: string; original?: string } | undefined {
  const table = pipeTable(rows)
  const pairs: Array<[string, string]> = []
  table.columns.forEach((c, i) => {
    const v = table.rows[0]?.[i]?.text
    if (v) pairs.push([c, v])
  })
  if (table.columns.length === 2) pairs.push([table.columns[0], table.columns[1]], ...table.rows.map((r): [string, string] => [r[0].text, r[1]?.text ?? '']))
  const find = (label: RegExp): string | undefined =>
    pairs.filter(([l]) => label.test(l.replace(/\s+/g, ''))).map(([, v]) => datesIn(v)[0]?.date).find(Boolean)
  const published = find(DATE_LABEL)
  const original = find(ORIGINAL_DATE_LABEL)
  return published || original ? { published, original } : undefined
}

