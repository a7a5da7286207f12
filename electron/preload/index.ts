/**
 * The sandboxed preload: exposes `window.archive`, one wrapper per contract method (derived from CHANNELS)
 * plus `subscribe(event, handler)` for main's events, and nothing else. Imports only `electron` and the
 * contract, so it bundles into a single CommonJS file (sandboxed preloads cannot load ES modules or other
 * files). Never expose `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import { apiFromInvoke, CHANNELS, DROP_CHANNEL, EVENT_CHANNELS, isApiEvent } from '../shared/ipc-contract.ts'
import type {
  ApiEvent,
  ApiEvents,
  ArchiveBridge,
  EventHandler,
  Invoke,
  IpcResult,
  Unsubscribe
} from '../shared/ipc-contract.ts'

// The DOM the preload touches (the repository's Node type-check has no DOM library; the preload runs in a page).
declare const window: { addEventListener(type: 'drop', listener: (event: DragEvent) => void, capture: boolean): void }
interface DragEvent {
  dataTransfer: { files: ArrayLike<File> } | null
}
type File = Parameters<typeof webUtils.getPathForFile>[0]

const invoke: Invoke = async (method, input) => {
  const result = (await ipcRenderer.invoke(CHANNELS[method], input)) as IpcResult<never>
  if (result.ok) return result.value
  // Only the message survives contextBridge (custom Error fields are dropped), so throw a plain Error.
  throw new Error(result.error.message)
}

function subscribe<E extends ApiEvent>(event: E, handler: EventHandler<E>): Unsubscribe {
  if (!isApiEvent(event)) throw new Error(`subscribe: unknown event: ${String(event).slice(0, 64)}`)
  if (typeof handler !== 'function') throw new Error('subscribe: the handler must be a function')
  const channel = EVENT_CHANNELS[event]
  // The renderer sees the payload only, never the IpcRendererEvent (whose `sender` is ipcRenderer).
  const listener = (_event: IpcRendererEvent, payload: ApiEvents[E]): void => handler(payload)
  ipcRenderer.on(channel, listener)
  let subscribed = true
  return () => {
    if (!subscribed) return
    subscribed = false
    ipcRenderer.removeListener(channel, listener)
  }
}

contextBridge.exposeInMainWorld('archive', { ...apiFromInvoke(invoke), subscribe } satisfies ArchiveBridge)

// Files dropped on the window are imported: their paths are read here, in the isolated world, from the drop
// event itself, so the page can never name a path (a File the page makes has none). The page shows the drop
// target and the progress; main pushes importProgress and importFinished.
window.addEventListener(
  'drop',
  (event: DragEvent) => {
    const paths = Array.from(event.dataTransfer?.files ?? []).map((file) => webUtils.getPathForFile(file)).filter((path) => path !== '')
    if (paths.length > 0) void ipcRenderer.invoke(DROP_CHANNEL, { paths })
  },
  true
)
