/**
 * The zod schema of a Briefing (archive/model/briefing.ts), field for field: objects are strict (the model's
 * interfaces are closed), optional fields are optional, dates are YYYY-MM-DD as the model documents them. A
 * type-level check below fails compilation when the schema and the model drift apart, in either direction.
 */
import { z } from 'zod'
import type { Briefing } from '../model/briefing.ts'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')

export const tableCellSchema = z.strictObject({
  text: z.string(),
  list: z.array(z.string()).optional()
})

export const tableSchema = z.strictObject({
  caption: z.string().optional(),
  columns: z.array(z.string()),
  rows: z.array(z.array(tableCellSchema))
})

const level = z.number().int().min(1)

export const blockSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('headline'), text: z.string() }),
  z.strictObject({ kind: z.literal('paragraph'), text: z.string() }),
  z.strictObject({ kind: z.literal('bullet'), text: z.string(), level }),
  z.strictObject({ kind: z.literal('footnote'), marker: z.string(), text: z.string(), level }),
  z.strictObject({ kind: z.literal('caption'), text: z.string() }),
  z.strictObject({ kind: z.literal('note'), label: z.string(), title: z.string(), items: z.array(z.string()) }),
  z.strictObject({ kind: z.literal('table'), table: tableSchema }),
  z.strictObject({ kind: z.literal('reference'), title: z.string(), url: z.string() }),
  z.strictObject({
    kind: z.literal('source'),
    name: z.string(),
    date: z.string().optional(),
    url: z.string().optional()
  }),
  z.strictObject({ kind: z.literal('figureSource'), url: z.string() })
])

export const itemSchema = z.strictObject({
  id: z.string().min(1),
  section: z.string(),
  number: z.string(),
  title: z.string(),
  contentsTitle: z.string().optional(),
  category: z.string().optional(),
  date: isoDate.optional(),
  regions: z.array(z.string()),
  source: z.string().optional(),
  blocks: z.array(blockSchema)
})

export const sectionSchema = z.strictObject({
  number: z.string(),
  title: z.string(),
  items: z.array(itemSchema)
})

export const contentsSectionSchema = z.strictObject({
  number: z.string(),
  title: z.string(),
  categories: z.array(
    z.strictObject({
      title: z.string(),
      entries: z.array(z.strictObject({ title: z.string(), itemId: z.string().optional() }))
    })
  )
})

export const colophonSchema = z.strictObject({
  series: z.string().optional(),
  published: z.string().optional(),
  issuer: z.string().optional(),
  publisher: z.string().optional(),
  publisherEnglish: z.string().optional(),
  address: z.string().optional(),
  tel: z.string().optional(),
  website: z.string().optional(),
  notice: z.string().optional(),
  masthead: z.array(z.string()).optional()
})

export const parseWarningSchema = z.strictObject({
  line: z.number().int().min(0),
  message: z.string(),
  text: z.string()
})

export const SOURCE_FORMATS = ['text', 'pdf', 'html', 'markdown', 'hwpx', 'json'] as const

export const briefingSchema = z.strictObject({
  id: z.string().min(1),
  series: z.string(),
  published: isoDate,
  publisher: z.string(),
  publisherEnglish: z.string().optional(),
  issuer: z.string(),
  website: z.string().optional(),
  contents: z.array(contentsSectionSchema),
  summary: z.array(z.string()),
  sections: z.array(sectionSchema),
  colophon: colophonSchema,
  sourceHash: z.string(),
  sourceFile: z.string().optional(),
  sample: z.boolean().optional(),
  warnings: z.array(parseWarningSchema),
  kind: z.enum(['weekly', 'post']).optional(),
  title: z.string().optional(),
  format: z.enum(SOURCE_FORMATS).optional(),
  layout: z.strictObject({ name: z.string(), version: z.number() }).optional(),
  publishedFrom: z.enum(['document', 'import-date']).optional()
})

// The schema and the model must describe the same type (compile-time check, no runtime cost).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const schemaMatchesModel: Same<z.infer<typeof briefingSchema>, Briefing> = true
void schemaMatchesModel
