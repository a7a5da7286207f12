import type { Briefing } from '../../model/briefing.ts'
import type { ExtractedDocument } from '../types.ts'

/** What a layout knows besides the document. */
export interface LayoutContext {
  fileName: string
  /** sha256 hex of the source bytes. */
  sourceHash: string
  /** The day of the import, YYYY-MM-DD: the publication date of a document that states none. */
  importDate: string
}

/**
 * One family of document layouts. `detect` says how sure it is that the document is of its family (0 not at all,
 * 1 certain); `parse` turns it into a Briefing stamped with `layout: { name, version }`. A newer version re-parses
 * what an older one produced.
 */
export interface Layout {
  name: string
  version: number
  detect(doc: ExtractedDocument): number
  parse(doc: ExtractedDocument, ctx: LayoutContext): Briefing
}
