import type { BriefingId } from '../../electron/shared/ipc-contract.ts'

/** A place in the back/forward history: the home views, or an open briefing. */
export type Visit = { kind: 'home' } | { kind: 'briefing'; id: BriefingId }

function same(a: Visit, b: Visit): boolean {
  return a.kind === b.kind && (a.kind === 'home' || (b.kind === 'briefing' && a.id === b.id))
}

/** Back and forward through what was opened (Alt+← →, the mouse's back and forward buttons). */
export class VisitHistory {
  past: Visit[] = []
  future: Visit[] = []
  current: Visit = { kind: 'home' }

  /** A new place was opened: the current one goes on the back list, the forward list is dropped. */
  visit(next: Visit): void {
    if (same(next, this.current)) return
    this.past = [...this.past, this.current].slice(-100)
    this.future = []
    this.current = next
  }

  /** The place to go back to (now current), or null at the start. */
  back(): Visit | null {
    const previous = this.past.at(-1)
    if (!previous) return null
    this.past = this.past.slice(0, -1)
    this.future = [this.current, ...this.future]
    this.current = previous
    return previous
  }

  /** The place to go forward to (now current), or null at the end. */
  forward(): Visit | null {
    const next = this.future[0]
    if (!next) return null
    this.future = this.future.slice(1)
    this.past = [...this.past, this.current]
    this.current = next
    return next
  }
}

export const visits = new VisitHistory()
