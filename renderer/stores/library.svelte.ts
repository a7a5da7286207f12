import type { BriefingId, BriefingSummary } from '../../archive/model/briefing.ts'
import { api, errorMessage } from '../lib/api.ts'
import { stepId } from '../lib/key-actions.ts'
import type { Status } from './status.ts'

function newestFirst(a: BriefingSummary, b: BriefingSummary): number {
  if (a.published !== b.published) return a.published < b.published ? 1 : -1
  return a.id.localeCompare(b.id)
}

/** The list of briefings in the archive and the row the user has selected. */
class LibraryStore {
  status: Status = $state('idle')
  error: string | undefined = $state()
  briefings: BriefingSummary[] = $state.raw([])
  /** True once a list has arrived, so an empty archive is told apart from "not loaded yet". */
  loaded = $state(false)
  selectedId: BriefingId | null = $state(null)
  #request = 0

  async load(): Promise<void> {
    const request = ++this.#request
    this.status = 'loading'
    this.error = undefined
    try {
      const list = await api.listBriefings({})
      if (request !== this.#request) return
      this.briefings = [...list].sort(newestFirst)
      this.loaded = true
      if (!this.briefings.some((b) => b.id === this.selectedId)) {
        this.selectedId = this.briefings[0]?.id ?? null
      }
      this.status = 'idle'
    } catch (error) {
      if (request !== this.#request) return
      this.status = 'error'
      this.error = errorMessage(error)
    }
  }

  select(id: BriefingId): void {
    this.selectedId = id
  }

  /** Moves the selection `delta` rows, stopping at either end. */
  move(delta: number): void {
    const next = stepId(
      this.briefings.map((b) => b.id),
      this.selectedId,
      delta
    )
    if (next !== null) this.selectedId = next
  }
}

export const library = new LibraryStore()
