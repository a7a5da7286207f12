import { foldHanCodePoint } from './fold-han.ts'

/**
 * Version of the search normaliser. Stored in the index manifest: an index built by another version
 * is rebuilt, never loaded.
 */
export const NORMALIZER_VERSION = 1

/** Normalised text with, for every UTF-16 unit of it, the range of the source it came from. */
export interface NormalizedText {
  text: string
  /** `starts[k]`: source offset where the source of normalised unit k starts. */
  starts: Uint32Array
  /** `ends[k]`: source offset where it ends (exclusive). */
  ends: Uint32Array
}

const QUOTES: Record<string, string> = {
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"',
  '«': '"', '»': '"', '「': '"', '」': '"', '『': '"', '』': '"'
}

function isZeroWidth(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff || c === 0x00ad
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x85
}

function isDash(c: number): boolean {
  return (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d
}

/** Conjoining jamo and combining marks belong to the character before them. */
function continues(c: number): boolean {
  return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1160 && c <= 0x11ff) || (c >= 0xd7b0 && c <= 0xd7ff) ||
    (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f) || (c >= 0x3099 && c <= 0x309a) || c === 0x302a || c === 0x302b ||
    c === 0x302c || c === 0x302d || c === 0x302e || c === 0x302f || (c >= 0xfe00 && c <= 0xfe0f)
}

/** Characters whose normalised form is themselves: ASCII lower case and digits, Hangul syllables. */
function isPlain(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e)
}

const foldCache = new Map<string, string>()

/** NFKC, lower case, Han folding of one character cluster; spacing accents keep only their mark. */
function foldCluster(cluster: string): string {
  const hit = foldCache.get(cluster)
  if (hit !== undefined) return hit
  let folded = ''
  for (const c of cluster.normalize('NFKC').toLowerCase()) {
    folded += String.fromCodePoint(foldHanCodePoint(c.codePointAt(0) as number))
  }
  // NFKC turns spacing accents (¨ ´) into a space plus a combining mark: keep only the mark;
  // and presentation forms (﹁ ﹣) fold to quotes and dashes that fold again
  folded = [...folded.replace(/\s/g, '')]
    .map((c) => QUOTES[c] ?? (isDash(c.charCodeAt(0)) ? '-' : c))
    .join('')
  if (foldCache.size < 50_000) foldCache.set(cluster, folded)
  return folded
}

/** Pieces of text are joined into one string every this many, so a long text never holds millions of them. */
const JOIN_EVERY = 4096

/**
 * Normalises text for indexing, querying and highlighting: NFC/NFKC per character cluster (decomposed
 * Hangul composed, full-width → half-width, compatibility ideographs folded), curly quotes and dash
 * variants folded, zero-width characters dropped, whitespace collapsed to one space, Latin lower-cased,
 * traditional Han folded to simplified. Keeps an offset map back to the source.
 */
export function normalizeForSearch(source: string): NormalizedText {
  return normalize(source, true)
}

/** Normalised text only (no offset map): for queries and index terms. Same text as {@link normalizeForSearch}. */
export function normalizeText(source: string): string {
  return normalize(source, false).text
}

/**
 * The normaliser. Without `withMap` no offset map is kept (the maps cost 8 bytes per unit of text, 50 MB
 * for a 19 MB item) and the returned maps are empty.
 */
function normalize(source: string, withMap: boolean): NormalizedText {
  const len = source.length
  let starts = new Uint32Array(withMap ? len + 16 : 0)
  let ends = new Uint32Array(withMap ? len + 16 : 0)
  const done: string[] = []
  let parts: string[] = []
  const push = (s: string): void => {
    parts.push(s)
    if (parts.length >= JOIN_EVERY) {
      done.push(parts.join(''))
      parts = []
    }
  }
  let k = 0
  let lastSpace = true // drop leading whitespace
  // NFKC can expand a character a lot (ﷺ → 18 characters): grow the maps when needed
  const ensure = (n: number): void => {
    if (!withMap || k + n <= starts.length) return
    const grow = (a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> => {
      const b = new Uint32Array((k + n) * 2 + 16)
      b.set(a)
      return b
    }
    starts = grow(starts)
    ends = grow(ends)
  }
  const emit = (s: string, from: number, to: number): void => {
    push(s)
    if (!withMap) {
      k += s.length
      return
    }
    ensure(s.length)
    for (let u = 0; u < s.length; u++) {
      starts[k] = from
      ends[k] = to
      k++
    }
  }
  let i = 0
  let plainFrom = -1
  const flushPlain = (): void => {
    if (plainFrom >= 0 && plainFrom < i) push(source.slice(plainFrom, i))
    plainFrom = -1
  }
  while (i < len) {
    const c = source.charCodeAt(i)
    if (isPlain(c) && !(i + 1 < len && continues(source.charCodeAt(i + 1)))) {
      if (plainFrom < 0) plainFrom = i
      if (withMap) {
        ensure(1)
        starts[k] = i
        ends[k] = i + 1
      }
      k++
      lastSpace = false
      i++
      continue
    }
    flushPlain()
    const first = source.codePointAt(i) as number
    let j = i + (first > 0xffff ? 2 : 1)
    if (isSpace(first)) {
      if (!lastSpace) emit(' ', i, j)
      lastSpace = true
      i = j
      continue
    }
    while (j < len && continues(source.charCodeAt(j))) j++
    if (isZeroWidth(first)) {
      // dropped
    } else if (isDash(first)) {
      emit('-', i, j)
      lastSpace = false
    } else {
      const ch = source.slice(i, j)
      const q = QUOTES[ch]
      const out = q ?? (first < 0x80 && j === i + 1 ? ch.toLowerCase() : foldCluster(ch))
      if (out) {
        emit(out, i, j)
        lastSpace = false
      }
    }
    i = j
  }
  flushPlain()
  done.push(parts.join(''))
  let text = done.length === 1 ? done[0] : done.join('')
  if (text.endsWith(' ')) {
    text = text.slice(0, -1)
    k--
  }
  if (!withMap) return { text, starts, ends }
  return { text, starts: starts.slice(0, k), ends: ends.slice(0, k) }
}

/** Maps a range of normalised text back to the source range it came from. */
export function sourceRange(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  return { start: n.starts[start], end: n.ends[end - 1] }
}
