/**
 * The one definition of how the notes store file is opened: the options object electron-store (in the app)
 * and conf (the command line, the tests) are both given, with the JSON schema derived from the zod schemas
 * in model.ts, and the store's own integer-format migrations. conf's own migrations are not used (keyed by
 * app version, with known bugs); `format` in the file says which layout it has.
 */
import { z } from 'zod'
import { emptyNotes, NOTES_FORMAT, notesDataSchema, type NotesData } from './model.ts'

/** The store file is `<cwd>/notes.json`. */
export const NOTES_CONFIG_NAME = 'notes'

type JsonSchema = Record<string, unknown>

/** A property's JSON schema as conf's Ajv wants it (no `$schema` inside a property). */
function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as JsonSchema
  return rest
}

let cachedSchema: Record<string, JsonSchema> | undefined
/** conf's `schema` option: one JSON schema per top-level key of {@link NotesData}. */
export function notesJsonSchema(): Record<string, JsonSchema> {
  cachedSchema ??= Object.fromEntries(
    Object.entries(notesDataSchema.shape).map(([key, schema]) => [key, jsonSchema(schema as z.ZodType)])
  )
  return cachedSchema
}

/** The options both electron-store and conf open the notes store with. */
export function notesStoreOptions(cwd: string): {
  cwd: string
  configName: string
  name: string
  schema: Record<string, JsonSchema>
  defaults: NotesData
  clearInvalidConfig: false
  accessPropertiesByDotNotation: false
  watch: false
} {
  return {
    cwd,
    // conf reads `configName`; electron-store reads `name` and passes it on as configName.
    configName: NOTES_CONFIG_NAME,
    name: NOTES_CONFIG_NAME,
    schema: notesJsonSchema(),
    defaults: emptyNotes(),
    // A file that does not parse or fails the schema is never cleared: notes-store.ts sets it aside.
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    // One writer (the main process): nobody else changes the file under it.
    watch: false
  }
}

/** One step of the migration table: the data of format `from` turned into format `from + 1`. */
type Migration = (data: Record<string, unknown>) => Record<string, unknown>

/**
 * Format 0 is the layout before the store had a version: `{ annotations }` (or `{ notes }`) only, without a
 * trash or colour meanings.
 */
const MIGRATIONS: Record<number, Migration> = {
  0: (data) => ({
    format: 1,
    annotations: Array.isArray(data['annotations']) ? data['annotations'] : Array.isArray(data['notes']) ? data['notes'] : [],
    trash: [],
    colorMeanings: emptyNotes().colorMeanings
  })
}

/** The format a parsed file says it has (0 when it says none). */
export function formatOf(data: unknown): number {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return -1
  const format = (data as Record<string, unknown>)['format']
  return format === undefined ? 0 : typeof format === 'number' && Number.isInteger(format) ? format : -1
}

export class NotesFormatError extends Error {}

/**
 * Brings parsed store data up to {@link NOTES_FORMAT} and validates it. `from` is the format it had.
 * Throws NotesFormatError for data that is not a notes store, comes from a newer app, or fails the schema.
 */
export function migrateNotes(raw: unknown): { data: NotesData; from: number } {
  const from = formatOf(raw)
  if (from < 0) throw new NotesFormatError('not a notes store (no object with a format number)')
  if (from > NOTES_FORMAT) throw new NotesFormatError(`written by a newer Briefing Reader (format ${from}, this one reads ${NOTES_FORMAT})`)
  let data = raw as Record<string, unknown>
  for (let format = from; format < NOTES_FORMAT; format++) data = MIGRATIONS[format](data)
  const parsed = notesDataSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new NotesFormatError(`fails the schema at ${issue.path.map(String).join('.') || 'top level'}: ${issue.message}`)
  }
  return { data: parsed.data, from }
}

