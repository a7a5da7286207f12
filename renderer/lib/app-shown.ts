/**
 * The app is mounted while its font faces are still loading, hidden (see start.ts), and shown once they have
 * loaded: what needs the window drawn (focus, positions, the work for after the first screen) waits for this.
 */
let resolveShown: () => void = () => {}
let shown = false

/** Resolves once start.ts has shown the mounted app. */
const appShown: Promise<void> = new Promise((resolve) => (resolveShown = resolve))

/** Called by start.ts when the app is shown. */
export function markAppShown(): void {
  shown = true
  resolveShown()
}

/** Whether start.ts has shown the app. */
export function isAppShown(): boolean {
  return shown
}

/** Runs `run` once the app is shown (at once in the next microtask if it is); the function returned cancels it. */
export function whenAppShown(run: () => void): () => void {
  let cancelled = false
  void appShown.then(() => {
    if (!cancelled) run()
  })
  return () => {
    cancelled = true
  }
}

/**
 * For a part of the app's first mount, made while it is hidden (start.ts): runs `draw` in the task after the
 * mount's, so that the mount stays a short task (issue 10, 13); nothing is seen meanwhile, the app is shown later.
 * Once the app is shown there is nothing to wait for and `draw` does not run: the caller draws at once (its state
 * starts from isAppShown()). The function returned cancels.
 */
export function afterHiddenMount(draw: () => void): () => void {
  if (shown) return () => {}
  const timer = setTimeout(draw)
  return () => clearTimeout(timer)
}
