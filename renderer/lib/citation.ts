import type { Briefing, Item } from '../../electron/shared/ipc-contract.ts'

/** An item's deep link (archive/notes/model.ts itemLink: the renderer may not import it). */
export function itemDeepLink(itemId: string): string {
  return `briefing-reader://item/${itemId}`
}

/** A briefing's deep link. */
export function briefingDeepLink(briefingId: string): string {
  return `briefing-reader://briefing/${briefingId}`
}

/**
 * A citation line for a report: `한중과학기술협력센터, 「중국 과학기술 정책 주간동향」 2023-04-07, I-01 「…」`
 * (the briefing alone without an item).
 */
export function citationLine(
  briefing: Pick<Briefing, 'publisher' | 'series' | 'published'>,
  item?: Pick<Item, 'section' | 'number' | 'title'>
): string {
  const source = `${briefing.publisher}, 「${briefing.series}」 ${briefing.published}`
  return item ? `${source}, ${item.section}-${item.number} 「${item.title}」` : source
}
