import type { Briefing } from '../model/briefing.ts'
import { itemReferences, itemTables } from '../model/briefing.ts'

/** The JSON the `briefings parse --json` command prints: the briefing in a flat, documented shape. */
export function briefingToJson(b: Briefing): unknown {
  return {
    id: b.id,
    series: b.series,
    published: b.published,
    publisher: b.publisher,
    publisherEnglish: b.publisherEnglish,
    issuer: b.issuer,
    website: b.website,
    sourceHash: b.sourceHash,
    summary: b.summary,
    contents: b.contents,
    sections: b.sections.map((s) => ({
      number: s.number,
      title: s.title,
      items: s.items.map((i) => ({
        id: i.id,
        number: i.number,
        title: i.title,
        contentsTitle: i.contentsTitle,
        category: i.category ?? null,
        date: i.date ?? null,
        regions: i.regions,
        source: i.source,
        references: itemReferences(i),
        tables: itemTables(i).map((t) => ({
          caption: t.caption ?? null,
          columns: t.columns,
          rows: t.rows.map((r) => r.map((c) => c.text)),
          cellLists: t.rows.map((r) => r.map((c) => c.list ?? null))
        })),
        blocks: i.blocks
      }))
    })),
    colophon: b.colophon,
    warnings: b.warnings,
    kind: b.kind ?? 'weekly',
    ...(b.title ? { title: b.title } : {}),
    format: b.format ?? 'text',
    ...(b.layout ? { layout: b.layout } : {}),
    publishedFrom: b.publishedFrom ?? 'document'
  }
}
