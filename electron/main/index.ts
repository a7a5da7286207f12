/**
 * Main-process lifecycle only: single instance, sandbox, the app:// scheme, then services → IPC → menu →
 * window once Electron is ready.
 */
import { app, BrowserWindow, dialog, shell } from 'electron'
import { openArchiveStore } from '../../archive/storage/index.ts'
import { EVENT_CHANNELS } from '../shared/ipc-contract.ts'
import { registerIpc } from './ipc/register-ipc.ts'
import { createMainWindow, guardWebContents } from './main-window.ts'
import { installMenu } from './menu.ts'
import { applyUserDataOverride, resolveAppPaths } from './paths.ts'
import { handleAppProtocol, registerAppScheme } from './protocol/app-protocol.ts'
import { contentSecurityPolicy } from './security/csp.ts'
import { createApiService } from './services/api-service.ts'
import { createEventHub } from './services/events.ts'
import { ensureSampleArchive } from './services/first-run.ts'
import { createSettingsStore } from './services/settings-store.ts'
import { createSearchService } from './services/search-service.ts'
import type { SettingsBackend } from './services/settings-store.ts'

// Everything up to whenReady() runs synchronously: with an ES-module main process, `ready` can fire while
// top-level code is still awaiting, and these calls are only allowed before it.
applyUserDataOverride(app)
registerAppScheme()
app.enableSandbox()

/** Only an unpackaged `electron-vite dev` run loads the renderer from the dev server. */
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] || undefined
const csp = contentSecurityPolicy(devServerUrl)

let mainWindow: BrowserWindow | null = null
let settings: SettingsBackend | null = null

function openWindow(): void {
  if (!settings) return
  const paths = resolveAppPaths(app)
  mainWindow = createMainWindow({
    preloadPath: paths.preloadPath,
    windowState: settings,
    theme: settings.getSettings().theme,
    csp,
    devServerUrl
  })
  mainWindow.on('closed', () => {
    mainWindow = null
  })
}

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

async function start(): Promise<void> {
  const paths = resolveAppPaths(app)
  const store = openArchiveStore(paths.archiveDir, {
    onWarning: (warning) => console.warn(`archive: ${warning.file}: ${warning.message}`)
  })
  for (const outcome of await ensureSampleArchive(store, paths.sampleDir)) {
    if (outcome.status === 'failed') console.warn('sample archive:', outcome)
  }
  settings = createSettingsStore(paths.userDataDir)
  // the index builds in worker threads (bundled next to this file) while the window opens
  const events = createEventHub()
  // Main's events reach the window's renderer only (the preload's `subscribe`).
  events.listen((event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNELS[event], payload)
  })
  const searchService = createSearchService(store, {
    workerUrl: new URL('./build-worker.js', import.meta.url),
    events
  })
  app.on('will-quit', () => void searchService.close())
  const api = createApiService({
    search: searchService.search,
    store,
    settings,
    openExternal: (url) => shell.openExternal(url),
    appInfo: { version: app.getVersion(), archiveDir: paths.archiveDir, userDataDir: paths.userDataDir }
  })
  registerIpc(api, { devServerUrl })
  installMenu({ dev: devServerUrl !== undefined })
  app.setAboutPanelOptions({ applicationName: app.name, applicationVersion: app.getVersion() })
  handleAppProtocol(paths.rendererDir, csp)
  openWindow()
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this userData folder (and its settings file): let it take over.
  app.quit()
} else {
  app.on('second-instance', focusMainWindow)

  // Defence in depth for every web contents, present or future: no navigation, no popups, no <webview>.
  // The main window replaces the deny-all open handler with one that also hands http(s) links to the browser.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents))

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow()
  })

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('startup failed:', error)
      dialog.showErrorBox(
        '브리핑 리더를 시작할 수 없습니다',
        error instanceof Error ? error.message : String(error)
      )
      app.exit(1)
    })
}
