import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { API_METHODS, CHANNELS } from '../../../electron/shared/ipc-contract.ts'
import type { ArchiveApi } from '../../../electron/shared/ipc-contract.ts'

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), send: vi.fn() }
}))
vi.mock('electron', () => electron)

describe('preload (source)', () => {
  let api: ArchiveApi

  beforeAll(async () => {
    await import('../../../electron/preload/index.ts')
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    const [name, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0]
    expect(name).toBe('archive')
    api = exposed as ArchiveApi
  })
  beforeEach(() => {
    electron.ipcRenderer.invoke.mockReset()
  })

  test('exposes exactly one function per contract method', () => {
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort())
    for (const method of API_METHODS) expect(typeof api[method]).toBe('function')
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
      ipcRenderer: { invoke: async () => ({ ok: true, value: null }) }
    }
    const fakeRequire = (id: string): unknown => {
      required.push(id)
      if (id === 'electron') return fakeElectron
      throw new Error(`sandboxed preload cannot require ${id}`)
    }
    const module = { exports: {} }
    runInNewContext(code, { require: fakeRequire, module, exports: module.exports, console })
    expect(required).toEqual(['electron'])
    expect(Object.keys(exposed)).toEqual(['archive'])
    expect(Object.keys(exposed['archive'] as object).sort()).toEqual([...API_METHODS].sort())
  })
})
