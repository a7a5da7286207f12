import { normalizeText } from './normalize.ts'

/** A name written in Hangul with its Chinese characters: 텐무산(天目山). Both sides normalised. */
export type AliasPair = [hangul: string, han: string]

const PAIR = /([\p{Script=Hangul}]{2,})\s?\(([\p{Script=Han}]{2,})\)/gu

/**
 * Learns Hangul ↔ Hanja aliases from text: every `한글(漢字)` pair, e.g. 린강신구(臨港新區) or
 * 후룬연구원(胡潤研究院). The Han side is folded to simplified characters by the normaliser.
 */
export function learnAliases(texts: Iterable<string>, into = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const text of texts) {
    for (const m of text.matchAll(PAIR)) {
      const hangul = normalizeText(m[1])
      const han = normalizeText(m[2])
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
