/**
 * Notes are Markdown, parsed to an mdast tree with mdast-util-from-markdown (+ GFM) and rendered node by
 * node as Svelte elements (components/notes/MarkdownNodes.svelte): never as HTML. Raw HTML in a note stays
 * visible text, images become their alt text and links open outside only when they are http(s).
 */
import type { Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
}

const PLAIN = new Map<string, string>()

/**
 * A note's Markdown as one line of plain text, for a row that shows its start (the all-notes list): the text
 * of each block (paragraph, heading, list item …) joined with spaces, without the Markdown signs.
 */
export function markdownPlainText(text: string): string {
  let plain = PLAIN.get(text)
  if (plain !== undefined) return plain
  const blocks: string[] = []
  const walk = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'list' || node.type === 'blockquote' || node.type === 'listItem') walk(node.children)
      else blocks.push(toString(node))
    }
  }
  walk(parseMarkdown(text).children)
  plain = blocks.filter(Boolean).join(' ')
  if (PLAIN.size > 2000) PLAIN.clear()
  PLAIN.set(text, plain)
  return plain
}
