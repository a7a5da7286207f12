import { CHANNELS, DROP_CHANNEL } from '../../../electron/shared/ipc-contract.ts'
/**
 * The built main process (out/main/index.js, ESM) run under plain Node against a recording fake of Electron
 * (tests/unit/electron/fake-electron): checks the wiring a real Electron run would exercise — pre-ready
 * calls, externalised ESM dependencies (electron-store), IPC, protocol, menu, window state — without the
 * binary. Skipped when the app has not been built.
 */
import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const repo = resolve(import.meta.dirname, '../../..')
const built = join(repo, 'out', 'main', 'index.js')
const runner = join(import.meta.dirname, 'fake-electron', 'run-main.mjs')

interface Report {
  log: [string, ...unknown[]][]
  userData: string
  privileged: { scheme: string; privileges: Record<string, boolean> }[]
  window?: { options: Record<string, unknown> & { webPreferences: Record<string, unknown> }; url: string }
  channels: string[]
  ipc: Record<string, { ok: boolean; value?: unknown; error?: { code: string } }>
  protocol: { index: { status: number; type: string | null; csp: string | null }; traversal: number }
  menu: string[]
  openHandler: unknown
  settingsFile: { windowState?: unknown }
  addedNote: { ok: boolean }
  journalBeforeQuit: boolean
  notesStore: { annotations: Array<{ text?: string }> }
}

describe.skipIf(!existsSync(built))('out/main/index.js under a fake Electron', () => {
  let userData: string
  let report: Report

  beforeAll(async () => {
    userData = await mkdtemp(join(tmpdir(), 'briefing-main-bundle-'))
    const { stdout } = await promisify(execFile)(process.execPath, [runner, repo, userData], {
      cwd: repo,
      env: Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'ELECTRON_RUN_AS_NODE')),
      timeout: 20_000
    })
    const line = stdout.split('\n').find((l) => l.startsWith('@@REPORT@@'))
    if (!line) throw new Error(`no report in output:\n${stdout}`)
    report = JSON.parse(line.slice('@@REPORT@@'.length)) as Report
  }, 30_000)
  afterAll(async () => {
    if (userData) await rm(userData, { recursive: true, force: true })
  })

  const order = (): string[] => report.log.map((entry) => entry[0])

  test('registers briefing-reader:// and hands a second instance\'s link to the window as an event', () => {
    expect(report.log).toContainEqual(['app.setAsDefaultProtocolClient', 'briefing-reader'])
    const sent = report.log.filter((e) => e[0] === 'webContents.send' && e[1] === 'event:open-link')
    // The malformed second link is dropped.
    expect(sent).toEqual([['webContents.send', 'event:open-link', { kind: 'item', id: 'sample-weekly-2026-01-09/I-02' }]])
  })

  test('opens the notes store in the user-data folder: a change goes to its journal at once, and through electron-store into notes.json at quit', () => {
    expect(report.addedNote).toMatchObject({ ok: true })
    expect(report.journalBeforeQuit).toBe(true)
    expect(report.notesStore.annotations.map((a) => a.text)).toEqual(['가짜 Electron의 메모'])
  })

  test('applies the user-data override before taking the single-instance lock', () => {
    expect(report.userData).toBe(userData)
    const lock = report.log.find((e) => e[0] === 'app.requestSingleInstanceLock')
    expect(lock?.[1]).toBe(userData)
  })

  test('registers the app scheme and enables the sandbox before ready', () => {
    expect(report.log).toContainEqual(['protocol.registerSchemesAsPrivileged', false])
    expect(report.log).toContainEqual(['app.enableSandbox', false])
    expect(order().indexOf('app.requestSingleInstanceLock')).toBeLessThan(order().indexOf('app.whenReady'))
    expect(report.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }
    ])
  })

  test('starts without an error dialog and opens one window on app://renderer/', () => {
    expect(order()).not.toContain('dialog.showErrorBox')
    expect(order()).not.toContain('app.exit')
    expect(report.window?.url).toBe('app://renderer/index.html')
    expect(report.window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: join(repo, 'out', 'preload', 'index.cjs')
    })
  })

  test('imports the sample briefings into an empty archive on first run', (context) => {
    const sampleDir = join(repo, 'archive', 'sample', 'briefings')
    const samples = existsSync(sampleDir) ? readdirSync(sampleDir).filter((name) => name.endsWith('.txt')) : []
    if (samples.length === 0) {
      console.log(`skipped: no sample briefings in ${sampleDir}`)
      context.skip()
    }
    expect(report.ipc['list']).toMatchObject({ ok: true })
    expect((report.ipc['list']?.value as unknown[]).length).toBe(samples.length)
  })

  test('handles every contract channel, checking the sender and the input', () => {
    expect(report.channels).toEqual([...Object.values(CHANNELS), DROP_CHANNEL].sort())
    expect(report.ipc['list']?.ok).toBe(true)
    expect(report.ipc['info']).toMatchObject({
      ok: true,
      value: { version: '0.0.0-test', userDataDir: userData, archiveDir: join(userData, 'archive') }
    })
    expect(report.ipc['badInput']?.error?.code).toBe('invalid-input')
    expect(report.ipc['foreign']?.error?.code).toBe('forbidden')
  })

  test('serves the renderer over app:// with the CSP and refuses traversal', () => {
    expect(report.protocol.index.csp).toContain("default-src 'none'")
    expect(report.protocol.traversal).toBe(403)
    if (existsSync(join(repo, 'out', 'renderer', 'index.html'))) {
      expect(report.protocol.index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' })
    }
  })

  test('installs the Korean menu and denies window.open', () => {
    expect(report.menu).toEqual(expect.arrayContaining(['파일', '보기', '도움말']))
    expect(report.openHandler).toEqual({ action: 'deny' })
  })

  test('saves the window bounds to the settings file on close', () => {
    expect(report.settingsFile.windowState).toEqual({ x: 30, y: 40, width: 1100, height: 800, maximized: false })
  })
})
