import type { Briefing, BriefingId, ItemId, ReadingPlace } from '../../electron/shared/ipc-contract.ts'
import { api, errorMessage } from '../lib/api.ts'
import { stepId } from '../lib/key-actions.ts'
import type { Status } from './status.ts'

/**
 * Items drawn in the task that shows a briefing: none (unless one is the target), so that task lays out only the
 * header, the contents and the summary (with two items too it was a 55–70 ms task, issue 10, 13); the items
 * follow one frame each: the first alone (its code runs for the first time, and its text is the first laid out in
 * the reader's sizes: with two, that frame was a 50–65 ms task), then DRAW_STEP at a time.
 */
const DRAW_FIRST = 0
const DRAW_STEP = 2

/** The open briefing and the item the reader is looking at. */
class ReaderStore {
  status: Status = $state('idle')
  error: string | undefined = $state()
  /** The briefing asked for; null while the library is shown. */
  openId: BriefingId | null = $state(null)
  /** The loaded briefing; null while loading, on error, or when the id is unknown. */
  briefing: Briefing | null = $state.raw(null)
  /** The item highlighted in the contents (scroll-spy or keyboard). */
  currentItemId: ItemId | null = $state(null)
  /** An item to scroll to once the briefing is shown (a note or a deep link opened it). */
  target: ItemId | null = $state(null)
  #request = 0

  /** Item ids in reading order. */
  itemIds: ItemId[] = $derived(this.briefing ? this.briefing.sections.flatMap((s) => s.items.map((item) => item.id)) : [])

  /**
   * How many of the open briefing's items, in reading order, are drawn. A briefing is drawn a few items per frame
   * so that opening a long one never blocks the window (issue 10, 13); whatever needs an item sooner (a jump, a
   * restored place, printing) draws through it at once. What needs every item (find, note highlights) waits for
   * `allDrawn`.
   */
  drawn = $state(0)
  readonly allDrawn: boolean = $derived(this.drawn >= this.itemIds.length)

  /** True when the main process answered but knows no briefing with this id. */
  get notFound(): boolean {
    return this.openId !== null && this.status === 'idle' && this.briefing === null
  }

  async open(id: BriefingId): Promise<void> {
    const request = ++this.#request
    this.openId = id
    this.briefing = null
    this.drawn = 0
    this.currentItemId = null
    this.status = 'loading'
    this.error = undefined
    try {
      const briefing = await api.getBriefing({ id })
      if (request !== this.#request) return
      // Both set before the next render: it draws the first items (through the target), not the whole briefing.
      this.briefing = briefing
      const ids = this.itemIds
      this.drawn = Math.min(ids.length, Math.max(DRAW_FIRST, ids.indexOf(this.target ?? '') + 1))
      this.status = 'idle'
      this.#drawRest(request)
    } catch (error) {
      if (request !== this.#request) return
      this.status = 'error'
      this.error = errorMessage(error)
    }
  }

  /** The next few items after a frame has been painted, until all are drawn (stops when another opens). */
  #drawRest(request: number): void {
    if (this.allDrawn) return
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (request !== this.#request) return
        this.drawn = Math.min(this.itemIds.length, this.drawn + (this.drawn === 0 ? 1 : DRAW_STEP))
        this.#drawRest(request)
      })
    )
  }

  /** Draws every item up to and including `id` (the caller flushes, when it needs the DOM at once). */
  drawThrough(id: ItemId): void {
    const index = this.itemIds.indexOf(id)
    if (index >= this.drawn) this.drawn = index + 1
  }

  /** Draws the next few items now (a jump that needs more page below its item). */
  drawMore(): void {
    this.drawn = Math.min(this.itemIds.length, this.drawn + DRAW_STEP)
  }

  /** Draws every item (printing, going to the end). */
  drawAll(): void {
    this.drawn = this.itemIds.length
  }

  retry(): Promise<void> {
    return this.openId === null ? Promise.resolve() : this.open(this.openId)
  }

  /** Opens a briefing at one of its items. */
  async openAt(id: BriefingId, itemId: ItemId | null): Promise<void> {
    this.target = itemId
    if (this.openId === id && this.briefing) return
    await this.open(id)
  }

  close(): void {
    this.target = null
    this.#request++
    this.drawn = 0
    this.openId = null
    this.briefing = null
    this.currentItemId = null
    this.status = 'idle'
    this.error = undefined
  }

  setCurrent(id: ItemId | null): void {
    this.currentItemId = id
  }

  /** Where the open briefing was left, asked for as it opens (null: never read, or not answered yet). */
  async placeOf(id: BriefingId): Promise<ReadingPlace | null> {
    try {
      return await api.getReadingPlace({ briefingId: id })
    } catch {
      return null
    }
  }

  /** Remembers where a briefing is being read (best effort: a failure only loses the place). */
  savePlace(place: ReadingPlace): void {
    void api.saveReadingPlace(place).catch(() => undefined)
  }

  /** The item `delta` steps from the current one (the first item when none is current). */
  neighbour(delta: number): ItemId | null {
    return stepId(this.itemIds, this.currentItemId, delta)
  }
}

export const reader = new ReaderStore()
