import lunr from 'lunr'

/** A token of normalised text with its offsets in that text. */
export interface SearchToken {
  term: string
  start: number
  end: number
  /** True for Hangul / Han / Kana bigrams and unigrams. */
  cjk: boolean
}

/** Hangul syllables and jamo, Han ideographs, Kana. */
export const CJK_CHAR = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const WORD_CHAR = /[\p{L}\p{N}]/u

/** Stems an English word (Lunr's Porter stemmer); digits and non-Latin words stay as they are. */
export function stemWord(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length < 3) return word
  return lunr.stemmer(new lunr.Token(word, {})).toString()
}

/** Options of {@link tokenize} and {@link forEachToken}. */
export interface TokenizeOptions {
  /**
   * Also emit the bigram spanning a single space between two CJK runs, so that `양자 컴퓨팅` in a document
   * is found by the query `양자컴퓨팅` (used when indexing, not for queries).
   */
  joinAcrossSpaces?: boolean
  /** Stem Latin words (default true). */
  stem?: boolean
  /** Also emit the letter and digit parts of a mixed word (index side; default: like joinAcrossSpaces). */
  subwords?: boolean
}

/**
 * Splits normalised text into search tokens: runs of CJK characters become overlapping bigrams (a
 * one-character run stays a unigram); runs of other letters and digits become stemmed words.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): SearchToken[] {
  const tokens: SearchToken[] = []
  forEachToken(text, options, (term, start, end, cjk) => {
    tokens.push({ term, start, end, cjk })
  })
  return tokens
}

/**
 * The tokens of {@link tokenize}, in the same order, handed to `visit` one at a time instead of collected:
 * indexing a long item this way allocates no token objects (a 19 MB item has millions of bigrams).
 */
export function forEachToken(
  text: string,
  options: TokenizeOptions,
  visit: (term: string, start: number, end: number, cjk: boolean) => void
): void {
  const { joinAcrossSpaces = false, stem = true, subwords = joinAcrossSpaces } = options
  const len = text.length
  let i = 0
  // end offset and last character of the previous CJK run, when only one space separates it from here
  let prevRunEnd = -1
  let prevLast = ''
  while (i < len) {
    const c = text.charCodeAt(i)
    const kind = charKind(text, i)
    if (kind === CJK) {
      const runStart = i
      let prev = ''
      let prevStart = -1
      let count = 0
      let firstChar = ''
      while (i < len && charKind(text, i) === CJK) {
        const w = text.codePointAt(i) as number > 0xffff ? 2 : 1
        const ch = text.slice(i, i + w)
        if (count === 0) firstChar = ch
        if (prevStart >= 0) visit(prev + ch, prevStart, i + w, true)
        prev = ch
        prevStart = i
        count++
        i += w
      }
      if (joinAcrossSpaces && prevRunEnd >= 0 && runStart === prevRunEnd + 1 && text.charCodeAt(prevRunEnd) === 0x20) {
        visit(prevLast + firstChar, prevRunEnd - prevLast.length, runStart + firstChar.length, true)
      }
      if (count === 1) visit(firstChar, runStart, i, true)
      prevRunEnd = i
      prevLast = prev
    } else if (kind === WORD) {
      const from = i
      while (i < len && charKind(text, i) === WORD) i += (text.codePointAt(i) as number) > 0xffff ? 2 : 1
      const word = text.slice(from, i)
      visit(stem ? stemWord(word) : word, from, i, false)
      // a word mixing letters and digits (615km, h100, 5gwh) is also indexed by its parts, so km finds 80km
      if (subwords && /\d/.test(word) && /\p{L}/u.test(word)) {
        for (const part of word.matchAll(/\p{L}+|\p{N}+/gu)) {
          const at = from + part.index
          visit(stem ? stemWord(part[0]) : part[0], at, at + part[0].length, false)
        }
      }
      prevRunEnd = -1
    } else {
      if (c !== 0x20) prevRunEnd = -1
      i++
    }
  }
}

const CJK = 1
const WORD = 2
const OTHER = 0

/** Classifies the character at `i`: CJK (Hangul, Han, Kana), another letter or digit, or neither. */
function charKind(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) ? WORD : OTHER
  if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3040 && c <= 0x30ff)) return CJK
  const ch = String.fromCodePoint(text.codePointAt(i) as number)
  if (CJK_CHAR.test(ch)) return CJK
  return WORD_CHAR.test(ch) ? WORD : OTHER
}

/** The bigrams (or unigram) of one CJK run, in order. */
export function cjkGrams(run: string): string[] {
  const chars = [...run]
  if (chars.length <= 1) return chars
  return chars.slice(1).map((c, k) => chars[k] + c)
}
