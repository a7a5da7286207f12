import { describe, expect, test } from 'vitest'
import { isPermissionAllowed } from '../../../electron/main/security/permissions.ts'
import { secureWebPreferences } from '../../../electron/main/security/web-preferences.ts'

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs')
  const required = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false
  }
  for (const [key, value] of Object.entries(required)) {
    test(`sets ${key}: ${value} explicitly`, () => {
      expect(prefs).toHaveProperty(key, value)
    })
  }
  test('loads the CommonJS preload', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs')
  })
  test('enables no Blink features', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined()
  })
})

describe('isPermissionAllowed', () => {
  test('allows a clipboard write from our renderer only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://renderer/index.html')).toBe(true)
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://renderer')).toBe(true)
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com')).toBe(false)
  })
  test('refuses reading the clipboard and everything else', () => {
    for (const p of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal']) {
      expect(isPermissionAllowed(p, 'app://renderer/index.html')).toBe(false)
    }
  })
})
