/**
 * One `ipcMain.handle` per contract method: sender check (security checklist #17), then `dispatch`, which
 * validates the input and always answers with an IpcResult envelope, never a throw.
 */
import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent } from 'electron'
import { API_METHODS, CHANNELS } from '../../shared/ipc-contract.ts'
import type { ArchiveApi, IpcResult } from '../../shared/ipc-contract.ts'
import { isTrustedSender } from '../security/app-origin.ts'
import { dispatch } from './dispatch.ts'

export const FORBIDDEN: IpcResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'IPC from an untrusted frame was refused' }
}

export interface RegisterIpcOptions {
  /** The dev server origin (ELECTRON_RENDERER_URL) when running under `electron-vite dev`. */
  devServerUrl?: string
}

function senderIsTrusted(event: IpcMainInvokeEvent, devServerUrl: string | undefined): boolean {
  try {
    return isTrustedSender(event.senderFrame, devServerUrl)
  } catch {
    // Reading a frame that was disposed mid-call throws; such a sender is not trusted.
    return false
  }
}

/** Registers every handler; returns a function that removes them again. */
export function registerIpc(api: ArchiveApi, options: RegisterIpcOptions = {}): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(
      CHANNELS[method],
      async (event: IpcMainInvokeEvent, input: unknown): Promise<IpcResult<unknown>> => {
        if (!senderIsTrusted(event, options.devServerUrl)) return FORBIDDEN
        return dispatch(api, method, input)
      }
    )
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(CHANNELS[method])
  }
}
