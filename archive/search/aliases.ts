import { normalizeText } from './normalize.ts'

/** A name written in Hangul with its Chinese characters: 텐무산(天目山). Both sides normalised. */
export type AliasPair = [hangul: string, han: string]

/** Up to three Hangul words, then the Han gloss in brackets. */
const PAIR = /((?:[\p{Script=Hangul}]+ ){0,2}[\p{Script=Hangul}]{2,}) ?\(([\p{Script=Han}]{2,})\)/gu

/**
 * The Hangul name a gloss belongs to: the word before the bracket, widened to the words before it while
 * it is shorter than the Han name (양자 대로(量子大街) names 양자대로, not 대로); undefined when even three
 * words are too short to be the name (a translation, not a name).
 */
export function hangulSide(words: string, han: string): string | undefined {
  const parts = words.split(' ')
  const hanLength = [...han].length
  for (let k = parts.length - 1; k >= 0; k--) {
    const name = parts.slice(k).join('')
    if ([...name].length >= hanLength) return name
  }
  return undefined
}

/**
 * Learns Hangul ↔ Hanja aliases from text: every `한글(漢字)` pair, e.g. 린강신구(臨港新區) or
 * 후룬연구원(胡潤研究院). The Han side is folded to simplified characters by the normaliser; the Hangul side
 * is written without spaces (matching ignores spacing).
 */
export function learnAliases(texts: Iterable<string>, into = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const text of texts) {
    for (const m of text.matchAll(PAIR)) {
      const han = normalizeText(m[2])
      const name = hangulSide(normalizeText(m[1]), han)
      if (!name) continue
      const hangul = name
      if (!into.has(hangul)) into.set(hangul, new Set())
      if (!into.has(han)) into.set(han, new Set())
      into.get(hangul)?.add(han)
      into.get(han)?.add(hangul)
    }
  }
  return into
}

/**
 * The aliases of a query run. A Hangul run also matches when it ends with a particle-free alias
 * prefix: `린강신구` → `临港新区`.
 */
export function aliasesOf(run: string, aliases: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return [...(aliases.get(run) ?? [])]
}
