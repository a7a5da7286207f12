/**
 * Main-process lifecycle only: single instance, sandbox, the app:// scheme, then services → IPC → menu →
 * window once Electron is ready.
 */
import { app, BrowserWindow, clipboard, dialog, shell } from 'electron'
import { join } from 'node:path'
import { EVENT_CHANNELS } from '../shared/ipc-contract.ts'
import type { DeepLink } from '../shared/ipc-contract.ts'
import { LINK_SCHEME, linkFromArgv } from './deep-links.ts'
import { registerIpc } from './ipc/register-ipc.ts'
import { createMainWindow, guardWebContents } from './main-window.ts'
import { installMenu } from './menu.ts'
import { applyUserDataOverride, resolveAppPaths } from './paths.ts'
import { handleAppProtocol, registerAppScheme } from './protocol/app-protocol.ts'
import { contentSecurityPolicy } from './security/csp.ts'
import { createApiService } from './services/api-service.ts'
import { openArchiveSessions } from './services/archive-session.ts'
import { createEventHub, type EventHub } from './services/events.ts'
import { createWorkerParser } from '../../archive/import/worker-parser.ts'
import { createImportService } from './services/import-service.ts'
import { createNotesService } from './services/notes-service.ts'
import { openAppNotesStore } from './services/open-notes.ts'
import { ensureSampleArchive } from './services/first-run.ts'
import { createSettingsStore } from './services/settings-store.ts'
import { createSearchesStore } from './services/searches-store.ts'
import type { SettingsBackend } from './services/settings-store.ts'

// Everything up to whenReady() runs synchronously: with an ES-module main process, `ready` can fire while
// top-level code is still awaiting, and these calls are only allowed before it.
applyUserDataOverride(app)
registerAppScheme()
app.enableSandbox()

/** Only an unpackaged `electron-vite dev` run loads the renderer from the dev server. */
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] || undefined
const csp = contentSecurityPolicy(devServerUrl)
/** The open and save dialogs' filter for Web Annotation JSON. */
const JSON_FILTER = { name: 'Web Annotation JSON', extensions: ['jsonld', 'json'] }

let mainWindow: BrowserWindow | null = null
let settings: SettingsBackend | null = null
let events: EventHub | null = null
/** A link that arrived before the window could take it (a launch by link, open-url at start). */
let pendingLink: DeepLink | null = linkFromArgv(process.argv)

/** Hands a briefing-reader:// link to the renderer (or keeps it until the window has loaded). */
function openLink(link: DeepLink | null): void {
  if (!link) return
  if (!events || !mainWindow || mainWindow.webContents.isLoading()) {
    pendingLink = link
    return
  }
  focusMainWindow()
  events.emit('openLink', link)
}

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
  // Windows' back/forward mouse buttons and keys arrive as app commands, not as mouse events.
  mainWindow.on('app-command', (_event, command) => {
    if (command === 'browser-backward') events?.emit('navigate', { direction: 'back' })
    else if (command === 'browser-forward') events?.emit('navigate', { direction: 'forward' })
  })
  mainWindow.webContents.on('did-finish-load', () => {
    // The whole window at the saved zoom (the renderer's keys change it through updateSettings).
    if (settings && mainWindow) mainWindow.webContents.setZoomFactor(settings.getSettings().zoom)
    const link = pendingLink
    pendingLink = null
    openLink(link)
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
  const appSettings = createSettingsStore(paths.userDataDir)
  settings = appSettings
  const hub = createEventHub()
  events = hub
  // Main's events reach the window's renderer only (the preload's `subscribe`).
  hub.listen((event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNELS[event], payload)
  })
  // The archive folder chosen in Settings (or the default one); Settings can change it while the app runs.
  // Its index builds in worker threads (bundled next to this file) while the window opens.
  const sourceParser = createWorkerParser(new URL('./parse-worker.js', import.meta.url))
  app.on('will-quit', () => void sourceParser.close())
  let importing = (): boolean => false
  let archiveSwitched = (): void => undefined
  const sessions = await openArchiveSessions({
    defaultDir: paths.archiveDir,
    settings: appSettings,
    events: hub,
    workerUrl: new URL('./build-worker.js', import.meta.url),
    // Source files (PDF above all) are parsed in a worker thread too: an import never holds up the window's calls.
    parse: sourceParser,
    onWarning: (warning) => console.warn(`archive: ${warning.file}: ${warning.message}`),
    importing: () => importing(),
    onSwitched: () => archiveSwitched(),
    prepareDefault: async (store) => {
      for (const outcome of await ensureSampleArchive(store, paths.sampleDir)) {
        if (outcome.status === 'failed') console.warn('sample archive:', outcome)
      }
    },
    chooseFolder: async () => {
      const options = {
        title: '보관함 폴더',
        defaultPath: sessions.current().dir,
        properties: ['openDirectory' as const, 'createDirectory' as const]
      }
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    }
  })
  const notesStore = await openAppNotesStore(paths.userDataDir)
  if (notesStore.recovered) {
    const { reason, badFile, backup } = notesStore.recovered
    console.error(`notes store: ${reason}; set aside as ${badFile}${backup ? `, restored ${backup}` : ''}`)
  }
  app.on('will-quit', () => void notesStore.close())
  const notes = createNotesService({
    notes: notesStore,
    archive: () => sessions.current().store,
    events: hub,
    chooseSavePath: async (suggestedName, format) => {
      const filters = format === 'json' ? [JSON_FILTER] : [{ name: 'Markdown', extensions: ['md'] }]
      const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters }
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    chooseOpenPath: async () => {
      const options = { defaultPath: app.getPath('documents'), filters: [JSON_FILTER], properties: ['openFile' as const] }
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    writeClipboard: (text) => clipboard.writeText(text)
  })
  archiveSwitched = () => notes.archiveChanged()
  app.on('will-quit', () => void sessions.close())
  const imports = createImportService({
    store: () => sessions.current().store,
    refreshIndex: () => sessions.current().searchService.refresh(),
    briefingChanged: (id) => notes.briefingChanged(id),
    notesOf: (id) => notesStore.list({ briefingId: id }).length,
    events: hub,
    chooseImportPaths: async () => {
      const options = {
        title: '가져오기',
        defaultPath: app.getPath('documents'),
        properties: ['openFile' as const, 'openDirectory' as const, 'multiSelections' as const]
      }
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : result.filePaths
    }
  })
  importing = () => imports.busy()
  const api = createApiService({
    archive: sessions.current,
    settings: appSettings,
    notes: notes.api,
    imports: imports.api,
    archiveFolder: { ...sessions.api, isDefault: sessions.isDefault },
    noteSets: () => notes.itemSets(),
    searches: createSearchesStore(paths.userDataDir),
    openExternal: (url) => shell.openExternal(url),
    appInfo: { version: app.getVersion(), userDataDir: paths.userDataDir },
    windowZoom: (factor) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.setZoomFactor(factor)
    }
  })
  registerIpc(api, { devServerUrl, onDropped: (dropped) => void imports.importPaths(dropped) })
  installMenu({ dev: devServerUrl !== undefined, onImport: () => void imports.api.importFiles({}) })
  app.setAboutPanelOptions({ applicationName: app.name, applicationVersion: app.getVersion() })
  handleAppProtocol(paths.rendererDir, csp)
  openWindow()
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this userData folder (and its settings file): let it take over.
  app.quit()
} else {
  // briefing-reader:// links open this app (Windows and Linux: a second instance with the link in argv;
  // macOS: open-url). In development the app registers itself with the path of its entry script.
  if (process.defaultApp && process.argv.length >= 2) {
    app.setAsDefaultProtocolClient(LINK_SCHEME, process.execPath, [process.argv[1]])
  } else {
    app.setAsDefaultProtocolClient(LINK_SCHEME)
  }
  app.on('second-instance', (_event, argv) => {
    focusMainWindow()
    openLink(linkFromArgv(argv))
  })
  app.on('open-url', (event, url) => {
    event.preventDefault()
    openLink(linkFromArgv([url]))
  })

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
