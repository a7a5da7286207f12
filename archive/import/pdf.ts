/**
 * PDF reader: pdfjs-dist's legacy build in Node (no browser Worker: the worker module runs in-process), CMaps and
 * standard fonts read from disk, no network, eval off. It rebuilds the text in the line convention of types.ts:
 *
 * 1. text items → lines: grouped by baseline (within 0.4 × the font size), sorted by x, a space where the gap is
 *    wider than a fraction of the font size (a wider one between Hangul or Han, so a syllable run stays whole);
 * 2. bordered tables: the page's operator list gives the ruling lines (thin filled rectangles, as Chromium and
 *    Hancom draw borders, and stroked lines); a group of crossing lines is a grid, its text items are assigned to
 *    cells and the table becomes pipe rows (header, `|---|`, body); a table continued on the next page is one table,
 *    its repeated header row dropped;
 * 3. running headers and footers (a line repeated, digits aside, at the top or the bottom of most pages) and page
 *    numbers (`- 3 -`, `3 / 12`, `Page 3`) are dropped;
 * 4. lines wrapped inside a paragraph are joined (the line was full — the next line's first word would not have
 *    fitted —, the left edge is the paragraph's, normal line spacing, no bullet, number or heading at the start);
 * 5. characters: Hancom's private-use bullet glyphs mapped (PUA_BULLETS), Kangxi radicals that CJK fonts' ToUnicode
 *    maps give for Hanja (⽬ U+2F6C) folded to the ideograph (目), the spaces a fallback font leaves around Hanja
 *    repaired (`텐무산(  天目山)` → `텐무산(天目山)`), NFC.
 *
 * A PDF without a text layer (a scan), one whose fonts have no Unicode mapping (garbage), a password-protected or
 * a broken one is an ImportError with a one-line reason.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { DocumentMeta, ExtractedDocument } from './types.ts'
import { ImportError } from './types.ts'

/** The most pages a PDF may have (research §4.3). */
export const MAX_PDF_PAGES = 2000
/** The most text a PDF may give (research §4.3). */
export const MAX_PDF_TEXT_CHARS = 20_000_000
/** Past this many ruling segments on a page, its tables are not rebuilt (a drawing, not a table). */
const MAX_SEGMENTS = 3000

// ---------------------------------------------------------------------------------------------------------------
// pdfjs loading

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

let assetDir: string | undefined
let loaded: Promise<Pdfjs> | undefined

/**
 * Where pdfjs-dist's `cmaps/`, `standard_fonts/` and `legacy/build/pdf.worker.mjs` are. Defaults to the installed
 * package; the packaged app points this at the copy it ships outside the asar.
 */
export function setPdfAssetDir(dir: string): void {
  assetDir = dir
}

function pdfjsDir(): string {
  if (assetDir) return assetDir
  const require = createRequire(import.meta.url)
  // legacy/build/pdf.mjs → the package folder
  return dirname(dirname(dirname(require.resolve('pdfjs-dist/legacy/build/pdf.mjs'))))
}

async function loadPdfjs(): Promise<Pdfjs> {
  loaded ??= (async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const workerPath = join(pdfjsDir(), 'legacy', 'build', 'pdf.worker.mjs')
    // In Node the legacy build runs a fake worker in this thread: give it the worker module itself (a bundler that
    // moved pdf.mjs cannot find "./pdf.worker.mjs" relative to it), and its path for good measure.
    const g = globalThis as { pdfjsWorker?: unknown }
    if (!g.pdfjsWorker) g.pdfjsWorker = await import(pathToFileURL(workerPath).href)
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(workerPath).href
    return pdfjs
  })()
  return loaded
}

// ---------------------------------------------------------------------------------------------------------------
// characters

/**
 * Private-use glyphs that Hancom (and Word) PDF exports leave for Symbol / Wingdings bullets, as the bullet a
 * reader means. F0xx is the Symbol-font range fonts without a Unicode map put these in.
 *
 * | code | glyph in the font | becomes |
 * |---|---|---|
 * | U+F0A7 | Wingdings ▪ small square | `▪` |
 * | U+F0B7 | Symbol • bullet | `•` |
 * | U+F06C | Wingdings ● (the `l` of a lost Wingdings glyph) | `●` |
 * | U+F06E | Wingdings ■ | `■` |
 * | U+F06F | Wingdings □ | `□` |
 * | U+F071 | Wingdings ❑ | `□` |
 * | U+F09F | Wingdings • small bullet | `•` |
 * | U+F0A1 | Wingdings ○ | `○` |
 * | U+F0A8 | Wingdings ◻ | `□` |
 * | U+F0D8 | Wingdings ➢ arrowhead | `▶` |
 * | U+F0E0 | Wingdings ➔ arrow | `▶` |
 * | U+F0FC | Wingdings ✓ check | `✓` |
 * | U+F0FE | Wingdings ☑ | `☑` |
 * | U+F076 | Wingdings ❖ | `◆` |
 * | U+F075 | Wingdings ◆ | `◆` |
 * | U+F0A2 | Wingdings ◦ | `◦` |
 * | U+F02D | Symbol − | `-` |
 * | U+F0BE | Symbol ─ | `-` |
 */
export const PUA_BULLETS: Readonly<Record<string, string>> = {
  '\uF0A7': '▪',
  '\uF0B7': '•',
  '\uF06C': '●',
  '\uF06E': '■',
  '\uF06F': '□',
  '\uF071': '□',
  '\uF09F': '•',
  '\uF0A1': '○',
  '\uF0A8': '□',
  '\uF0D8': '▶',
  '\uF0E0': '▶',
  '\uF0FC': '✓',
  '\uF0FE': '☑',
  '\uF076': '◆',
  '\uF075': '◆',
  '\uF0A2': '◦',
  '\uF02D': '-',
  '\uF0BE': '-'
}

const PUA_RE = new RegExp(`[${Object.keys(PUA_BULLETS).join('')}]`, 'g')
const HAN = '\\p{Script=Han}'
const HANGUL = '\\p{Script=Hangul}'

/**
 * CJK Radicals Supplement characters (U+2E80–U+2EFF) as the ideograph whose glyph they share. A CJK font maps both
 * code points to one glyph and a PDF's ToUnicode map may name the radical (Chromium does: 長 comes out as ⻑).
 * Kangxi radicals (U+2F00–U+2FDF) need no table: NFKC folds them. Derived from Noto Sans CJK KR's cmap (the
 * ideograph mapped to the radical's glyph).
 */
const RADICALS = [...'⺂⺃⺅⺇⺉⺋⺍⺎⺏⺐⺒⺓⺔⺖⺘⺙⺛⺞⺟⺠⺡⺣⺦⺨⺩⺫⺭⺮⺯⺰⺱⺲⺹⺺⺽⺾⻂⻃⻄⻅⻇⻈⻉⻊⻋⻍⻐⻑⻒⻓⻔⻕⻖⻘⻙⻚⻛⻜⻝⻞⻟⻠⻡⻢⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻲⻳']
const RADICAL_IDEOGRAPHS = [...'乛乚亻𠘨刂㔾𭕄兀尣尢巳幺彑忄扌攵旡歺母民氵灬丬犭𤣩罒礻𥫗糹纟罓罒耂肀𦥑艹衤覀西见𧢲讠贝𧾷车辶钅長镸长门𨸏阝青韦页风飞食𩙿飠饣𩠐马鱼鸟卤麦黄黾斉齐歯齿竜龙亀龟']
const RADICAL_MAP = new Map(RADICALS.map((r, i) => [r, RADICAL_IDEOGRAPHS[i]]))

/** Maps PUA bullets, folds Kangxi radicals (⽬ U+2F6C → 目) and radical supplement forms (⻑ → 長), NFC. */
export function mapGlyphs(text: string): string {
  return text
    .replace(PUA_RE, (c) => PUA_BULLETS[c] ?? c)
    .replace(/[\u2E80-\u2EFF]/g, (c) => RADICAL_MAP.get(c) ?? c)
    .replace(/[\u2F00-\u2FDF]/g, (c) => c.normalize('NFKC'))
    .normalize('NFC')
}

/**
 * Repairs the spaces a fallback font leaves around Hanja: inside brackets next to a Han run (`(  天目山 )` →
 * `(天目山)`), between Han characters of one run (`天 目山`, only inside brackets), and between a Hangul word and a
 * following bracketed Han run (`텐무산 (天目山)` → `텐무산(天目山)`).
 */
export function repairHanjaSpacing(text: string): string {
  const open = new RegExp(`([(（〔\\[])[ \\u00A0\\u3000]+(?=${HAN})`, 'gu')
  const close = new RegExp(`(${HAN})[ \\u00A0\\u3000]+(?=[)）〕\\]])`, 'gu')
  const inner = new RegExp(`([(（〔\\[])(${HAN}(?:${HAN}|[ \\u00A0\\u3000])*${HAN})(?=[)）〕\\]])`, 'gu')
  const before = new RegExp(`(${HANGUL})[ \\u00A0\\u3000]+(?=[(（][ \\u00A0\\u3000]*${HAN}[^)）]*[)）])`, 'gu')
  return text
    .replace(open, '$1')
    .replace(close, '$1')
    .replace(inner, (_m, b: string, run: string) => b + run.replace(/[\s\u3000]+/g, ''))
    .replace(before, '$1')
}

/** Share of readable characters; a font without a ToUnicode map gives PUA, control and replacement characters. */
export function textLooksReadable(text: string): boolean {
  let total = 0
  let good = 0
  let bad = 0
  for (const c of text) {
    if (/\s/.test(c)) continue
    total++
    if (/[\p{Script=Hangul}\p{Script=Han}A-Za-z0-9]/u.test(c)) good++
    else if (/[\uE000-\uF8FF\uFFFD\p{Cc}]/u.test(c) || (c.codePointAt(0) ?? 0) > 0xeffff) bad++
  }
  if (total < 20) return true
  return good / total >= 0.4 && bad / total <= 0.25
}

// ---------------------------------------------------------------------------------------------------------------
// geometry

interface Piece {
  str: string
  x: number
  y: number
  w: number
  size: number
}

interface Line {
  page: number
  x: number
  right: number
  y: number
  size: number
  text: string
  firstWord: number
}

interface TableBlock {
  page: number
  top: number
  bottom: number
  rows: string[][]
}

type Block = { kind: 'line'; line: Line } | { kind: 'table'; table: TableBlock; y: number }

const isHanOrHangul = (c: string | undefined): boolean => !!c && /[\p{Script=Hangul}\p{Script=Han}]/u.test(c)

/** Groups pieces into lines by baseline and joins each line's pieces in x order. */
function buildLines(pieces: Piece[], page: number): Line[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x)
  const groups: Piece[][] = []
  for (const p of sorted) {
    const g = groups[groups.length - 1]
    if (g && Math.abs(g[0].y - p.y) <= 0.4 * Math.min(g[0].size, p.size)) g.push(p)
    else groups.push([p])
  }
  const lines: Line[] = []
  for (const g of groups) {
    g.sort((a, b) => a.x - b.x)
    let text = ''
    let end = -Infinity
    let size = 0
    for (const p of g) size = Math.max(size, p.size)
    for (const p of g) {
      if (text) {
        const gap = p.x - end
        const prev = text[text.length - 1]
        const next = p.str[0]
        const limit = p.size * (isHanOrHangul(prev) && isHanOrHangul(next) ? 0.35 : 0.2)
        if (gap > limit && !/\s/.test(prev) && !/\s/.test(next)) text += ' '
      }
      text += p.str
      end = Math.max(end, p.x + p.w)
    }
    const body = text.replace(/\s+$/, '').trimStart()
    if (!body) continue
    const first = g.find((p) => p.str.trim() !== '') ?? g[0]
    // the line's characters with their estimated advances, pieces in x order
    const chars: string[] = []
    const widths: number[] = []
    for (const p of g.slice(g.indexOf(first))) {
      chars.push(...p.str)
      widths.push(...charWidths(p))
    }
    let k = 0
    let lead = 0
    for (; k < chars.length && /\s/.test(chars[k]); k++) lead += widths[k]
    // the first unit a line could have been broken after: up to a space, a middle dot, slash or hyphen, or before
    // an opening bracket
    let firstWord = 0
    for (let j = k; j < chars.length; j++) {
      if (/\s/.test(chars[j]) || (j > k && /[(（[〈<]/.test(chars[j]))) break
      firstWord += widths[j]
      if (j > k && /[·/\-–]/.test(chars[j]) && !/\d/.test(chars[j - 1] + (chars[j + 1] ?? ''))) break
    }
    lines.push({ page, x: first.x + lead, right: end, y: g[0].y, size, text: body, firstWord: firstWord || first.size })
  }
  return lines
}

/** Estimated advance of each character of a piece: Hangul, Han and full-width forms one em, the rest sharing what is left. */
function charWidths(p: Piece): number[] {
  const chars = [...p.str]
  const wide = chars.map((c) => /[\p{Script=Hangul}\p{Script=Han}\u3000-\u303F\uFF00-\uFF60□○◦●■▪☑✓※〈〉]/u.test(c))
  const wideCount = wide.filter(Boolean).length
  const narrowCount = chars.length - wideCount
  let em = p.size
  if (wideCount && wideCount * em > p.w) em = p.w / wideCount
  const narrow = narrowCount ? Math.max(0, p.w - wideCount * em) / narrowCount : 0
  return wide.map((w) => (w ? em : narrow))
}

interface Seg {
  /** 'h': y fixed, from a to b in x; 'v': x fixed, from a to b in y. */
  dir: 'h' | 'v'
  at: number
  a: number
  b: number
}

type Matrix = [number, number, number, number, number, number]

const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5]
]
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]

const THIN = 2.5

/** Ruling segments (table borders) from a page's operator list, and whether the page paints images. */
function rulings(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: Pdfjs['OPS']): { segs: Seg[]; images: number } {
  const segs: Seg[] = []
  let images = 0
  let ctm: Matrix = [1, 0, 0, 1, 0, 0]
  const stack: Matrix[] = []
  const strokeOps = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke])
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke])
  const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObjectGroup, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectRepeat])
  const addRect = (x0: number, y0: number, x1: number, y1: number): void => {
    const w = x1 - x0
    const h = y1 - y0
    if (w <= THIN && h > 4) segs.push({ dir: 'v', at: (x0 + x1) / 2, a: y0, b: y1 })
    else if (h <= THIN && w > 4) segs.push({ dir: 'h', at: (y0 + y1) / 2, a: x0, b: x1 })
  }
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]
    const args = ops.argsArray[i] as unknown[] | null
    if (fn === OPS.save) stack.push(ctm)
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm
    else if (fn === OPS.transform && args) ctm = mul(ctm, args.slice(0, 6) as Matrix)
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm)
      const m = args?.[0] as ArrayLike<number> | null | undefined
      if (m && m.length >= 6) ctm = mul(ctm, Array.from(m).slice(0, 6) as Matrix)
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm
    else if (imageOps.has(fn)) images++
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0]
      if (!data || (!strokeOps.has(paint) && !fillOps.has(paint))) continue
      // subpaths: 0 moveTo x y, 1 lineTo x y, 2 curveTo 6, 3 quadraticCurveTo 4, 4 closePath
      let pts: Array<[number, number]> = []
      const flush = (): void => {
        if (pts.length < 2) {
          pts = []
          return
        }
        if (fillOps.has(paint)) {
          const xs = pts.map((p) => p[0])
          const ys = pts.map((p) => p[1])
          addRect(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys))
        }
        if (strokeOps.has(paint)) {
          for (let k = 1; k < pts.length; k++) {
            const [ax, ay] = pts[k - 1]
            const [bx, by] = pts[k]
            if (Math.abs(ay - by) < 0.5 && Math.abs(ax - bx) > 4) segs.push({ dir: 'h', at: ay, a: Math.min(ax, bx), b: Math.max(ax, bx) })
            else if (Math.abs(ax - bx) < 0.5 && Math.abs(ay - by) > 4) segs.push({ dir: 'v', at: ax, a: Math.min(ay, by), b: Math.max(ay, by) })
          }
        }
        pts = []
      }
      for (let k = 0; k < data.length; ) {
        const op = data[k]
        if (op === 0) {
          flush()
          pts.push(apply(ctm, data[k + 1], data[k + 2]))
          k += 3
        } else if (op === 1) {
          pts.push(apply(ctm, data[k + 1], data[k + 2]))
          k += 3
        } else if (op === 2) {
          pts.push(apply(ctm, data[k + 5], data[k + 6]))
          k += 7
        } else if (op === 3) {
          pts.push(apply(ctm, data[k + 3], data[k + 4]))
          k += 5
        } else if (op === 4) {
          if (pts.length) pts.push(pts[0])
          k += 1
        } else break
      }
      flush()
    }
  }
  return { segs, images }
}

/** Positions within `tol` merged into one (sorted). */
function cluster(values: number[], tol: number): number[] {
  const out: number[] = []
  for (const v of [...values].sort((a, b) => a - b)) {
    if (out.length && v - out[out.length - 1] <= tol) continue
    out.push(v)
  }
  return out
}

interface Grid {
  xs: number[]
  /** Row boundaries, top first (descending y). */
  ys: number[]
}

/** Groups crossing ruling segments into grids. */
function grids(segs: Seg[]): Grid[] {
  const parent = segs.map((_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])))
  const tol = 2
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      const s = segs[i]
      const t = segs[j]
      let touch: boolean
      if (s.dir !== t.dir) {
        const h = s.dir === 'h' ? s : t
        const v = s.dir === 'h' ? t : s
        touch = v.at >= h.a - tol && v.at <= h.b + tol && h.at >= v.a - tol && h.at <= v.b + tol
      } else touch = Math.abs(s.at - t.at) <= tol && s.a <= t.b + tol && t.a <= s.b + tol
      if (touch) parent[find(i)] = find(j)
    }
  }
  const groups = new Map<number, Seg[]>()
  segs.forEach((s, i) => {
    const r = find(i)
    const g = groups.get(r)
    if (g) g.push(s)
    else groups.set(r, [s])
  })
  const out: Grid[] = []
  for (const g of groups.values()) {
    const xs = cluster(g.filter((s) => s.dir === 'v').map((s) => s.at), tol)
    const ys = cluster(g.filter((s) => s.dir === 'h').map((s) => s.at), tol).reverse()
    // one column is a box around text (a 〈※ 참고〉 box, a framed paragraph): its lines stay in the text
    if (xs.length >= 3 && ys.length >= 2) out.push({ xs, ys })
  }
  return out
}

const BULLET_START = /^(?:[□○◦●■▪▶▷►•·∙※\-–—*＊✓✔☑❍◎◆◇⚪º]|[①-⑳]|ㅇ\s|\d{1,2}[.)](?:\s|$)|\(\d{1,2}\)\s|[IVX]{1,4}[.)]?\s|[<〈《[【]|#)/u

const escapeCell = (s: string): string => s.replace(/\|/g, '\\|')

/** Text items inside a grid become its cells; returns the table and the pieces left outside every grid. */
function extractTables(pieces: Piece[], gridsOnPage: Grid[], page: number): { tables: TableBlock[]; rest: Piece[] } {
  const tables: TableBlock[] = []
  let rest = pieces
  for (const grid of gridsOnPage) {
    const { xs, ys } = grid
    const cells: Piece[][][] = ys.slice(1).map(() => xs.slice(1).map(() => []))
    const outside: Piece[] = []
    for (const p of rest) {
      const cx = p.x + p.w / 2
      const cy = p.y + p.size * 0.3
      const inside = cx > xs[0] && cx < xs[xs.length - 1] && cy < ys[0] && cy > ys[ys.length - 1]
      if (!inside) {
        outside.push(p)
        continue
      }
      if (!p.str.trim()) continue
      let r = 0
      while (r < ys.length - 2 && cy < ys[r + 1]) r++
      let c = 0
      while (c < xs.length - 2 && cx > xs[c + 1]) c++
      cells[r][c].push(p)
    }
    rest = outside
    let rows = cells.map((row) => row.map((ps) => cellText(ps, page)))
    rows = rows.filter((row) => row.some((t) => t !== ''))
    if (rows.length === 0) continue
    const keep = rows[0].map((_, c) => rows.some((row) => row[c] !== ''))
    rows = rows.map((row) => row.filter((_, c) => keep[c]))
    if (rows[0].length < 1) continue
    tables.push({ page, top: ys[0], bottom: ys[ys.length - 1], rows })
  }
  return { tables, rest }
}

function cellText(pieces: Piece[], page: number): string {
  if (pieces.length === 0) return ''
  const lines = buildLines(pieces, page)
  let out = ''
  for (const l of lines) {
    const t = cleanLine(l.text)
    if (!out) out = t
    else out += BULLET_START.test(t) ? `<br>${t}` : ` ${t}`
  }
  return out
}

const cleanLine = (t: string): string => repairHanjaSpacing(mapGlyphs(t)).replace(/[ \t\u00A0]+/g, ' ').trim()

// ---------------------------------------------------------------------------------------------------------------
// running headers, footers, page numbers

const PAGE_NUMBER = [/^[-–—]\s*\d{1,4}\s*[-–—]$/, /^\d{1,4}\s*\/\s*\d{1,4}$/, /^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i, /^\d{1,4}\s*(?:쪽|페이지)$/]

const keyOf = (text: string): string => text.normalize('NFKC').replace(/\d+/g, '#').replace(/\s+/g, '')

/** Drops running headers, footers and page numbers from the pages' blocks (in place). */
function dropFurniture(pages: Block[][], heights: number[], notes: string[]): void {
  const zone = (page: number, top: boolean): Line[] => {
    const lines = pages[page].flatMap((b) => (b.kind === 'line' ? [b.line] : []))
    const h = heights[page]
    const picked = top ? lines.slice(0, 2) : lines.slice(-2)
    return picked.filter((l) => (top ? l.y > h * 0.85 : l.y < h * 0.15))
  }
  const drop = new Set<Line>()
  let dropped = 0
  for (const top of [true, false]) {
    const counts = new Map<string, number>()
    for (let p = 0; p < pages.length; p++) {
      for (const k of new Set(zone(p, top).map((l) => keyOf(l.text)))) counts.set(k, (counts.get(k) ?? 0) + 1)
    }
    const need = Math.max(2, Math.ceil(pages.length * 0.5))
    for (let p = 0; p < pages.length; p++) {
      const seen = new Set<string>()
      for (const l of zone(p, top)) {
        const k = keyOf(l.text)
        const repeated = pages.length >= 2 && (counts.get(k) ?? 0) >= need && !seen.has(k)
        const number = PAGE_NUMBER.some((re) => re.test(l.text.trim())) || (!top && /^\d{1,4}$/.test(l.text.trim()) && l.y < heights[p] * 0.08)
        if (repeated || number) {
          seen.add(k)
          drop.add(l)
          dropped++
        }
      }
    }
  }
  for (let p = 0; p < pages.length; p++) pages[p] = pages[p].filter((b) => b.kind !== 'line' || !drop.has(b.line))
  if (dropped) notes.push(`dropped ${dropped} running header, footer and page-number lines`)
}

// ---------------------------------------------------------------------------------------------------------------
// assembling the text

function assemble(pages: Block[][], pageWidth: number): string {
  const lines = pages.flatMap((bs) => bs.flatMap((b) => (b.kind === 'line' ? [b.line] : [])))
  const leftEdge = Math.min(...lines.map((l) => l.x), Infinity)
  // the right margin: where the longest lines end, when several do; else as wide as the left margin
  const maxRight = Math.max(...lines.map((l) => l.right), 0)
  const reaching = lines.filter((l) => l.right >= maxRight - 2 * l.size).length
  const rightEdge = reaching >= 3 && maxRight >= pageWidth * 0.6 ? maxRight : Math.max(maxRight, pageWidth - leftEdge)
  // the body's lowest and highest baselines: a paragraph goes on on the next page only from a full page
  const bodyBottom = Math.min(...lines.map((l) => l.y), Infinity)
  const bodyTop = Math.max(...lines.map((l) => l.y), -Infinity)
  // the normal line step, as a multiple of the font size, from consecutive lines of one size on one page
  const ratios: number[] = []
  for (const bs of pages) {
    for (let i = 1; i < bs.length; i++) {
      const a = bs[i - 1]
      const b = bs[i]
      if (a.kind !== 'line' || b.kind !== 'line' || Math.abs(a.line.size - b.line.size) > 0.5) continue
      const r = (a.line.y - b.line.y) / a.line.size
      if (r > 0.9 && r < 3) ratios.push(Math.round(r * 20) / 20)
    }
  }
  // the tightest step that is common: lines wrapped inside a paragraph (separate paragraphs may be spaced wider)
  const counts = new Map<number, number>()
  for (const r of ratios) counts.set(r, (counts.get(r) ?? 0) + 1)
  const common = [...counts].filter(([, n]) => n >= Math.max(2, ratios.length * 0.05)).map(([r]) => r)
  const normal = common.length ? Math.min(...common) : ratios.length ? Math.min(...ratios) : 1.5

  const out: string[] = []
  let para: { first: Line; last: Line; count: number } | undefined
  let prevTable: { page: number; columns: number; header: string } | undefined
  let lastWasPageEnd = false
  const rowKey = (row: string[]): string => row.map((c) => c.normalize('NFKC').replace(/\s+/g, '')).join('\u0001')
  const pushBlank = (): void => {
    if (out.length && out[out.length - 1] !== '') out.push('')
  }
  for (let p = 0; p < pages.length; p++) {
    const bs = pages[p]
    for (let i = 0; i < bs.length; i++) {
      const b = bs[i]
      const pageStart = i === 0 && p > 0
      if (b.kind === 'table') {
        const t = b.table
        const header = rowKey(t.rows[0])
        const columns = t.rows[0].length
        // a table that goes on from the foot of the previous page: same columns, its header row repeated or not
        const goesOn = !!prevTable && pageStart && lastWasPageEnd && t.page === prevTable.page + 1 && prevTable.columns === columns
        if (prevTable && goesOn) {
          out.push(...(header === prevTable.header ? t.rows.slice(1) : t.rows).map(pipeRow))
          prevTable = { ...prevTable, page: t.page }
        } else {
          pushBlank()
          out.push(pipeRow(t.rows[0]), `|${t.rows[0].map(() => '---').join('|')}|`, ...t.rows.slice(1).map(pipeRow))
          prevTable = { page: t.page, columns, header }
        }
        para = undefined
        lastWasPageEnd = i === bs.length - 1
        if (!lastWasPageEnd) {
          prevTable = undefined
          out.push('')
        }
        continue
      }
      const l = b.line
      const text = cleanLine(l.text)
      if (!text) continue
      const prev = para?.last
      let join = false
      let gapBlank = false
      if (prev) {
        const samePage = prev.page === l.page
        const nextPage = l.page === prev.page + 1
        const step = (prev.y - l.y) / prev.size
        const spacingOk = samePage
          ? step > 0 && step <= normal + 0.1
          : nextPage &&
            prev.y <= bodyBottom + prev.size * (normal + 0.5) &&
            l.y >= bodyTop - l.size * (normal + 0.5) &&
            // across a page, where the paragraph gap is lost, only a line that ends at the margin goes on
            rightEdge - prev.right <= prev.size * 2
        const full = prev.right + prev.size * 0.3 + l.firstWord >= rightEdge - prev.size * 0.8
        const left =
          para!.count >= 2
            ? Math.abs(l.x - prev.x) <= prev.size * 0.5
            : l.x >= Math.min(para!.first.x, leftEdge) - prev.size * 0.5 && l.x <= para!.first.x + prev.size * 4
        const sameSize = Math.abs(l.size - prev.size) <= prev.size * 0.12
        join = spacingOk && full && left && sameSize && !BULLET_START.test(text)
        gapBlank = !samePage || step > normal + 0.4
      }
      if (join && para) {
        const last = out[out.length - 1]
        // a line broken after a middle dot, a slash or a hyphen inside a word had no space there
        // and one broken before a bracket after Hangul or Han (`출범(1.26)`) neither
        const glue =
          (/\S[·/\-–]$/.test(last) && /^[\p{L}\p{N}]/u.test(text)) || (/[\p{Script=Hangul}\p{Script=Han}]$/u.test(last) && /^[(（]/.test(text)) ? '' : ' '
        out[out.length - 1] = last + glue + text
        para = { first: para.first, last: l, count: para.count + 1 }
      } else {
        if (gapBlank || (!prev && out.length)) pushBlank()
        // the indent as leading spaces, one per font size past the body's left edge (the layouts read bullet levels
        // from it)
        const indent = Math.min(8, Math.max(0, Math.round((l.x - leftEdge) / l.size)))
        out.push(' '.repeat(indent) + text)
        para = { first: l, last: l, count: 1 }
      }
      prevTable = undefined
      lastWasPageEnd = false
    }
    // a paragraph may go on on the next page; a table too (handled above)
    if (bs.length && bs[bs.length - 1].kind === 'line') lastWasPageEnd = true
  }
  while (out.length && out[out.length - 1] === '') out.pop()
  return out.join('\n') + '\n'
}

const pipeRow = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`

// ---------------------------------------------------------------------------------------------------------------
// metadata

function pdfDate(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined
  const m = /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(raw.trim())
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (y < 1990 || y > 2100 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined
  return `${m[1]}-${m[2]}-${m[3]}`
}

function metaOf(info: Record<string, unknown>): DocumentMeta {
  const meta: DocumentMeta = {}
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? mapGlyphs(v.trim()) : undefined)
  const title = str(info.Title)
  // a converter's file name or placeholder is not a title
  if (title && !/\.(?:html?|hwpx?|docx?|pptx?|txt|pdf)$/i.test(title) && !/^(?:untitled|제목 없음|microsoft word - .*)$/i.test(title)) meta.title = title
  const author = str(info.Author)
  if (author) meta.author = author
  const published = pdfDate(info.CreationDate)
  if (published) meta.published = published
  return meta
}

// ---------------------------------------------------------------------------------------------------------------
// the reader

interface PdfjsTextItem {
  str?: string
  transform?: number[]
  width?: number
}

/** Reads a PDF's text layer into the line convention; throws ImportError for a PDF it cannot use. */
export async function readPdf(bytes: Uint8Array, name: string): Promise<ExtractedDocument> {
  void name
  const pdfjs = await loadPdfjs()
  const dir = pdfjsDir()
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: join(dir, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(dir, 'standard_fonts') + '/',
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: false,
    maxImageSize: 4096 * 4096,
    verbosity: 0
  })
  try {
    let doc
    try {
      doc = await task.promise
    } catch (e) {
      const err = e as { name?: string; message?: string }
      if (err?.name === 'PasswordException') throw new ImportError('password-protected PDF')
      throw new ImportError(`not a readable PDF (${oneLine(err?.message ?? String(e))})`)
    }
    if (doc.numPages > MAX_PDF_PAGES) throw new ImportError(`too many pages (${doc.numPages}; the limit is ${MAX_PDF_PAGES})`)
    const notes: string[] = []
    const pages: Block[][] = []
    const heights: number[] = []
    const imageOnly: number[] = []
    const pageImages: number[] = []
    let pageWidth = 0
    let rotated = 0
    let textPages = 0
    let tablesFound = 0
    for (let n = 1; n <= doc.numPages; n++) {
      let page
      try {
        page = await doc.getPage(n)
      } catch (e) {
        throw new ImportError(`not a readable PDF (page ${n}: ${oneLine((e as Error)?.message ?? String(e))})`)
      }
      let content
      let ops
      try {
        content = await page.getTextContent()
        ops = await page.getOperatorList()
      } catch (e) {
        throw new ImportError(`not a readable PDF (page ${n}: ${oneLine((e as Error)?.message ?? String(e))})`)
      }
      const [x0, y0, x1, y1] = page.view as number[]
      heights.push(Math.abs(y1 - y0))
      pageWidth = Math.max(pageWidth, Math.abs(x1 - x0))
      const pieces: Piece[] = []
      for (const raw of content.items as PdfjsTextItem[]) {
        if (!raw.str || !raw.transform) continue
        const t = raw.transform
        const size = Math.hypot(t[2], t[3]) || Math.hypot(t[0], t[1]) || 10
        // rotated text (a diagonal watermark, a label up the margin) is not part of the reading order
        if (Math.abs(t[1]) > size * 0.17 || Math.abs(t[2]) > size * 0.17) {
          if (raw.str.trim()) rotated++
          continue
        }
        // pdfjs gives a NUL before each character of a CID font without an embedded program: never text
        const str = raw.str.includes('\u0000') ? raw.str.replace(/\u0000/g, '') : raw.str
        if (str) pieces.push({ str, x: t[4], y: t[5] - y0, w: raw.width ?? 0, size })
      }
      const { segs, images } = rulings(ops as { fnArray: number[]; argsArray: unknown[] }, pdfjs.OPS)
      page.cleanup()
      pageImages.push(images)
      const hasText = pieces.some((p) => p.str.trim() !== '')
      if (!hasText) {
        if (images > 0) imageOnly.push(n)
        pages.push([])
        continue
      }
      textPages++
      for (const s of segs) if (s.dir === 'h') s.at -= y0
      for (const s of segs) if (s.dir === 'v') [s.a, s.b] = [s.a - y0, s.b - y0]
      if (segs.length > MAX_SEGMENTS) notes.push(`page ${n}: ${segs.length} ruling lines, too many to rebuild tables from; its text is read as lines`)
      const { tables, rest } = extractTables(pieces, segs.length > MAX_SEGMENTS ? [] : grids(segs), n)
      tablesFound += tables.length
      const blocks: Block[] = [
        ...buildLines(rest, n).map((line): Block => ({ kind: 'line', line })),
        ...tables.map((table): Block => ({ kind: 'table', table, y: table.top }))
      ]
      blocks.sort((a, b) => (b.kind === 'line' ? b.line.y : b.y) - (a.kind === 'line' ? a.line.y : a.y))
      pages.push(blocks)
    }
    if (textPages === 0) {
      if (imageOnly.length) throw new ImportError(`no text layer: a scanned PDF (${doc.numPages} ${doc.numPages === 1 ? 'page' : 'pages'} of images); OCR it first`)
      throw new ImportError(`the PDF has no text (${doc.numPages} empty ${doc.numPages === 1 ? 'page' : 'pages'})`)
    }
    dropFurniture(pages, heights, notes)
    // a page left with nothing but its running header or page number is a scan too
    for (let p = 0; p < pages.length; p++) {
      if (pages[p].length === 0 && pageImages[p] > 0 && !imageOnly.includes(p + 1)) imageOnly.push(p + 1)
    }
    imageOnly.sort((a, b) => a - b)
    if (pages.every((bs) => bs.length === 0) && pageImages.some((n) => n > 0)) {
      throw new ImportError(`no text layer: a scanned PDF (${doc.numPages} ${doc.numPages === 1 ? 'page' : 'pages'} of images); OCR it first`)
    }
    if (imageOnly.length) {
      notes.push(`${imageOnly.length === 1 ? 'page' : 'pages'} ${imageOnly.join(', ')} ${imageOnly.length === 1 ? 'has' : 'have'} no text layer (images only): not imported; OCR ${imageOnly.length === 1 ? 'it' : 'them'} to keep the text`)
    }
    if (rotated) notes.push(`dropped ${rotated} rotated text ${rotated === 1 ? 'run' : 'runs'} (watermarks or margin labels)`)
    const text = assemble(pages, pageWidth)
    if (text.length > MAX_PDF_TEXT_CHARS) {
      throw new ImportError(`too much text (${(text.length / 1e6).toFixed(1)} million characters; the limit is ${MAX_PDF_TEXT_CHARS / 1e6} million)`)
    }
    if (!textLooksReadable(text)) {
      throw new ImportError('the text cannot be read: its fonts have no Unicode mapping (the PDF gives glyph codes, not letters); export it again with embedded Unicode fonts or OCR it')
    }
    if (tablesFound) notes.push(`rebuilt ${tablesFound} bordered ${tablesFound === 1 ? 'table' : 'tables'} from cell positions`)
    let info: Record<string, unknown> = {}
    try {
      info = ((await doc.getMetadata()).info ?? {}) as Record<string, unknown>
    } catch {
      notes.push('the PDF info dictionary could not be read')
    }
    return { format: 'pdf', text, meta: metaOf(info), notes }
  } catch (e) {
    if (e instanceof ImportError) throw e
    // pdfjs failing on a damaged page or stream, past the document's opening
    throw new ImportError(`not a readable PDF (${oneLine((e as Error)?.message ?? String(e))})`)
  } finally {
    await task.destroy()
  }
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim().replace(/\.$/, '')
