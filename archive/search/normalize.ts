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

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/
const SPACE = /[\s\u3000\u00A0]/
const QUOTES: Record<string, string> = {
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"',
  '«': '"', '»': '"', '「': '"', '」': '"', '『': '"', '』': '"'
}
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/
/** Conjoining jamo and combining marks that belong to the character before them. */
const CONTINUES = /[\u1160-\u11FF\uD7B0-\uD7FF\p{M}]/u

/**
 * Normalises text for indexing, querying and highlighting: NFC/NFKC per character cluster (decomposed
 * Hangul composed, full-width → half-width, compatibility ideographs folded), curly quotes and dash
 * variants folded, zero-width characters dropped, whitespace collapsed to one space, Latin lower-cased,
 * traditional Han folded to simplified. Keeps an offset map back to the source.
 */
export function normalizeForSearch(source: string): NormalizedText {
  const out: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  const emit = (s: string, from: number, to: number): void => {
    for (let k = 0; k < s.length; k++) {
      out.push(s[k])
      starts.push(from)
      ends.push(to)
    }
  }
  let i = 0
  while (i < source.length) {
    const first = source.codePointAt(i) as number
    let j = i + (first > 0xffff ? 2 : 1)
    while (!SPACE.test(String.fromCodePoint(first)) && j < source.length && CONTINUES.test(String.fromCodePoint(source.codePointAt(j) as number))) {
      j += (source.codePointAt(j) as number) > 0xffff ? 2 : 1
    }
    const cluster = source.slice(i, j)
    const ch = String.fromCodePoint(first)
    if (ZERO_WIDTH.test(ch)) {
      // dropped
    } else if (SPACE.test(ch)) {
      if (out.length > 0 && out[out.length - 1] !== ' ') emit(' ', i, j)
    } else if (QUOTES[ch]) {
      emit(QUOTES[ch], i, j)
    } else if (DASHES.test(ch)) {
      emit('-', i, j)
    } else {
      let folded = ''
      for (const c of cluster.normalize('NFKC').toLowerCase()) {
        folded += String.fromCodePoint(foldHanCodePoint(c.codePointAt(0) as number))
      }
      // NFKC turns spacing accents (¨ ´) into a space plus a combining mark: keep only the mark
      emit(folded.replace(/\s/g, ''), i, j)
    }
    i = j
  }
  if (out[out.length - 1] === ' ') {
    out.pop()
    starts.pop()
    ends.pop()
  }
  return { text: out.join(''), starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) }
}

/** Normalised text only (no offset map): for queries and index terms. */
export function normalizeText(source: string): string {
  return normalizeForSearch(source).text
}

/** Maps a range of normalised text back to the source range it came from. */
export function sourceRange(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  return { start: n.starts[start], end: n.ends[end - 1] }
}
