import type { Block } from '../../archive/model/briefing.ts'

export type FootnoteBlock = Extract<Block, { kind: 'footnote' }>

/** A bullet with the bullets nested under it and the footnotes that explain it. */
export interface BulletNode {
  text: string
  level: number
  footnotes: FootnoteBlock[]
  children: BulletNode[]
}

/** What the reader renders: runs of bullets become nested lists, runs of references one list. */
export type RenderGroup =
  | { kind: 'bullets'; nodes: BulletNode[] }
  | { kind: 'references'; links: { title: string; url: string }[] }
  | { kind: 'figures'; captions: string[] }
  | { kind: 'block'; block: Exclude<Block, { kind: 'reference' | 'caption' }> }

/**
 * Groups an item's flat blocks for rendering.
 *
 * @remarks A footnote (`*`, `**`) right after a bullet belongs to that bullet and is rendered inside
 * its list entry; one anywhere else stands alone. Adjacent figure captions (〈…〉) share one row.
 */
export function groupBlocks(blocks: readonly Block[]): RenderGroup[] {
  const groups: RenderGroup[] = []
  let stack: BulletNode[] = []

  const last = (): RenderGroup | undefined => groups[groups.length - 1]

  for (const block of blocks) {
    if (block.kind === 'bullet') {
      const node: BulletNode = { text: block.text, level: block.level, footnotes: [], children: [] }
      let run = last()
      if (run?.kind !== 'bullets') {
        run = { kind: 'bullets', nodes: [] }
        groups.push(run)
        stack = []
      }
      while (stack.length > 0 && stack[stack.length - 1].level >= node.level) stack.pop()
      const parent = stack[stack.length - 1]
      if (parent) parent.children.push(node)
      else run.nodes.push(node)
      stack.push(node)
      continue
    }
    const run = last()
    if (block.kind === 'footnote' && run?.kind === 'bullets' && stack.length > 0) {
      stack[stack.length - 1].footnotes.push(block)
      continue
    }
    if (block.kind === 'reference') {
      if (run?.kind === 'references') run.links.push({ title: block.title, url: block.url })
      else groups.push({ kind: 'references', links: [{ title: block.title, url: block.url }] })
      continue
    }
    if (block.kind === 'caption') {
      if (run?.kind === 'figures') run.captions.push(block.text)
      else groups.push({ kind: 'figures', captions: [block.text] })
      continue
    }
    groups.push({ kind: 'block', block })
  }
  return groups
}
