/**
 * The one definition of how the notes store file is opened: the options object electron-store (in the app)
 * and conf (the command line, the tests) are both given, with the JSON schema derived from the zod schemas
 * in model.ts, and the store's own integer-format migrations. conf's own migrations are not used (keyed by
 * app version, with known bugs, reliability.md §2.5); `format` in the file says which layout it has, and
 * {@link migrateNotes} walks an explicit table from there up to NOTES_FORMAT. notes-store.ts takes a verified
 * backup before it writes a migrated file.
 */
import type { Options, Schema } from 'conf'
import { z } from 'zod'
import { DEFAULT_COLOR_MEANINGS, emptyNotes, NOTES_FORMAT, notesDataSchema, type NotesData } from './model.ts'
import { issueLine, NotesFileError } from './notes-file-error.ts'

/** The store file is `<cwd>/notes.json`. */
export const NOTES_CONFIG_NAME = 'notes'

type JsonSchema = Record<string, unknown>

/**
 * A union on `kind` (annotationSchema) comes out of zod as `oneOf`, which Ajv checks by trying all three
 * branches on every annotation; the `discriminator` keyword (Ajv option `discriminator: true`) has it check
 * only the branch `kind` names: about half the validation time of a save, and one error instead of three.
 */
function addDiscriminators(node: unknown): void {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) return node.forEach(addDiscriminators)
  const record = node as JsonSchema
  const branches = record['oneOf']
  const kindOf = (b: unknown): unknown =>
    ((b as JsonSchema | undefined)?.['properties'] as Record<string, JsonSchema> | undefined)?.['kind']?.['const']
  if (Array.isArray(branches) && branches.length > 1 && branches.every((b) => typeof kindOf(b) === 'string')) {
    record['type'] = 'object'
    record['discriminator'] = { propertyName: 'kind' }
  }
  for (const value of Object.values(record)) addDiscriminators(value)
}

/**
 * zod writes each ISO date-time as `format: date-time` plus its own long `pattern`; Ajv checks the format
 * (ajv-formats) and the pattern is dropped: it was a sixth of the validation time of a save, and zod, which
 * checks every annotation before it reaches the store, keeps the exact rule.
 */
function dropDateTimePatterns(node: unknown): void {
  if (!node || typeof node !== 'object') return
  const record = node as JsonSchema
  if (record['format'] === 'date-time') delete record['pattern']
  for (const value of Object.values(record)) dropDateTimePatterns(value)
}

/** A property's JSON schema as conf's Ajv wants it (no `$schema` inside a property). */
function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw'
  }) as JsonSchema
  addDiscriminators(rest)
  dropDateTimePatterns(rest)
  return rest
}

/**
 * Ajv's options for the store: `discriminator` (above). Ajv's default `unicode: true` stays: it counts
 * `maxLength`/`minLength` in code points, as zod does (zod 4 counts code points once a string has more UTF-16
 * units than the limit), so the two never disagree about an emoji-laden tag or comment.
 */
const AJV_OPTIONS = { discriminator: true } as const

let cachedSchema: Record<string, JsonSchema> | undefined
/** conf's `schema` option: one JSON schema per top-level key of {@link NotesData}. */
export function notesJsonSchema(): Record<string, JsonSchema> {
  cachedSchema ??= Object.fromEntries(
    Object.entries(notesDataSchema.shape).map(([key, schema]) => [key, jsonSchema(schema as z.ZodType)])
  )
  return cachedSchema
}

/** The options object; its type is checked against conf's own `Options` below. */
export interface NotesConfOptions {
  cwd: string
  /** conf reads `configName`; electron-store reads `name` and passes it on as configName (it would
   * otherwise overwrite configName with its default, `config`). */
  configName: string
  name: string
  fileExtension: string
  schema: Schema<NotesData>
  rootSchema: { required: string[]; additionalProperties: false }
  ajvOptions: typeof AJV_OPTIONS
  defaults: NotesData
  clearInvalidConfig: false
  accessPropertiesByDotNotation: false
  watch: false
}

/**
 * The options both electron-store and conf open the notes store with. `cwd` is the folder (absolute);
 * `file` overrides the file name for a store kept elsewhere (`briefings notes … --store FILE`).
 */
export function notesStoreOptions(
  cwd: string,
  file: { configName?: string; fileExtension?: string } = {}
): NotesConfOptions {
  const configName = file.configName ?? NOTES_CONFIG_NAME
  const options: NotesConfOptions = {
    cwd,
    configName,
    name: configName,
    fileExtension: file.fileExtension ?? 'json',
    schema: structuredClone(notesJsonSchema()) as Schema<NotesData>,
    // No other top-level key, and all four present (conf fills them from `defaults` first).
    rootSchema: { required: Object.keys(notesDataSchema.shape), additionalProperties: false },
    ajvOptions: AJV_OPTIONS,
    defaults: emptyNotes(),
    // A file that does not parse or fails the schema is never cleared: notes-store.ts sets it aside.
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    // One writer (the main process): nobody else changes the file under it.
    watch: false
  }
  return options satisfies Partial<Options<NotesData>>
}

/** One step of the migration table: the data of format `from` turned into format `from + 1`. */
interface Migration {
  from: number
  /** What changed (README, logs). */
  summary: string
  /** Pure: gets a copy, returns the next format. */
  up(data: Record<string, unknown>): Record<string, unknown>
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The migrations, in order; each is idempotent on data already in its target shape. */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    summary:
      'format 0 (before the store had a version): `annotations` (or `notes`) only, maybe partial `colorMeanings`; ' +
      'no `format`, no `trash`; annotations may lack `tags`, highlights `normalizer` (0: unknown, so their ' +
      'positions are always checked against the quote)',
    up(data) {
      const list = Array.isArray(data['annotations']) ? data['annotations'] : Array.isArray(data['notes']) ? data['notes'] : []
      const meanings = isRecord(data['colorMeanings']) ? data['colorMeanings'] : {}
      return {
        format: 1,
        annotations: list.map((a: unknown) => {
          if (!isRecord(a)) return a
          const withTags = { tags: [], ...a }
          return a['kind'] === 'highlight' ? { normalizer: 0, ...withTags } : withTags
        }),
        trash: Array.isArray(data['trash']) ? data['trash'] : [],
        colorMeanings: { ...DEFAULT_COLOR_MEANINGS, ...meanings }
      }
    }
  }
]

/**
 * The format a parsed file says it has (0 when it says none); -1 when it is not a notes store at all (not an
 * object, or a `format` that is not a whole number).
 */
export function formatOf(data: unknown): number {
  if (!isRecord(data)) return -1
  const format = data['format']
  if (format === undefined) return Array.isArray(data['annotations']) || Array.isArray(data['notes']) ? 0 : -1
  return typeof format === 'number' && Number.isInteger(format) && format >= 0 ? format : -1
}

/**
 * Brings parsed store data up to {@link NOTES_FORMAT} and validates it. `from` is the format it had
 * (NOTES_FORMAT: nothing migrated). Never changes its argument. Throws a NotesFileError with a one-line
 * reason for data that is not a notes store or fails the schema, and one with `code: 'newer'` for a file
 * from a newer Briefing Reader (not damaged: it must be neither set aside nor overwritten).
 */
export function migrateNotes(raw: unknown): { data: NotesData; from: number } {
  const from = formatOf(raw)
  if (from < 0) throw new NotesFileError('not a notes store (no JSON object with annotations and a format number)')
  if (from > NOTES_FORMAT) {
    throw new NotesFileError(`written by a newer Briefing Reader (format ${from}; this one reads up to ${NOTES_FORMAT})`, {
      code: 'newer'
    })
  }
  let data = raw as Record<string, unknown>
  for (let format = from; format < NOTES_FORMAT; format++) {
    const step = MIGRATIONS.find((m) => m.from === format)
    if (!step) throw new NotesFileError(`no migration from notes format ${format}`)
    data = step.up(structuredClone(data))
  }
  const parsed = notesDataSchema.safeParse(data)
  if (!parsed.success) throw new NotesFileError(`fails the schema: ${issueLine(parsed.error.issues)}`)
  return { data: parsed.data, from }
}
