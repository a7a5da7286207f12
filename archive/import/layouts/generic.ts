/**
 * The layout that always succeeds: any document becomes one post. Title from the metadata or the first heading
 * or line, publisher from the metadata or a known name in the text, the date from the text or the import date
 * (`publishedFrom: 'import-date'`), headline bullets, references, the rest as paragraphs (post-core.ts).
 */
import type { Briefing } from '../../model/briefing.ts'
import type { ExtractedDocument } from '../types.ts'
import { parsePost } from './post-core.ts'
import type { Layout, LayoutContext } from './types.ts'

export const GENERIC_VERSION = 1

export const genericLayout: Layout = {
  name: 'generic',
  version: GENERIC_VERSION,
  detect: () => 0.05,
  parse(doc: ExtractedDocument, ctx: LayoutContext): Briefing {
    return parsePost(doc, ctx, { name: 'generic', version: GENERIC_VERSION })
  }
}
