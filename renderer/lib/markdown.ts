/**
 * Notes are Markdown, parsed to an mdast tree with mdast-util-from-markdown (+ GFM) and rendered node by
 * node as Svelte elements (components/notes/MarkdownNodes.svelte): never as HTML. Raw HTML in a note stays
 * visible text, images become their alt text and links open outside only when they are http(s).
 */
import type { Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
}
