/**
 * The layout registry: every layout scores the document (detect, 0..1), the most confident parses it; when that
 * layout fails (the KOSTEC weekly parser finds no date, say) the next one tries, and the generic layout, last,
 * always succeeds. The chosen layout's name and version are stored with the briefing (`layout`), so a newer
 * version of that layout re-parses it.
 *
 *   const briefing = parseDocument(await readHtml(bytes, name), { fileName, sourceHash, importDate })
 */
import type { Briefing } from '../../model/briefing.ts'
import type { ExtractedDocument } from '../types.ts'
import { genericLayout } from './generic.ts'
import { kostecWeeklyLayout } from './kostec-weekly.ts'
import { POST_LAYOUTS } from './posts.ts'
import type { Layout, LayoutContext } from './types.ts'

export type { Layout, LayoutContext } from './types.ts'
export { genericLayout } from './generic.ts'
export { kostecWeeklyLayout } from './kostec-weekly.ts'

/** Every layout, most specific first; the generic one last. */
export const LAYOUTS: readonly Layout[] = [kostecWeeklyLayout, ...POST_LAYOUTS, genericLayout]

/** The layouts ranked by confidence for this document (ties keep registry order); generic always last. */
export function rankLayouts(doc: ExtractedDocument): Array<{ layout: Layout; confidence: number }> {
  const scored = LAYOUTS.filter((l) => l !== genericLayout).map((layout, order) => {
    let confidence: number
    try {
      confidence = layout.detect(doc)
    } catch {
      confidence = 0
    }
    return { layout, confidence: Number.isFinite(confidence) ? Math.max(0, Math.min(1, confidence)) : 0, order }
  })
  scored.sort((a, b) => b.confidence - a.confidence || a.order - b.order)
  return [...scored.filter((s) => s.confidence >= 0.3), { layout: genericLayout, confidence: genericLayout.detect(doc), order: LAYOUTS.length }]
}

/** The most confident layout that can parse the document. */
export function pickLayout(doc: ExtractedDocument): Layout {
  return rankLayouts(doc)[0].layout
}

/** Parses a document with the most confident layout that succeeds; never throws (the generic layout takes anything). */
export function parseDocument(doc: ExtractedDocument, ctx: LayoutContext): Briefing {
  const ranked = rankLayouts(doc)
  const failures: string[] = []
  for (const { layout } of ranked) {
    try {
      const briefing = layout.parse(doc, ctx)
      if (failures.length > 0) {
        briefing.warnings.push({ line: 0, message: `read with the ${layout.name} layout: ${failures.join('; ')}`, text: '' })
      }
      return briefing
    } catch (error) {
      failures.push(`${layout.name}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  // unreachable in practice: the generic layout does not throw; kept so the contract holds
  throw new Error(`no layout could read the document (${failures.join('; ')})`)
}
