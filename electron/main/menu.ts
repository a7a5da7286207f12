/**
 * The application menu, in Korean. Zoom is a setting: the renderer's Ctrl/Cmd +, -, 0 change it and main applies
 * it to the whole window (webContents.setZoomFactor, remembered), so the menu deliberately has no
 * zoomIn/zoomOut/resetZoom roles: Electron's own zoom would not be saved and would fight the setting.
 */
import { app, Menu } from 'electron'
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuOptions {
  /** Development build: adds reload and developer tools. */
  dev: boolean
  /** 파일 ▸ 가져오기…: the import dialog (its progress and report reach the window as events). */
  onImport?: () => void
}

export function buildMenuTemplate(options: MenuOptions, platform = process.platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const template: MenuItemConstructorOptions[] = []
  if (mac) {
    template.push({
      role: 'appMenu',
      submenu: [
        { role: 'about', label: `${app.name} 정보` },
        { type: 'separator' },
        { role: 'hide', label: `${app.name} 숨기기` },
        { role: 'hideOthers', label: '기타 숨기기' },
        { role: 'unhide', label: '모두 보기' },
        { type: 'separator' },
        { role: 'quit', label: `${app.name} 종료` }
      ]
    })
  }
  template.push({
    label: '파일',
    submenu: [
      { label: '가져오기…', accelerator: 'CmdOrCtrl+O', click: () => options.onImport?.() },
      { type: 'separator' },
      mac ? { role: 'close', label: '창 닫기' } : { role: 'quit', label: '종료' }
    ]
  })
  // Without an Edit menu, macOS has no copy/paste/select-all shortcuts, and copying from a briefing is a
  // core use.
  template.push({
    label: '편집',
    submenu: [
      { role: 'undo', label: '실행 취소' },
      { role: 'redo', label: '다시 실행' },
      { type: 'separator' },
      { role: 'cut', label: '잘라내기' },
      { role: 'copy', label: '복사' },
      { role: 'paste', label: '붙여넣기' },
      { role: 'selectAll', label: '모두 선택' }
    ]
  })
  const view: MenuItemConstructorOptions[] = []
  if (options.dev) {
    view.push(
      { role: 'reload', label: '새로 고침' },
      { role: 'forceReload', label: '강력 새로 고침' },
      { role: 'toggleDevTools', label: '개발자 도구' },
      { type: 'separator' }
    )
  }
  view.push({ role: 'togglefullscreen', label: '전체 화면' })
  template.push({ label: '보기', submenu: view })
  template.push({
    role: 'help',
    label: '도움말',
    submenu: [{ role: 'about', label: `${app.name} 정보` }]
  })
  return template
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)))
}
