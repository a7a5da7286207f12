import type { IndexProgress } from '../../archive/search/results.ts'
import { api, errorMessage } from '../lib/api.ts'

/** How often the index state is asked for while it is being loaded or built. */
export const INDEX_POLL_MS = 500
/** How often while the index has not started (nothing to show yet). */
const IDLE_POLL_MS = 2000

/** The search index's state, polled while it loads or builds, for an unobtrusive progress display. */
class IndexStatusStore {
  progress: IndexProgress | null = $state.raw(null)
  /** The status call itself failed (not the index). */
  error: string | undefined = $state()
  #timer: ReturnType<typeof setTimeout> | undefined
  #polling = false
  #onReady: Array<() => void> = []

  /** True while shards are being loaded or built. */
  get busy(): boolean {
    const state = this.progress?.state
    return state === 'loading' || state === 'building' || state === 'idle'
  }

  get failed(): boolean {
    return this.progress?.state === 'error' || this.error !== undefined
  }

  /** Starts polling unless it already is; polling stops once the index is ready or failed. */
  watch(): void {
    if (this.#polling) return
    this.#polling = true
    void this.#poll()
  }

  /** Calls `listener` whenever the index becomes ready after having been busy. */
  onReady(listener: () => void): void {
    this.#onReady.push(listener)
  }

  async #poll(): Promise<void> {
    const before = this.progress?.state
    let delay = INDEX_POLL_MS
    try {
      const progress = await api.indexStatus({})
      this.progress = progress
      this.error = undefined
      if (progress.state === 'ready' || progress.state === 'error') {
        this.#polling = false
        if (progress.state === 'ready' && before !== undefined && before !== 'ready') {
          for (const listener of this.#onReady) listener()
        }
        return
      }
      if (progress.state === 'idle') delay = IDLE_POLL_MS
    } catch (error) {
      this.error = errorMessage(error)
      this.#polling = false
      return
    }
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.#poll(), delay)
  }
}

export const indexStatus = new IndexStatusStore()
