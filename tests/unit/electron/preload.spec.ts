import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { API_METHODS, CHANNELS, DROP_CHANNEL, EVENT_CHANNELS } from '../../../electron/shared/ipc-contract.ts'
import type { ArchiveBridge } from '../../../electron/shared/ipc-contract.ts'

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn() },
  // A file dropped from the disk has a path; one the page made (new File) has none.
  webUtils: { getPathForFile: vi.fn((file: { path?: string }) => file.path ?? '') }
}))
vi.mock('electron', () => electron)
// The page's window as the preload sees it: the drop listener it adds.
const page = vi.hoisted(() => {
  const listeners: Array<{ type: string; listener: (event: unknown) => void; capture: unknown }> = []
  ;(globalThis as { window?: unknown }).window = {
    addEventListener: (type: string, listener: (event: unknown) => void, capture: unknown) => listeners.push({ type, listener, capture })
  }
  return { listeners }
})

describe('preload (source)', () => {
  let api: ArchiveBridge

  beforeAll(async () => {
    await import('../../../electron/preload/index.ts')
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    const [name, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0]
    expect(name).toBe('archive')
    api = exposed as ArchiveBridge
  })
  beforeEach(() => {
    electron.ipcRenderer.invoke.mockReset()
  })

  test('files dropped on the window: their paths go to main on DROP_CHANNEL; files the page made (no path) never do', () => {
    expect(page.listeners.map((l) => [l.type, l.capture])).toEqual([['drop', true]])
    const drop = page.listeners[0].listener
    drop({ dataTransfer: { files: [{ path: '/home/u/a.pdf' }, { name: 'made-by-page.txt' }, { path: '/home/u/b.txt' }] } })
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(DROP_CHANNEL, { paths: ['/home/u/a.pdf', '/home/u/b.txt'] })
    electron.ipcRenderer.invoke.mockClear()
    drop({ dataTransfer: { files: [{ name: 'made-by-page.txt' }] } })
    drop({ dataTransfer: null })
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled()
  })

  test('exposes exactly one function per contract method, and subscribe', () => {
    expect(Object.keys(api).sort()).toEqual([...API_METHODS, 'subscribe'].sort())
    for (const method of API_METHODS) expect(typeof api[method]).toBe('function')
  })

  test('subscribe listens on the event channel, hands over the payload only, and unsubscribes once', () => {
    const handler = vi.fn()
    const unsubscribe = api.subscribe('indexProgress', handler)
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1)
    const [channel, listener] = electron.ipcRenderer.on.mock.calls[0] as [string, (...args: unknown[]) => void]
    expect(channel).toBe(EVENT_CHANNELS.indexProgress)
    const payload = { state: 'ready', done: 1, total: 1, loaded: 1, built: 0 }
    listener({ sender: electron.ipcRenderer }, payload)
    expect(handler).toHaveBeenCalledExactlyOnceWith(payload)
    unsubscribe()
    unsubscribe()
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(channel, listener)
  })

  test('subscribe refuses events the contract does not have, and handlers that are not functions', () => {
    expect(() => api.subscribe('ipc' as never, () => {})).toThrow('subscribe: unknown event: ipc')
    expect(() => api.subscribe('indexProgress', 'x' as never)).toThrow('the handler must be a function')
  })

  test('never exposes ipcRenderer or any of its functions', () => {
    const values = Object.values(api) as unknown[]
    expect(values).not.toContain(electron.ipcRenderer)
    expect(values).not.toContain(electron.ipcRenderer.invoke)
    expect(values).not.toContain(electron.ipcRenderer.on)
  })

  for (const method of API_METHODS) {
    test(`${method} invokes ${CHANNELS[method]} with its input and unwraps the value`, async () => {
      electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: `value of ${method}` })
      const input = { probe: method }
      const call = api[method] as (input: unknown) => Promise<unknown>
      await expect(call(input)).resolves.toBe(`value of ${method}`)
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(CHANNELS[method], input)
    })
  }

  test('turns an error envelope into a thrown Error with the message', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid-input', message: 'getBriefing: id: must be a briefing id' }
    })
    await expect(api.getBriefing({ id: 'X' })).rejects.toThrow('getBriefing: id: must be a briefing id')
  })
})

describe('preload (built out/preload/index.cjs)', () => {
  const built = resolve(import.meta.dirname, '../../../out/preload/index.cjs')

  test('is one CommonJS file that requires only electron and exposes the whole API', (context) => {
    if (!existsSync(built)) {
      console.log(`skipped: ${built} not built (run npm run build)`)
      context.skip()
    }
    const code = readFileSync(built, 'utf8')
    expect(code).not.toMatch(/^\s*(import|export)\s/m)
    const required: string[] = []
    const exposed: Record<string, unknown> = {}
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (name: string, value: unknown) => (exposed[name] = value) },
      ipcRenderer: { invoke: async () => ({ ok: true, value: null }) },
      webUtils: { getPathForFile: () => '' }
    }
    const fakeRequire = (id: string): unknown => {
      required.push(id)
      if (id === 'electron') return fakeElectron
      throw new Error(`sandboxed preload cannot require ${id}`)
    }
    const module = { exports: {} }
    const window = { addEventListener: () => {} }
    runInNewContext(code, { require: fakeRequire, module, exports: module.exports, console, window })
    expect(required).toEqual(['electron'])
    expect(Object.keys(exposed)).toEqual(['archive'])
    expect(Object.keys(exposed['archive'] as object).sort()).toEqual([...API_METHODS, 'subscribe'].sort())
  })
})
