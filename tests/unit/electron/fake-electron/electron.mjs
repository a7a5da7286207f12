// A recording stand-in for the parts of Electron's main-process API that out/main/index.js uses.
import { EventEmitter } from 'node:events'

const log = []
const state = {
  paths: { userData: '/nonexistent/default-user-data' },
  appPath: process.env.FAKE_ELECTRON_APP_PATH,
  windows: [],
  ipc: new Map(),
  protocols: new Map(),
  menu: null,
  privileged: null,
  session: {}
}
globalThis.__fakeElectron = { log, state }

class App extends EventEmitter {
  name = 'Briefing Reader'
  isPackaged = false
  ready = false
  setPath(name, value) {
    log.push(['app.setPath', name])
    state.paths[name] = value
  }
  getPath(name) {
    return state.paths[name]
  }
  getAppPath() {
    return state.appPath
  }
  getVersion() {
    return '0.0.0-test'
  }
  enableSandbox() {
    log.push(['app.enableSandbox', this.ready])
  }
  requestSingleInstanceLock() {
    log.push(['app.requestSingleInstanceLock', state.paths.userData])
    return true
  }
  whenReady() {
    this.ready = true
    log.push(['app.whenReady'])
    return Promise.resolve()
  }
  isReady() {
    return this.ready
  }
  setAboutPanelOptions() {}
  setAsDefaultProtocolClient(scheme) {
    log.push(['app.setAsDefaultProtocolClient', scheme])
    return true
  }
  quit() {
    log.push(['app.quit'])
  }
  exit(code) {
    log.push(['app.exit', code])
  }
}

export const app = new App()
export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    log.push(['protocol.registerSchemesAsPrivileged', app.ready])
    state.privileged = schemes
  },
  handle(scheme, handler) {
    log.push(['protocol.handle', app.ready])
    state.protocols.set(scheme, handler)
  }
}
export const ipcMain = {
  handle(channel, fn) {
    state.ipc.set(channel, fn)
  },
  removeHandler(channel) {
    state.ipc.delete(channel)
  },
  on() {}
}
export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => void (state.menu = menu.template)
}
export const dialog = {
  showErrorBox: (title, message) => log.push(['dialog.showErrorBox', title, message]),
  showSaveDialog: async () => ({ canceled: true })
}
export const clipboard = { writeText: (text) => void log.push(['clipboard.writeText', text]) }
export const shell = { openExternal: async (url) => void log.push(['shell.openExternal', url]) }
export const nativeTheme = { shouldUseDarkColors: false }
const workArea = { x: 0, y: 0, width: 1920, height: 1040 }
export const screen = {
  getAllDisplays: () => [{ workArea }],
  getPrimaryDisplay: () => ({ workArea })
}
const session = {
  setPermissionRequestHandler: (fn) => void (state.session.request = fn),
  setPermissionCheckHandler: (fn) => void (state.session.check = fn),
  setDevicePermissionHandler: (fn) => void (state.session.device = fn),
  webRequest: { onHeadersReceived: (fn) => void (state.session.headers = fn) }
}
class WebContents extends EventEmitter {
  session = session
  setWindowOpenHandler(fn) {
    this.openHandler = fn
  }
  setVisualZoomLevelLimits() {
    return Promise.resolve()
  }
  isLoading() {
    return false
  }
  send(channel, payload) {
    log.push(['webContents.send', channel, payload])
  }
}
export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return state.windows
  }
  constructor(options) {
    super()
    this.options = options
    this.webContents = new WebContents()
    app.emit('web-contents-created', {}, this.webContents)
    this.bounds = { x: options.x, y: options.y, width: options.width, height: options.height }
    state.windows.push(this)
  }
  loadURL(url) {
    this.url = url
    return Promise.resolve()
  }
  maximize() {
    this.maximized = true
  }
  isMaximized() {
    return this.maximized === true
  }
  isMinimized() {
    return false
  }
  isFullScreen() {
    return false
  }
  isDestroyed() {
    return false
  }
  getNormalBounds() {
    return this.bounds
  }
  show() {}
  focus() {}
  restore() {}
}

export default { app, protocol, ipcMain, Menu, dialog, clipboard, shell, nativeTheme, screen, BrowserWindow }
