import type { ArchiveBridge } from '../../electron/shared/ipc-contract.ts'

const MISSING = 'renderer: window.archive is not available (preload not loaded)'

/**
 * The only way the renderer talks to the main process: `window.archive` (the preload's, or the test
 * bridge's), read at call time so a missing preload becomes a rejected promise the UI can show. No method
 * list here: every name is the contract's.
 */
export const api: ArchiveBridge = new Proxy({} as ArchiveBridge, {
  get(_target, name) {
    const archive = (window as Partial<Window>).archive
    if (archive) return archive[name as keyof ArchiveBridge]
    // Not a thenable, and `subscribe` without a preload subscribes to nothing.
    if (typeof name !== 'string' || name === 'then') return undefined
    if (name === 'subscribe') return () => () => {}
    return () => Promise.reject(new Error(MISSING))
  }
})

/** A readable message from whatever a rejected call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message
  if (typeof error === 'string' && error) return error
  return String(error)
}
