import type { BriefingId } from '../../archive/model/briefing.ts'
import { api, errorMessage } from '../lib/api.ts'
import type { HitScope } from '../lib/find-highlights.ts'
import { SEARCH_DEBOUNCE_MS } from './search.svelte.ts'
import type { Status } from './status.ts'

export type FindMode = 'closed' | 'hit' | 'find'

/**
 * Matches highlighted in the reader: the strings a search result matched inside its item ('hit', opened
 * from the results), or find in the briefing ('find', Ctrl+F). The reader places the highlights and
 * reports how many there are; this store keeps which one is current.
 */
class FindStore {
  mode: FindMode = $state('closed')
  /** Hit mode: the search query that found the item. Find mode: the text in the find box. */
  query = $state('')
  /** Where to highlight what. */
  scopes: HitScope[] = $state.raw([])
  /** Hit mode: the item the result points at. */
  targetItem: string | null = $state(null)
  /** Occurrences placed in the page, and the current one (0-based). */
  count = $state(0)
  index = $state(0)
  /** Bumped by every step, so the reader scrolls even when the index is unchanged (one match). */
  steps = $state(0)
  status: Status = $state('idle')
  error: string | undefined = $state()
  /** Find mode: items of the briefing with matches (from the main process). */
  itemCount = $state(0)
  #briefingId: BriefingId | null = null
  #request = 0
  #timer: ReturnType<typeof setTimeout> | undefined

  /** Highlights what a search result matched in its item. */
  showHit(hit: { itemId: string; matches: string[] }, query: string): void {
    this.#cancel()
    this.mode = 'hit'
    this.query = query
    this.targetItem = hit.itemId
    this.scopes = [{ itemId: hit.itemId, matches: hit.matches }]
    this.#resetPosition()
  }

  /** Opens find in the briefing, keeping the last text (or starting with `initial`). */
  openFind(briefingId: BriefingId, initial?: string): void {
    const wasFind = this.mode === 'find' && this.#briefingId === briefingId
    this.mode = 'find'
    this.targetItem = null
    this.#briefingId = briefingId
    if (wasFind) return
    // The matches of a search result give way to those of the find box.
    this.scopes = []
    this.#resetPosition()
    if (initial !== undefined) this.query = initial
    this.#schedule(0)
  }

  setQuery(query: string): void {
    this.query = query
    this.#schedule(SEARCH_DEBOUNCE_MS)
  }

  /** Called by the reader once the highlights are placed. */
  placed(count: number, start: number): void {
    this.count = count
    this.index = count === 0 ? 0 : Math.min(Math.max(0, start), count - 1)
    this.steps++
  }

  step(delta: number): void {
    if (this.count === 0) return
    this.index = (this.index + delta + this.count) % this.count
    this.steps++
  }

  close(): void {
    this.#cancel()
    this.mode = 'closed'
    this.scopes = []
    this.targetItem = null
    this.status = 'idle'
    this.error = undefined
    this.#resetPosition()
  }

  #resetPosition(): void {
    this.count = 0
    this.index = 0
    this.itemCount = 0
  }

  #cancel(): void {
    clearTimeout(this.#timer)
    this.#request++
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.#run(), delay)
  }

  async #run(): Promise<void> {
    const request = ++this.#request
    const briefingId = this.#briefingId
    const query = this.query.trim()
    if (!briefingId || !query) {
      this.scopes = []
      this.status = 'idle'
      this.error = undefined
      this.#resetPosition()
      return
    }
    this.status = 'loading'
    try {
      const result = await api.findInBriefing({ briefingId, query })
      if (request !== this.#request || this.mode !== 'find') return
      this.scopes = result.items
      this.itemCount = result.total
      this.status = 'idle'
      this.error = undefined
    } catch (error) {
      if (request !== this.#request) return
      this.status = 'error'
      this.error = errorMessage(error)
    }
  }
}

export const find = new FindStore()
