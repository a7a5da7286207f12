/**
 * The sandboxed preload: exposes `window.archive`, one wrapper per ArchiveApi method, and nothing else.
 * Imports only `electron` and the contract, so it bundles into a single CommonJS file (sandboxed preloads
 * cannot load ES modules or other files). Never expose `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { CHANNELS } from '../shared/ipc-contract.ts'
import type { ApiInput, ApiMethod, ApiOutput, ArchiveApi, IpcResult } from '../shared/ipc-contract.ts'

async function invoke<K extends ApiMethod>(method: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const result = (await ipcRenderer.invoke(CHANNELS[method], input)) as IpcResult<ApiOutput<K>>
  if (result.ok) return result.value
  // Only the message survives contextBridge (custom Error fields are dropped), so throw a plain Error.
  throw new Error(result.error.message)
}

const api = {
  listBriefings: (input) => invoke('listBriefings', input),
  getBriefing: (input) => invoke('getBriefing', input),
  openExternal: (input) => invoke('openExternal', input),
  getSettings: (input) => invoke('getSettings', input),
  updateSettings: (input) => invoke('updateSettings', input),
  getAppInfo: (input) => invoke('getAppInfo', input),
  search: (input) => invoke('search', input),
  findInBriefing: (input) => invoke('findInBriefing', input),
  indexStatus: (input) => invoke('indexStatus', input)
} satisfies ArchiveApi

contextBridge.exposeInMainWorld('archive', api)
