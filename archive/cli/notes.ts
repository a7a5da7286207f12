/**
 * `briefings notes …`: the notes store from the command line, through conf with the options the app gives
 * electron-store (store-schema.ts), so both read and write the same file the same way.
 *
 *   briefings notes import FILE --store PATH --archive DIR [--json]
 *   briefings notes export --format json --out FILE --store PATH [--archive DIR] [--json]
 *   briefings notes export --format markdown [--briefing ID] --out FILE|DIR --store PATH --archive DIR [--lang ko|en] [--json]
 *
 * `--store` is the app's userData folder (the store is `<folder>/notes.json`) or the store file itself;
 * created when missing (import only). Import writes, so it takes the store's lock and is refused while the
 * app has the store open; export opens it read-only, without the lock, and works while the app runs.
 *
 * Import completes the anchors of another tool's annotations whose item is in the archive and holds them
 * where they say (anchor.ts `reanchor` with nothing moved): a highlight gets its position, item hash and
 * normaliser, an annotation without an item title gets its item's. Anything that would move is left as it
 * came (the app places it, or lists it as unplaced).
 *
 * Markdown export (export-markdown.ts): with `--briefing ID`, that briefing's notes to `--out FILE` (or
 * `<DIR>/<ID>.md` when `--out` is a folder); without it, one `<ID>.md` per briefing with notes into the
 * folder `--out` (created when missing). A file that exists is merged (mergeMarkdown: the user's text
 * outside the managed regions stays); every file is written through a temp file and a rename.
 *
 * Exit codes: 0 success; 1 usage error, or an annotation that failed (import), or notes of a briefing the
 * archive does not have (markdown export of every briefing: the others are written); 2 a file that cannot
 * be read or is not annotations (the store is not opened, so it stays byte-identical), a store that cannot
 * be opened (held by the app, from a newer version, damaged when read-only), a briefing not in the archive
 * (`--briefing`), or an output that cannot be written.
 */
import { isoWithOffset } from '../notes/local-time.ts'
import { mkdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import Conf from 'conf'
import type { Briefing } from '../model/briefing.ts'
import { resolveAll } from '../notes/anchor.ts'
import { exportBriefingMarkdown, markdownFileName, mergeMarkdown, type ExportLang } from '../notes/export-markdown.ts'
import { importAnnotations, readAnnotationsText, type NotesImportReport } from '../notes/interchange.ts'
import type { NotesData } from '../notes/model.ts'
import { NotesFileError } from '../notes/notes-file-error.ts'
import { toAnnotationCollection } from '../notes/web-annotation.ts'
import { openArchiveStore, type ArchiveStore } from '../storage/archive-store.ts'
import { NotesStoreLockedError, openNotesStore, type NotesStore } from '../storage/notes-store.ts'
import { writeAtomic } from '../storage/write-atomic.ts'
import { option, positional } from './commands.ts'

const IMPORT_USAGE = 'briefings notes import FILE --store PATH --archive DIR [--json]'
const EXPORT_USAGE =
  'briefings notes export --format json --out FILE --store PATH [--archive DIR] [--json]\n' +
  '  briefings notes export --format markdown [--briefing ID] --out FILE|DIR --store PATH --archive DIR [--lang ko|en] [--json]'
const LANGS: readonly ExportLang[] = ['ko', 'en']
const VALUED = ['--store', '--archive', '--format', '--out', '--briefing', '--lang']

/** What `briefings notes import --json` prints. */
export type { NotesImportReport }

const fail = (message: string, code: 1 | 2): number => {
  process.stderr.write(`briefings: ${message}\n`)
  return code
}

function readReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(error))
}

/** Opens the store for the command line (conf); a message for stderr when it cannot be. */
async function openStore(file: string, readOnly: boolean): Promise<NotesStore | string> {
  try {
    const store = await openNotesStore(resolve(file), {
      open: (options) => new Conf<NotesData>(options),
      readOnly,
      onWarning: (message) => process.stderr.write(`briefings: ${message}\n`)
    })
    if (store.recovered) {
      const { reason, badFile, backup } = store.recovered
      process.stderr.write(
        `briefings: notes store ${store.file} was damaged (${reason}); set aside as ${badFile}; ${backup ? `restored ${backup}` : 'no good backup, started empty'}\n`
      )
    }
    return store
  } catch (error) {
    if (error instanceof NotesStoreLockedError) return error.message
    if (error instanceof NotesFileError) return `cannot open notes store ${error.message}`
    return `cannot open notes store ${file}: ${(error as Error).message.split('\n')[0]}`
  }
}

async function archiveAt(dir: string): Promise<ArchiveStore | null> {
  try {
    if (!(await stat(dir)).isDirectory()) return null
  } catch {
    return null
  }
  return openArchiveStore(resolve(dir))
}

/** `briefings notes import FILE --store FILE --archive DIR [--json]` */
export async function notesImportCommand(args: string[]): Promise<number> {
  const storeFile = option(args, '--store')
  const archiveDir = option(args, '--archive')
  const files = positional(args, VALUED)
  if (!storeFile || !archiveDir || files.length !== 1) return fail(`notes import: usage: ${IMPORT_USAGE}`, 1)
  const [file] = files

  // The file is read and checked before the store is opened: a bad file leaves the store byte-identical.
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    return fail(`cannot read ${file}: ${readReason(error)}`, 2)
  }
  let parsed: ReturnType<typeof readAnnotationsText>
  try {
    parsed = readAnnotationsText(text)
  } catch (error) {
    if (error instanceof NotesFileError) return fail(`cannot import ${file}: ${error.reason}`, 2)
    throw error
  }
  const archive = await archiveAt(archiveDir)
  if (!archive) return fail(`cannot open archive ${archiveDir}: no such folder`, 2)

  const store = await openStore(storeFile, false)
  if (typeof store === 'string') return fail(store, 2)
  let report: NotesImportReport
  try {
    report = await importAnnotations(parsed, store, (id) => archive.get(id))
  } finally {
    await store.close()
  }
  if (args.includes('--json')) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
  else {
    for (const k of ['imported', 'updated', 'unchanged', 'unplaced'] as const) process.stdout.write(`${k}: ${report[k]}\n`)
    process.stdout.write(`failed: ${report.failed.length}\n`)
    for (const f of report.failed) process.stderr.write(`  annotation ${f.index}: ${f.error}\n`)
  }
  return report.failed.length === 0 ? 0 : 1
}

interface ExportContext {
  args: string[]
  store: NotesStore
  out: string
  /** Absent unless --archive was given. */
  archive: ArchiveStore | null
}

interface ExportResult {
  files: string[]
  /** Annotations in the files written. */
  annotations: number
  /** Briefings whose notes could not be exported (not in the archive): exit 1. */
  missing?: Array<{ briefingId: string; annotations: number }>
}

/** An export that cannot be done (a briefing not in the archive): exit 2 with this message. */
class ExportError extends Error {}

async function exportJson({ store, out }: ExportContext): Promise<ExportResult> {
  const collection = toAnnotationCollection(store.list(), { colorMeanings: store.colorMeanings(), generated: new Date() })
  await writeAtomic(out, JSON.stringify(collection, null, 2) + '\n')
  return { files: [out], annotations: collection.total }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

/** Writes (or merges into) `target` the Markdown export of one briefing's notes; how many it holds. */
async function writeBriefingMarkdown(store: NotesStore, briefing: Briefing, target: string, lang: ExportLang, exported: string): Promise<number> {
  const annotations = store.list({ briefingId: briefing.id })
  const placements = new Map(resolveAll(annotations, briefing).map((p) => [p.id, p]))
  const generated = exportBriefingMarkdown({ briefing, annotations, placements, colorMeanings: store.colorMeanings(), lang, exported })
  let existing: string | undefined
  try {
    existing = await readFile(target, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await writeAtomic(target, existing === undefined ? generated : mergeMarkdown(existing, generated))
  return annotations.length
}

async function exportMarkdown({ args, store, out, archive }: ExportContext): Promise<ExportResult> {
  if (!archive) throw new Error('unreachable: the markdown format requires --archive')
  const lang = (option(args, '--lang') ?? 'ko') as ExportLang
  const exported = isoWithOffset(new Date())
  const only = option(args, '--briefing')
  if (only !== undefined) {
    const briefing = await archive.get(only)
    if (!briefing) throw new ExportError(`no briefing ${only} in archive ${archive.dir}`)
    const target = (await isFolder(out)) ? join(out, markdownFileName(briefing.id)) : out
    return { files: [target], annotations: await writeBriefingMarkdown(store, briefing, target, lang, exported) }
  }
  const counts = new Map<string, number>()
  for (const a of store.list()) counts.set(a.briefingId, (counts.get(a.briefingId) ?? 0) + 1)
  await mkdir(out, { recursive: true })
  const result: Required<ExportResult> = { files: [], annotations: 0, missing: [] }
  for (const briefingId of [...counts.keys()].sort()) {
    const briefing = await archive.get(briefingId)
    if (!briefing) {
      result.missing.push({ briefingId, annotations: counts.get(briefingId) ?? 0 })
      continue
    }
    const target = join(out, markdownFileName(briefingId))
    result.annotations += await writeBriefingMarkdown(store, briefing, target, lang, exported)
    result.files.push(target)
  }
  return result
}

/** The export formats: each writes its files and says which. */
const EXPORTERS: Record<string, ((context: ExportContext) => Promise<ExportResult>) | undefined> = {
  json: exportJson,
  markdown: exportMarkdown
}

/** `briefings notes export --format json --out FILE --store FILE [--archive DIR] [--json]` */
export async function notesExportCommand(args: string[]): Promise<number> {
  const format = option(args, '--format') ?? 'json'
  const out = option(args, '--out')
  const storeFile = option(args, '--store')
  const archiveDir = option(args, '--archive')
  const exporter = EXPORTERS[format]
  const lang = option(args, '--lang')
  if (!out || !storeFile || positional(args, VALUED).length > 0) return fail(`notes export: usage: ${EXPORT_USAGE}`, 1)
  if (!exporter) return fail(`notes export: unknown --format ${format} (known: ${Object.keys(EXPORTERS).join(', ')})`, 1)
  if (format === 'markdown' && archiveDir === undefined) return fail('notes export: --format markdown needs --archive DIR', 1)
  if (lang !== undefined && !LANGS.includes(lang as ExportLang)) return fail(`notes export: unknown --lang ${lang} (known: ${LANGS.join(', ')})`, 1)
  if (format !== 'markdown' && (lang !== undefined || option(args, '--briefing') !== undefined)) {
    return fail('notes export: --briefing and --lang are for --format markdown', 1)
  }
  const archive = archiveDir === undefined ? null : await archiveAt(archiveDir)
  if (archiveDir !== undefined && !archive) return fail(`cannot open archive ${archiveDir}: no such folder`, 2)
  // Read-only: no lock, so an export works while the app has the store open.
  const store = await openStore(storeFile, true)
  if (typeof store === 'string') return fail(store, 2)
  let result: ExportResult
  try {
    result = await exporter({ args, store, out: resolve(out), archive })
  } catch (error) {
    if (error instanceof ExportError) return fail(error.message, 2)
    const code = (error as NodeJS.ErrnoException).code
    return fail(`cannot write ${out}: ${code === 'ENOENT' ? 'no such folder' : readReason(error)}`, 2)
  } finally {
    await store.close()
  }
  const missing = result.missing ?? []
  if (args.includes('--json')) process.stdout.write(JSON.stringify(result, null, 2) + '\n')
  else for (const f of result.files) process.stdout.write(`${f}\n`)
  for (const m of missing) {
    process.stderr.write(`briefings: ${m.annotations} notes of briefing ${m.briefingId} not exported: it is not in archive ${archiveDir}\n`)
  }
  return missing.length === 0 ? 0 : 1
}

/** `briefings notes import|export …` */
export async function notesCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args
  if (sub === 'import') return notesImportCommand(rest)
  if (sub === 'export') return notesExportCommand(rest)
  return fail(`notes: usage:\n  ${IMPORT_USAGE}\n  ${EXPORT_USAGE}`, 1)
}
