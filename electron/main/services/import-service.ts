/**
 * Importing into the archive from the app: paths chosen in main's open dialog or dropped on the window (read by
 * the preload, never named by the page), and — in the test bridge — bytes of dropped files. One import runs at a
 * time (later ones wait their turn); each walks its folders (archive/storage/walk-inputs.ts), imports file by
 * file through the archive store (which checks, parses and writes each file atomically, so a cancel or a crash
 * never leaves half of one), pushes `importProgress` as it goes, then refreshes the search index, re-anchors the
 * notes of updated briefings, and pushes `importFinished` and `libraryChanged`. No Electron import: the test
 * bridge uses it as is; the dialog comes in as a function.
 */
import { resolve } from 'node:path'
import type { BriefingId } from '../../../archive/model/briefing.ts'
import type { ArchiveStore, ImportOutcome } from '../../../archive/storage/archive-store.ts'
import { walkInputs } from '../../../archive/storage/walk-inputs.ts'
import type { ArchiveApi, ImportProgress, ImportReport, ImportRow, ImportStatus } from '../../shared/ipc-contract.ts'
import type { EventHub } from './events.ts'

export interface ImportServiceDeps {
  /**
   * The archive open now (archive-session.ts), asked once per import and per delete: a job stays in one archive
   * (the archive folder is not changed while an import runs or waits, see {@link ImportService.busy}).
   */
  store: () => ArchiveStore
  /** Brings the search index up to date (the search service's refresh). */
  refreshIndex: () => Promise<void>
  /** A briefing was updated in place: its notes move to where they land in the new text. */
  briefingChanged?: (id: BriefingId) => Promise<unknown>
  /** How many annotations a briefing has (they are kept, detached, when it is deleted). */
  notesOf?: (id: BriefingId) => number
  events?: EventHub
  /** Main's open dialog for files and folders; null when cancelled. */
  chooseImportPaths: () => Promise<string[] | null>
}

export type ImportApi = Pick<ArchiveApi, 'importFiles' | 'cancelImport' | 'deleteBriefing'>

export interface ImportService {
  api: ImportApi
  /** Imports paths (files and folders) the user gave: the dialog's, the dropped ones. */
  importPaths(paths: readonly string[]): Promise<ImportReport>
  /** Imports files given as bytes (the test bridge's dropped files, which have no path). */
  importBytes(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Promise<ImportReport>
  /** True while an import runs or waits its turn. */
  busy(): boolean
}

type Input = { path: string } | { name: string; bytes: Uint8Array }
/** What a job imports, walked in the job's archive (`store`). */
type Inputs = (store: ArchiveStore) => AsyncGenerator<Input | { row: ImportRow }>

const STATUSES: ImportStatus[] = ['imported', 'updated', 'unchanged', 'failed', 'skipped']

/** The report's line for a store outcome. */
function rowOf(file: string, outcome: ImportOutcome, title: (id: BriefingId) => string | undefined): ImportRow {
  if (outcome.status === 'failed') return { file, status: 'failed', reason: outcome.error }
  const name = title(outcome.briefingId)
  return { file, status: outcome.status, briefingId: outcome.briefingId, ...(name ? { title: name } : {}) }
}

export function createImportService(deps: ImportServiceDeps): ImportService {
  const { events } = deps
  let jobs = 0
  /** Jobs queued or running. */
  let waiting = 0
  let queue: Promise<unknown> = Promise.resolve()
  /** The job a cancel applies to (the running one). */
  let running: { job: number; cancelled: boolean } | undefined

  const progress = (p: ImportProgress): void => events?.emit('importProgress', p)

  async function run(job: number, inputs: Inputs): Promise<ImportReport> {
    const store = deps.store()
    const state = { job, cancelled: false }
    running = state
    const rows: ImportRow[] = []
    const files: Input[] = []
    try {
      progress({ job, state: 'walking', done: 0, total: 0 })
      for await (const found of inputs(store)) {
        if ('row' in found) rows.push(found.row)
        else files.push(found)
        if (state.cancelled) break
      }
      const titles = new Map<BriefingId, string>()
      const title = (id: BriefingId): string | undefined => titles.get(id)
      let done = 0
      for (const input of files) {
        if (state.cancelled) break
        const file = 'path' in input ? input.path : input.name
        progress({ job, state: 'importing', done, total: files.length, file })
        const outcome = 'path' in input ? await store.importFile(input.path) : await store.importBytes(input.name, input.bytes)
        if (outcome.status !== 'failed') {
          const briefing = await store.get(outcome.briefingId)
          if (briefing) titles.set(briefing.id, briefing.kind === 'post' && briefing.title ? briefing.title : `${briefing.series} · ${briefing.published}`)
        }
        rows.push(rowOf(file, outcome, title))
        done += 1
      }
      const changed = rows.filter((r) => r.status === 'imported' || r.status === 'updated')
      if (changed.length > 0) {
        progress({ job, state: 'indexing', done, total: files.length })
        await deps.refreshIndex()
        // Updated briefings' notes move to where they land; new ones may have notes waiting (imported before).
        for (const row of changed) if (row.briefingId) await deps.briefingChanged?.(row.briefingId)
        events?.emit('libraryChanged', { briefingIds: changed.flatMap((r) => (r.briefingId ? [r.briefingId] : [])) })
      }
      const counts = Object.fromEntries(STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as ImportReport['counts']
      const report: ImportReport = { job, cancelled: state.cancelled, rows, counts }
      progress({ job, state: state.cancelled ? 'cancelled' : 'done', done, total: files.length })
      events?.emit('importFinished', report)
      return report
    } finally {
      if (running === state) running = undefined
    }
  }

  /** Runs after the imports before it (one at a time). */
  function enqueue(inputs: Inputs): Promise<ImportReport> {
    const job = ++jobs
    waiting += 1
    const next = queue.then(() => run(job, inputs)).finally(() => (waiting -= 1))
    queue = next.catch(() => undefined)
    return next
  }

  function importPaths(paths: readonly string[]): Promise<ImportReport> {
    return enqueue(async function* (store) {
      for (const path of paths) {
        for await (const found of walkInputs(resolve(path), resolve(store.dir))) {
          if ('file' in found) yield { path: found.file }
          else if ('failed' in found) yield { row: { file: found.failed, status: 'failed', reason: found.error } }
          else yield { row: { file: found.skipped, status: 'skipped', reason: found.reason } }
        }
      }
    })
  }

  return {
    importPaths,
    busy: () => waiting > 0,
    importBytes(files) {
      return enqueue(async function* () {
        for (const file of files) yield { name: file.name, bytes: file.bytes }
      })
    },
    api: {
      async importFiles() {
        const paths = await deps.chooseImportPaths()
        if (!paths || paths.length === 0) return null
        return importPaths(paths)
      },
      async cancelImport() {
        if (!running) return { cancelling: false }
        running.cancelled = true
        return { cancelling: true }
      },
      async deleteBriefing({ id }) {
        const store = deps.store()
        const detachedNotes = deps.notesOf?.(id) ?? 0
        const deleted = await store.remove(id)
        if (deleted) {
          await deps.refreshIndex()
          await deps.briefingChanged?.(id)
          events?.emit('libraryChanged', { briefingIds: [id] })
        }
        return { deleted, detachedNotes: deleted ? detachedNotes : 0 }
      }
    }
  }
}
