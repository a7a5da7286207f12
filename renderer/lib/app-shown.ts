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
