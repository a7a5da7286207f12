import type { ArchiveApi } from '../../electron/shared/ipc-contract.ts'

/** The bridge is read at call time, so a missing preload becomes a rejected promise the UI can show. */
function bridge(): ArchiveApi {
  const archive = (window as Partial<Window>).archive
  if (!archive) throw new Error('renderer: window.archive is not available (preload not loaded)')
  return archive
}

/** The only way the renderer talks to the main process. */
export const api: ArchiveApi = {
  listBriefings: async (input) => bridge().listBriefings(input),
  getBriefing: async (input) => bridge().getBriefing(input),
  openExternal: async (input) => bridge().openExternal(input),
  getSettings: async (input) => bridge().getSettings(input),
  updateSettings: async (input) => bridge().updateSettings(input),
  getAppInfo: async (input) => bridge().getAppInfo(input),
  search: async (input) => bridge().search(input),
  findInBriefing: async (input) => bridge().findInBriefing(input),
  indexStatus: async (input) => bridge().indexStatus(input)
}

/** A readable message from whatever a rejected call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message
  if (typeof error === 'string' && error) return error
  return String(error)
}
