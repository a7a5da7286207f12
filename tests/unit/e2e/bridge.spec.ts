import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security/csp.ts'
import { API_EVENTS, API_METHODS } from '../../../electron/shared/ipc-contract.ts'
import type { ArchiveBridge, IndexProgress } from '../../../electron/shared/ipc-contract.ts'
import { installBridgeClient } from '../../e2e/bridge-client.ts'
import { createRealServices, startBridge } from '../../e2e/bridge-server.ts'
import type { Bridge, RealServices } from '../../e2e/bridge-server.ts'
import { fictionalBriefing } from '../../helpers/fictional-briefing.ts'

let root: string
let bridge: Bridge
let services: RealServices
let archive: ArchiveBridge

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bridge-'))
  await mkdir(join(root, 'renderer'))
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>')
  services = await createRealServices(join(root, 'archive'), join(root, 'user-data'))
  await services.store.importBytes('a.txt', new TextEncoder().encode(fictionalBriefing({ published: '2024-01-05' })))
  bridge = await startBridge(join(root, 'renderer'), services)
  // Runs the init script as Playwright injects it (the function's source called with its argument), with
  // fetch resolving against the bridge.
  const window: Record<string, unknown> = { addEventListener: () => {} }
  const source = `(${installBridgeClient.toString()})(${JSON.stringify({ methods: API_METHODS, events: API_EVENTS })})`
  runInNewContext(source, {
    window,
    fetch: (path: string, init: RequestInit) => fetch(new URL(path, bridge.origin), init),
    Object,
    Error,
    JSON
  })
  archive = window.archive as ArchiveBridge
})
afterAll(async () => {
  await bridge.close()
  await rm(root, { recursive: true, force: true })
})

describe('bridge-client.ts over the bridge', () => {
  test('defines exactly the contract methods and subscribe on a frozen window.archive', () => {
    expect(Object.keys(archive).sort()).toEqual([...API_METHODS, 'subscribe'].sort())
    expect(Object.isFrozen(archive)).toBe(true)
  })

  test('refuses to subscribe to an event the contract does not have', () => {
    expect(() => archive.subscribe('everything' as never, () => {})).toThrow('subscribe: unknown event: everything')
  })

  test('unwraps values from the real services', async () => {
    expect((await archive.listBriefings({})).map((s) => s.id)).toEqual(['kostec-weekly-2024-01-05'])
    expect((await archive.getBriefing({ id: 'kostec-weekly-2024-01-05' }))?.published).toBe('2024-01-05')
    expect(await archive.updateSettings({ theme: 'dark' })).toEqual({ locale: 'ko', theme: 'dark', zoom: 1, contentsSidebar: true, readingWidth: 'normal' })
    expect(await archive.getSettings({})).toMatchObject({ theme: 'dark' })
  })

  test('throws an Error with the message of a failed envelope, and records only http(s) opens', async () => {
    await expect(archive.openExternal({ url: 'javascript:alert(1)' })).rejects.toThrow(/openExternal: url: must be/)
    await expect(archive.getBriefing({ id: 1 } as never)).rejects.toThrow(/invalid|expected string/i)
    expect(await archive.openExternal({ url: 'https://example.com/a?b=1' })).toEqual({ opened: true })
    expect(await (await fetch(`${bridge.origin}/__test/opened`)).json()).toEqual(['https://example.com/a?b=1'])
  })
})

describe('startBridge', () => {
  test('serves the renderer with the app CSP and refuses paths outside it', async () => {
    const page = await fetch(`${bridge.origin}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await page.text()).toContain('<title>t</title>')
    expect((await fetch(`${bridge.origin}/%2e%2e/archive/archive.json`)).status).toBeGreaterThanOrEqual(400)
  })

  test('answers unknown methods, bad JSON and foreign origins with an envelope', async () => {
    const post = (path: string, body: string, headers: Record<string, string> = {}): Promise<[number, { error: { code: string } }]> =>
      fetch(`${bridge.origin}${path}`, { method: 'POST', body, headers }).then(async (r) => [r.status, (await r.json()) as { error: { code: string } }])
    expect(await post('/api/deleteEverything', '{}')).toEqual([200, { ok: false, error: { code: 'unknown-method', message: 'unknown method: deleteEverything' } }])
    expect(await post('/api/listBriefings', '{nope')).toEqual([400, { ok: false, error: { code: 'invalid-input', message: 'request body is not JSON' } }])
    const [status, body] = await post('/api/listBriefings', '{}', { Origin: 'http://evil.example' })
    expect([status, body.error.code]).toEqual([403, 'forbidden'])
  })

  test('streams main\'s events as server-sent events while the page is connected', async () => {
    const controller = new AbortController()
    const response = await fetch(`${bridge.origin}/api/events`, { signal: controller.signal })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = (await reader.read()).value ?? ''
    expect(text).toBe(': connected\n\n')
    const progress: IndexProgress = { state: 'building', done: 1, total: 3, loaded: 0, built: 1 }
    services.events.emit('indexProgress', progress)
    while (!text.endsWith('\n\n') || !text.includes('data:')) text += (await reader.read()).value ?? ''
    expect(text).toBe(`: connected\n\nevent: indexProgress\ndata: ${JSON.stringify(progress)}\n\n`)
    controller.abort()
  })
})
