/**
 * Runs `steps` in order, each in a task of its own that `schedule` asks for (setTimeout, requestIdleCallback),
 * the next once the one before has settled (a step may return a promise: a chunk loading). Returns a function
 * that stops what has not run yet.
 */
export function inTurn(steps: readonly (() => unknown)[], schedule: (run: () => void) => () => void): () => void {
  let stopped = false
  let cancel = (): void => {}
  const from = (index: number): void => {
    const step = steps[index]
    if (!step || stopped) return
    cancel = schedule(() => void Promise.resolve(step()).then(() => from(index + 1)))
  }
  from(0)
  return () => {
    stopped = true
    cancel()
  }
}
