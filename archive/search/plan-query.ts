import { aliasesOf } from './aliases.ts'
import { normalizeText } from './normalize.ts'
import type { ParsedQuery } from './parse-query.ts'
import { CJK_CHAR, cjkGrams, tokenize } from './tokenize.ts'

/** A posting lookup: an exact index term, every term with a prefix, or any bigram holding one character. */
export type Atom = { kind: 'term'; term: string } | { kind: 'prefix'; prefix: string } | { kind: 'char'; ch: string }

/** One query term, compiled: it matches a document when every atom of one alternative does. */
export interface Matcher {
  alternatives: Atom[][]
  /**
   * Per alternative, the CJK words of four or more characters (normalised, no spaces) that must occur
   * as such: their bigrams can all be present without the word.
   */
  runs: string[][]
  negate: boolean
  /** Normalised phrase that must occur verbatim (checked against the item text). */
  phrase?: string
  /** Normalised strings to highlight for this term. */
  highlights: string[]
  /** Latin words (stemmed) and prefixes to highlight by token. */
  words: Array<{ stem: string; prefix: boolean }>
}

const CJK_RUN = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu

function atomsOf(text: string, prefix: boolean, joinAcrossSpaces: boolean): Atom[] {
  const atoms: Atom[] = []
  const tokens = tokenize(text, { joinAcrossSpaces, subwords: false })
  tokens.forEach((t, i) => {
    if (t.cjk && [...t.term].length === 1) atoms.push({ kind: 'char', ch: t.term })
    else if (!t.cjk && prefix && i === tokens.length - 1) atoms.push({ kind: 'prefix', prefix: t.term })
    else atoms.push({ kind: 'term', term: t.term })
  })
  return atoms
}

/**
 * Compiles parsed query terms into matchers: normalises each term exactly as the index text was,
 * splits it into CJK bigrams and stemmed words, and adds Hangul ↔ Hanja aliases learnt from the archive
 * as alternatives (린강신구 also matches 臨港新區).
 */
export function planQuery(query: ParsedQuery, aliases: ReadonlyMap<string, ReadonlySet<string>>): Matcher[] {
  const matchers: Matcher[] = []
  for (const term of query.terms) {
    const text = normalizeText(term.text)
    if (!text) continue
    const words = tokenize(text)
      .filter((t) => !t.cjk)
      .map((t, i, all) => ({ stem: t.term, prefix: term.prefix && i === all.length - 1 }))
    if (term.kind === 'phrase') {
      const atoms = atomsOf(text, false, true)
      if (atoms.length === 0) continue
      matchers.push({ alternatives: [atoms], runs: [[]], negate: term.negate, phrase: text, highlights: [text], words: [] })
      continue
    }
    const base = atomsOf(text, term.prefix, false)
    if (base.length === 0) continue
    const alternatives = [base]
    const highlights = [...text.matchAll(CJK_RUN)].map((m) => m[0])
    const runs = [longRuns(text)]
    if (CJK_CHAR.test(text) && /^[^\s]+$/.test(text) && text.match(CJK_RUN)?.[0] === text) {
      for (const alias of aliasesOf(text, aliases)) {
        alternatives.push(atomsOf(alias, false, false))
        runs.push(longRuns(alias))
        highlights.push(alias)
      }
    }
    matchers.push({ alternatives, runs, negate: term.negate, highlights, words })
  }
  return matchers
}

/**
 * CJK words whose bigrams do not pin them down: from four characters on (AB, BC, CD can all occur
 * apart), checked against the text. A three-character word is matched by its two overlapping bigrams,
 * which in practice only co-occur as the word.
 */
function longRuns(text: string): string[] {
  return [...text.matchAll(CJK_RUN)].map((m) => m[0].replace(/ /g, '')).filter((r) => [...r].length >= 4)
}

/** All bigram terms of a CJK run, exported for tests and the benchmark. */
export { cjkGrams }
