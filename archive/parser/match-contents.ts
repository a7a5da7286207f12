import type { ContentsSection, Section } from '../model/briefing.ts'

/** A comparable form of a title: no Hanja glosses, quotes, spaces or punctuation. */
function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .replace(/\([^)]*\p{Script=Han}[^)]*\)/gu, '')
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .toLowerCase()
}

function bigrams(s: string): string[] {
  const chars = [...s]
  if (chars.length < 2) return chars
  return chars.slice(1).map((c, i) => chars[i] + c)
}

/** Dice similarity of two titles over character bigrams, 0 – 1. */
function titleSimilarity(a: string, b: string): number {
  const ka = titleKey(a)
  const kb = titleKey(b)
  if (ka === kb) return 1
  if (ka.length > 3 && kb.length > 3 && (ka.includes(kb) || kb.includes(ka))) return 0.95
  const ga = bigrams(ka)
  const pool = new Map<string, number>()
  for (const g of bigrams(kb)) pool.set(g, (pool.get(g) ?? 0) + 1)
  let shared = 0
  for (const g of ga) {
    const n = pool.get(g) ?? 0
    if (n > 0) {
      shared++
      pool.set(g, n - 1)
    }
  }
  const total = ga.length + bigrams(kb).length
  return total === 0 ? 0 : (2 * shared) / total
}

const MIN_SIMILARITY = 0.5

/**
 * Links contents entries to body items and gives each item the category it is listed under.
 * Titles in the contents and the body often differ (a Hanja gloss, one word), so entries are matched
 * by similarity within the corresponding section, in order.
 * @returns the contents entries that matched no item.
 */
export function matchContents(contents: ContentsSection[], sections: Section[]): string[] {
  const unmatched: string[] = []
  contents.forEach((cs, index) => {
    const section =
      sections.find((s) => titleKey(s.title) === titleKey(cs.title)) ??
      (sections[index] && !contents.some((other) => titleKey(other.title) === titleKey(sections[index].title))
        ? sections[index]
        : undefined)
    const taken = new Set<string>()
    for (const category of cs.categories) {
      for (const entry of category.entries) {
        let best: { id: string; score: number } | undefined
        for (const item of section?.items ?? []) {
          if (taken.has(item.id)) continue
          const score = titleSimilarity(entry.title, item.title)
          if (score >= MIN_SIMILARITY && (!best || score > best.score)) best = { id: item.id, score }
        }
        const item = section?.items.find((i) => i.id === best?.id)
        if (!item) {
          unmatched.push(entry.title)
          continue
        }
        taken.add(item.id)
        entry.itemId = item.id
        if (category.title) item.category = category.title
        if (entry.title !== item.title) item.contentsTitle = entry.title
      }
    }
  })
  return unmatched
}
