import type { Briefing, Item, ItemId } from '../../archive/model/briefing.ts'

/** One item link in the contents sidebar. */
export interface ContentsLink {
  id: ItemId
  number: string
  title: string
}

export type ContentsGroup =
  | { kind: 'category'; title: string; items: ContentsLink[] }
  | { kind: 'item'; item: ContentsLink }

export interface ContentsTreeSection {
  /** The body section number as printed: I, II, III. */
  number: string
  title: string
  groups: ContentsGroup[]
}

function link(item: Item): ContentsLink {
  return { id: item.id, number: item.number, title: item.title }
}

/**
 * The sidebar tree: body sections → contents categories → items, in reading order.
 *
 * @remarks Categories come from `briefing.contents`, matched to items by `entries[].itemId`
 * (falling back to `item.category`); items no category claims sit directly under their section,
 * like the short-news section (단신동향) that the printed contents does not list.
 */
export function buildContentsTree(briefing: Briefing): ContentsTreeSection[] {
  const categoryOf = new Map<ItemId, string>()
  for (const section of briefing.contents) {
    for (const category of section.categories) {
      for (const entry of category.entries) {
        if (entry.itemId && !categoryOf.has(entry.itemId)) categoryOf.set(entry.itemId, category.title)
      }
    }
  }

  return briefing.sections.map((section) => {
    const groups: ContentsGroup[] = []
    const byCategory = new Map<string, ContentsLink[]>()
    for (const item of section.items) {
      const category = categoryOf.get(item.id) ?? item.category
      if (!category) {
        groups.push({ kind: 'item', item: link(item) })
        continue
      }
      const existing = byCategory.get(category)
      if (existing) {
        existing.push(link(item))
      } else {
        const items = [link(item)]
        byCategory.set(category, items)
        groups.push({ kind: 'category', title: category, items })
      }
    }
    return { number: section.number, title: section.title, groups }
  })
}

/** The category the contents assigns to each item id (for the item meta line). */
export function categoryByItem(briefing: Briefing): Map<ItemId, string> {
  const result = new Map<ItemId, string>()
  for (const section of buildContentsTree(briefing)) {
    for (const group of section.groups) {
      if (group.kind === 'category') for (const item of group.items) result.set(item.id, group.title)
    }
  }
  return result
}
