/**
 * One `ipcMain.handle` per contract method: sender check (security checklist #17), then `dispatch`, which
 * validates the input and always answers with an IpcResult envelope, never a throw.
 */
import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent } from 'electron'
import { z } from 'zod'
import { API_METHODS, CHANNELS, DROP_CHANNEL } from '../../shared/ipc-contract.ts'
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
  /**
   * Files dropped on the window: the preload reads their paths from the drop event (webUtils.getPathForFile;
   * the page never names a path) and sends them on DROP_CHANNEL.
   */
  onDropped?: (paths: string[]) => void
}

/** What the preload sends on DROP_CHANNEL: absolute paths of the dropped files and folders. */
const droppedSchema = z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000) }).strict()

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
  ipcMain.handle(DROP_CHANNEL, async (event: IpcMainInvokeEvent, input: unknown): Promise<IpcResult<{ accepted: number }>> => {
    if (!senderIsTrusted(event, options.devServerUrl)) return FORBIDDEN
    const parsed = droppedSchema.safeParse(input)
    if (!parsed.success || !options.onDropped) {
      return { ok: false, error: { code: 'invalid-input', message: 'dropped files: not a list of paths' } }
    }
    options.onDropped(parsed.data.paths)
    return { ok: true, value: { accepted: parsed.data.paths.length } }
  })
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(CHANNELS[method])
    ipcMain.removeHandler(DROP_CHANNEL)
  }
}
