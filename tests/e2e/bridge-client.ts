/**
 * The test bridge's `window.archive`, injected by Playwright (`context.addInitScript(installBridgeClient,
 * …)`) before any page script runs. It does what the preload does — one function per contract method, the
 * IpcResult envelope unwrapped, a plain Error with the message on failure, `subscribe(event, handler)` for
 * main's events — over `POST /api/<method>` and server-sent events from `GET /api/events`.
 *
 * The method and event lists come from the contract (API_METHODS, API_EVENTS) as the init script's
 * argument: Playwright serialises this function by its source, so it must not use anything from outside it.
 */
import type { ApiEvent, ApiMethod, ArchiveBridge, IpcResult } from '../../electron/shared/ipc-contract.ts'

// The browser globals this page script uses (the repository's Node type-check has no DOM library).
declare const window: { addEventListener(type: 'drop', listener: (event: never) => void, capture: boolean): void }
declare function btoa(data: string): string
declare class EventSource {
  constructor(url: string)
  addEventListener(type: string, listener: (message: { data: string }) => void): void
  removeEventListener(type: string, listener: (message: { data: string }) => void): void
}

export interface BridgeClientLists {
  methods: readonly ApiMethod[]
  events: readonly ApiEvent[]
}

export function installBridgeClient({ methods, events }: BridgeClientLists): void {
  async function invoke(method: ApiMethod, input: unknown): Promise<unknown> {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input === undefined ? null : input),
      // As an IPC message from the preload is delivered once sent, a request made while the page goes
      // (the window closing) reaches the services.
      keepalive: true
    })
    const result = (await response.json()) as IpcResult<unknown> | null
    if (result?.ok === true) return result.value
    throw new Error(result?.ok === false ? result.error.message : `bridge: HTTP ${response.status}`)
  }

  // One EventSource for the page, opened at the first subscription.
  let source: EventSource | undefined
  const subscribe = (event: string, handler: (payload: unknown) => void): (() => void) => {
    if (!events.includes(event as ApiEvent)) throw new Error(`subscribe: unknown event: ${event.slice(0, 64)}`)
    source ??= new EventSource('/api/events')
    const listener = (message: { data: string }): void => handler(JSON.parse(message.data))
    source.addEventListener(event, listener)
    return () => source?.removeEventListener(event, listener)
  }

  // Files dropped on the page are imported, as the preload does in the app (there it sends their paths; here,
  // with no paths, their bytes). The page itself only shows the drop target.
  window.addEventListener(
    'drop',
    (event: { dataTransfer: { files: ArrayLike<{ name: string; arrayBuffer(): Promise<ArrayBuffer> }> } | null }) => {
      const dropped = Array.from(event.dataTransfer?.files ?? [])
      if (dropped.length === 0) return
      void Promise.all(
        dropped.map(async (file) => {
          const bytes = new Uint8Array(await file.arrayBuffer())
          let binary = ''
          for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
          return { name: file.name, base64: btoa(binary) }
        })
      ).then((files) =>
        fetch('/__bridge/drop', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ files }) })
      )
    },
    true
  )

  const api: Record<string, unknown> = { subscribe }
  for (const method of methods) api[method] = (input: unknown) => invoke(method, input)
  // contextBridge exposes a frozen, non-writable object: mirror that.
  Object.defineProperty(window, 'archive', { value: Object.freeze(api as unknown as ArchiveBridge), enumerable: true })
}
