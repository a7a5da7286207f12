import type { IndexProgress } from '../../electron/shared/ipc-contract.ts'
import { api, errorMessage } from '../lib/api.ts'

/**
 * The search index's state, for an unobtrusive progress display: main pushes every change
 * (`indexProgress` events); one `indexStatus` call at the start fills in the state before the first event.
 * Nothing runs while nothing changes.
 */
class IndexStatusStore {
  progress: IndexProgress | null = $state.raw(null)
  /** The status call itself failed (not the index). */
  error: string | undefined = $state()
  #watching = false
  /** Events received so far: the first call's answer is dropped if an event overtook it (it is older). */
  #events = 0
  #onReady: Array<() => void> = []

  /** True while shards are being loaded or built. */
  get busy(): boolean {
    const state = this.progress?.state
    return state === 'loading' || state === 'building' || state === 'idle'
  }

  get failed(): boolean {
    return this.progress?.state === 'error' || this.error !== undefined
  }

  /** Subscribes to the index's events and asks for the current state, once. */
  watch(): void {
    if (this.#watching) return
    this.#watching = true
    api.subscribe('indexProgress', (progress) => {
      this.#events++
      this.#apply(progress)
    })
    const seen = this.#events
    api.indexStatus({}).then(
      (progress) => {
        if (this.#events === seen) this.#apply(progress)
      },
      (error: unknown) => {
        if (this.#events === seen) this.error = errorMessage(error)
      }
    )
  }

  /** Calls `listener` whenever the index becomes ready after having been busy. */
  onReady(listener: () => void): void {
    this.#onReady.push(listener)
  }

  #apply(progress: IndexProgress): void {
    const before = this.progress?.state
    this.progress = progress
    this.error = undefined
    if (progress.state === 'ready' && before !== undefined && before !== 'ready') {
      for (const listener of this.#onReady) listener()
    }
  }
}

export const indexStatus = new IndexStatusStore()
