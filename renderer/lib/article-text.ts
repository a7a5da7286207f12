/**
 * An item article's displayed text: its text nodes in document order (skipping aria-hidden decoration),
 * concatenated, with where each node starts. Search matches, find-in-briefing and note highlights all place
 * DOM Ranges through it, and a selection becomes offsets in it, so the main process can anchor a highlight
 * without knowing the DOM.
 */
import { locateOffset } from './text-ranges.ts'

export interface ArticleText {
  text: string
  nodes: Text[]
  /** `starts[i]`: where node i begins in `text`. */
  starts: number[]
}

export function articleText(root: Element): ArticleText {
  const nodes: Text[] = []
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('script, style, [aria-hidden="true"], [data-no-anchor]')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT
  })
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text)
  const starts: number[] = []
  let text = ''
  for (const node of nodes) {
    starts.push(text.length)
    text += node.data
  }
  return { text, nodes, starts }
}

/** A DOM Range over [start, end) of the article text, or null when the offsets fall outside it. */
export function rangeAt(article: ArticleText, start: number, end: number): Range | null {
  const from = locateOffset(article.starts, article.text.length, start, 'start')
  const to = locateOffset(article.starts, article.text.length, end, 'end')
  if (!from || !to) return null
  const range = document.createRange()
  range.setStart(article.nodes[from.index], from.offset)
  range.setEnd(article.nodes[to.index], to.offset)
  return range
}

/** Where a boundary point (container, offset) falls in the article text. */
function offsetOf(article: ArticleText, container: Node, offset: number): number {
  if (container.nodeType === Node.TEXT_NODE) {
    const index = article.nodes.indexOf(container as Text)
    if (index !== -1) return article.starts[index] + Math.min(offset, (container as Text).length)
  }
  // An element boundary (or a skipped node): the text of every node that ends at or before the point.
  const point = document.createRange()
  point.setStart(container, offset)
  let total = 0
  for (const node of article.nodes) {
    if (point.comparePoint(node, node.length) > 0) break
    total += node.length
  }
  return total
}

/** A selection range as offsets in the article text (clamped to the article), or null when empty. */
export function offsetsOf(article: ArticleText, root: Element, range: Range): { start: number; end: number } | null {
  const inside = document.createRange()
  inside.selectNodeContents(root)
  const start =
    range.compareBoundaryPoints(Range.START_TO_START, inside) < 0 ? 0 : offsetOf(article, range.startContainer, range.startOffset)
  const end =
    range.compareBoundaryPoints(Range.END_TO_END, inside) > 0
      ? article.text.length
      : offsetOf(article, range.endContainer, range.endOffset)
  return end > start ? { start, end } : null
}
