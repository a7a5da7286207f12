import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  applyUserDataOverride,
  ARCHIVE_ENV,
  resolveAppPaths,
  USER_DATA_ENV
} from '../../../electron/main/paths.ts'

function fakeApp(appPath = '/opt/briefing-reader', userData = '/home/a/.config/Briefing Reader') {
  const paths: Record<string, string> = { userData }
  return {
    paths,
    getAppPath: () => appPath,
    getPath: (name: string) => paths[name] ?? `/unknown/${name}`,
    setPath: (name: string, value: string) => void (paths[name] = value)
  }
}

describe('applyUserDataOverride', () => {
  test('points userData at the folder from the environment, made absolute', () => {
    const app = fakeApp()
    applyUserDataOverride(app as never, { [USER_DATA_ENV]: 'tmp/ud' })
    expect(app.paths['userData']).toBe(resolve('tmp/ud'))
  })
  test('leaves userData alone without the variable, or when it is blank', () => {
    for (const env of [{}, { [USER_DATA_ENV]: '   ' }]) {
      const app = fakeApp()
      applyUserDataOverride(app as never, env)
      expect(app.paths['userData']).toBe('/home/a/.config/Briefing Reader')
    }
  })
})

describe('resolveAppPaths', () => {
  test('keeps the archive under userData by default', () => {
    const paths = resolveAppPaths(fakeApp() as never, {})
    expect(paths.archiveDir).toBe(join('/home/a/.config/Briefing Reader', 'archive'))
    expect(paths.userDataDir).toBe('/home/a/.config/Briefing Reader')
  })
  test('honours the archive override', () => {
    expect(resolveAppPaths(fakeApp() as never, { [ARCHIVE_ENV]: '/data/briefings' }).archiveDir).toBe(
      '/data/briefings'
    )
  })
  test('finds bundled files from the app path', () => {
    const paths = resolveAppPaths(fakeApp('/repo') as never, {})
    expect(paths.sampleDir).toBe(join('/repo', 'archive', 'sample', 'briefings'))
    expect(paths.rendererDir).toBe(join('/repo', 'out', 'renderer'))
    expect(paths.preloadPath).toBe(join('/repo', 'out', 'preload', 'index.cjs'))
  })
})
