import type { BriefingId, BriefingKind, BriefingSummary } from '../../archive/model/briefing.ts'
import { api, errorMessage } from '../lib/api.ts'
import { stepId } from '../lib/key-actions.ts'
import { facets, NO_FILTERS, ordered, passes, type LibraryFilters, type LibrarySort } from '../lib/library-groups.ts'
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
  /** Replaced, never changed in place (raw: 2,600 briefings are filtered against it without proxy reads). */
  filters: LibraryFilters = $state.raw({ ...NO_FILTERS })
  sort: LibrarySort = $state('published')
  /** What the list shows: the filtered briefings in the chosen order. */
  readonly shown: BriefingSummary[] = $derived(ordered(this.briefings.filter((b) => passes(b, this.filters)), this.sort))
  readonly facets = $derived(facets(this.briefings, this.filters))
  readonly filtered = $derived(this.filters.publishers.length + this.filters.series.length + this.filters.kinds.length > 0)
  #request = 0

  toggle(kind: 'publishers' | 'series', value: string): void
  toggle(kind: 'kinds', value: BriefingKind): void
  toggle(kind: keyof LibraryFilters, value: string): void {
    const list = this.filters[kind] as string[]
    this.filters = { ...this.filters, [kind]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value] }
    this.#keepSelectionShown()
  }

  clearFilters(): void {
    this.filters = { ...NO_FILTERS }
  }

  /** The selection stays on a shown row (the first one when it was filtered out). */
  #keepSelectionShown(): void {
    const shown = this.shown
    if (!shown.some((b) => b.id === this.selectedId)) this.selectedId = shown[0]?.id ?? null
  }

  async load(): Promise<void> {
    const request = ++this.#request
    this.status = 'loading'
    this.error = undefined
    try {
      const list = await api.listBriefings({})
      if (request !== this.#request) return
      this.briefings = [...list].sort(newestFirst)
      this.loaded = true
      this.#keepSelectionShown()
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

  /** Moves the selection `delta` rows of what is shown, stopping at either end. */
  move(delta: number): void {
    const next = stepId(
      this.shown.map((b) => b.id),
      this.selectedId,
      delta
    )
    if (next !== null) this.selectedId = next
  }

  /** The first (`'first'`) or last shown row. */
  moveTo(end: 'first' | 'last'): void {
    const row = end === 'first' ? this.shown[0] : this.shown.at(-1)
    if (row) this.selectedId = row.id
  }
}

export const library = new LibraryStore()
