import { errorMessage } from '../lib/api.ts'

/** How long a toast stays up (its action stays in the undo history after it goes). */
export const TOAST_MS = 6000
/** Steps of undo history kept. */
const HISTORY = 50

export interface UndoStep {
  /** What was done, for the toast (`메모를 삭제했습니다`). */
  message: string
  undo: () => Promise<unknown>
}

/**
 * Nothing is removed without a way back: every delete and edit of a note pushes a step here, shown as a
 * toast with 실행 취소 and undone with Ctrl+Z (most recent first).
 */
class UndoStore {
  toast: { message: string; undoable: boolean; error?: boolean } | null = $state.raw(null)
  #steps: UndoStep[] = []
  #timer: ReturnType<typeof setTimeout> | undefined

  get canUndo(): boolean {
    return this.#steps.length > 0
  }

  push(step: UndoStep): void {
    this.#steps.push(step)
    if (this.#steps.length > HISTORY) this.#steps.shift()
    this.#show({ message: step.message, undoable: true })
  }

  /** A message without an action (an error, a confirmation). */
  say(message: string, error = false): void {
    this.#show({ message, undoable: false, error })
  }

  async undo(): Promise<void> {
    const step = this.#steps.pop()
    if (!step) return
    try {
      await step.undo()
      this.#show({ message: `${step.message} — ↶`, undoable: false })
    } catch (error) {
      this.#show({ message: errorMessage(error), undoable: false, error: true })
    }
  }

  dismiss(): void {
    clearTimeout(this.#timer)
    this.toast = null
  }

  #show(toast: NonNullable<UndoStore['toast']>): void {
    clearTimeout(this.#timer)
    this.toast = toast
    this.#timer = setTimeout(() => (this.toast = null), TOAST_MS)
  }
}

export const undo = new UndoStore()
