import type { BriefingId, ImportProgress, ImportReport } from '../../electron/shared/ipc-contract.ts'
import { api, errorMessage } from '../lib/api.ts'
import { library } from './library.svelte.ts'
import { undo } from './undo.svelte.ts'

/**
 * Imports as the window shows them: whatever started them (the library's button, 파일 ▸ 가져오기, files
 * dropped on the window), main pushes `importProgress` and `importFinished`; this store keeps the running
 * import's progress and the last report, and lists the library again when briefings were added or deleted.
 */
class ImportStore {
  /** The running import, or null. */
  progress: ImportProgress | null = $state.raw(null)
  /** The last import's report, until the user closes it. */
  report: ImportReport | null = $state.raw(null)
  /** A file is dragged over the window. */
  dragging = $state(false)
  #started = false
  /** The newest job seen: an event of an older one never replaces a newer one's state. */
  #job = 0

  /** Subscribes once (App calls it at start). */
  start(): void {
    if (this.#started) return
    this.#started = true
    api.subscribe('importProgress', (progress) => {
      if (progress.job < this.#job) return
      this.#job = progress.job
      this.progress = progress.state === 'done' || progress.state === 'cancelled' ? null : progress
    })
    api.subscribe('importFinished', (report) => {
      if (report.job < this.#job) return
      this.#job = report.job
      this.progress = null
      this.report = report
    })
    api.subscribe('libraryChanged', () => void library.load())
  }

  /** The import dialog (main opens it); the report arrives as an event too. */
  async choose(): Promise<void> {
    try {
      await api.importFiles({})
    } catch (error) {
      undo.say(errorMessage(error), true)
    }
  }

  async cancel(): Promise<void> {
    await api.cancelImport({})
  }

  close(): void {
    this.report = null
  }

  /** Deletes a briefing (after the user confirmed); its notes stay, detached. */
  async remove(id: BriefingId): Promise<{ deleted: boolean; detachedNotes: number } | null> {
    try {
      return await api.deleteBriefing({ id })
    } catch (error) {
      undo.say(errorMessage(error), true)
      return null
    }
  }
}

export const imports = new ImportStore()
