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

/**
 * Splits normalised text into search tokens: runs of CJK characters become overlapping bigrams (a
 * one-character run stays a unigram); runs of other letters and digits become stemmed words.
 * @param options.joinAcrossSpaces also emit the bigram spanning a single space between two CJK runs, so that
 *   `양자 컴퓨팅` in a document is found by the query `양자컴퓨팅` (used when indexing, not for queries).
 */
export function tokenize(text: string, options: { joinAcrossSpaces?: boolean; stem?: boolean } = {}): SearchToken[] {
  const { joinAcrossSpaces = false, stem = true } = options
  const tokens: SearchToken[] = []
  const chars = [...text]
  // offsets in UTF-16 units for each code point index
  const offs: number[] = []
  let o = 0
  for (const c of chars) {
    offs.push(o)
    o += c.length
  }
  offs.push(o)
  let i = 0
  let lastCjkEnd = -1
  while (i < chars.length) {
    const c = chars[i]
    if (CJK_CHAR.test(c)) {
      let j = i
      while (j < chars.length && CJK_CHAR.test(chars[j])) j++
      if (joinAcrossSpaces && lastCjkEnd >= 0 && i - lastCjkEnd === 1 && chars[lastCjkEnd] === ' ') {
        tokens.push({ term: chars[lastCjkEnd - 1] + c, start: offs[lastCjkEnd - 1], end: offs[i + 1], cjk: true })
      }
      if (j - i === 1) tokens.push({ term: c, start: offs[i], end: offs[i + 1], cjk: true })
      for (let k = i; k + 1 < j; k++) {
        tokens.push({ term: chars[k] + chars[k + 1], start: offs[k], end: offs[k + 2], cjk: true })
      }
      lastCjkEnd = j
      i = j
    } else if (WORD_CHAR.test(c)) {
      let j = i
      while (j < chars.length && WORD_CHAR.test(chars[j]) && !CJK_CHAR.test(chars[j])) j++
      const word = chars.slice(i, j).join('')
      tokens.push({ term: stem ? stemWord(word) : word, start: offs[i], end: offs[j], cjk: false })
      i = j
      lastCjkEnd = -1
    } else {
      if (c !== ' ') lastCjkEnd = -1
      i++
    }
  }
  return tokens
}

/** The bigrams (or unigram) of one CJK run, in order. */
export function cjkGrams(run: string): string[] {
  const chars = [...run]
  if (chars.length <= 1) return chars
  return chars.slice(1).map((c, k) => chars[k] + c)
}
