import type { Block, Briefing, Item } from '../model/briefing.ts'

/** One indexed unit: a policy item, with the text of its fields as displayed. */
export interface SearchDocument {
  itemId: string
  briefingId: string
  /** Publication date of the briefing, YYYY-MM-DD. */
  published: string
  /** Event date of the item, YYYY-MM-DD. */
  date?: string
  section: string
  sectionTitle: string
  category?: string
  regions: string[]
  title: string
  /** ■ headlines. */
  headline: string
  /** Every other block: bullets, footnotes, captions, notes, tables, references. */
  body: string
}

/** Between the rows of a table in an item's indexed text (U+2028 LINE SEPARATOR); snippets show it as ` / `. */
export const ROW_END = '\u2028'

function blockText(block: Block): string {
  switch (block.kind) {
    case 'headline':
      return ''
    case 'paragraph':
    case 'bullet':
    case 'footnote':
    case 'caption':
      return block.text
    case 'note':
      return [`${block.label} ${block.title}`, ...block.items].join('\n')
    case 'table':
      // Rows end with a line separator (whitespace to the tokenizer), so a snippet can show where a row ends.
      return [
        block.table.caption ?? '',
        [block.table.columns.join(' '), ...block.table.rows.map((r) => r.map((c) => (c.list ? c.list.join(' ') : c.text)).join(' '))].join(ROW_END)
      ].join('\n')
    case 'reference':
      return block.title
    case 'source':
      return block.name
    case 'figureSource':
      return ''
  }
}

/** The text of an item's fields: title (with the contents title when it differs), headlines, body. */
export function itemFields(item: Item): { title: string; headline: string; body: string } {
  return {
    title: item.contentsTitle ? `${item.title}\n${item.contentsTitle}` : item.title,
    headline: item.blocks.flatMap((b) => (b.kind === 'headline' ? [b.text] : [])).join('\n'),
    body: item.blocks.map(blockText).filter(Boolean).join('\n')
  }
}

/** Every item of a briefing as a search document. */
export function briefingDocuments(briefing: Briefing): SearchDocument[] {
  return briefing.sections.flatMap((section) =>
    section.items.map((item) => ({
      itemId: item.id,
      briefingId: briefing.id,
      published: briefing.published,
      date: item.date,
      section: section.number,
      sectionTitle: section.title,
      category: item.category,
      regions: item.regions,
      ...itemFields(item)
    }))
  )
}
