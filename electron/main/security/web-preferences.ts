/**
 * The renderer's webPreferences, in one place so a unit test can hold them to the security checklist
 * (#2 nodeIntegration, #3 contextIsolation, #4 sandbox, #6 webSecurity, #8–#11).
 * Type-only `electron` import: loads in plain Node.
 */
import type { WebPreferences } from 'electron'

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Middle-click on a link would otherwise open it in a new window.
    disableBlinkFeatures: 'Auxclick'
  }
}
