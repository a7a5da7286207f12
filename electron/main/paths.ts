/**
 * Where the app keeps things on disk. Tests point the app at a temporary folder through the environment.
 * Takes Electron's `app` as a parameter (type-only import), so it is unit-tested with a fake.
 */
import type { App } from 'electron'
import { join, resolve } from 'node:path'

/** Overrides `app.getPath('userData')` (settings, window state, the default archive). */
export const USER_DATA_ENV = 'BRIEFING_READER_USER_DATA'
/** Overrides the default archive folder (`<userData>/archive`); a folder chosen in Settings still wins. */
export const ARCHIVE_ENV = 'BRIEFING_READER_ARCHIVE'

export interface AppPaths {
  userDataDir: string
  /** The default archive folder ({@link ARCHIVE_ENV} or `<userData>/archive`); Settings may choose another. */
  archiveDir: string
  /** The fictional sample briefings copied into an empty archive on first run. */
  sampleDir: string
  /** The built renderer served over app://renderer/. */
  rendererDir: string
  /** The sandboxed preload, a single CommonJS file. */
  preloadPath: string
}

type Env = Record<string, string | undefined>
type PathsApp = Pick<App, 'getPath' | 'setPath' | 'getAppPath'>

function fromEnv(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? resolve(value) : undefined
}

/**
 * Applies {@link USER_DATA_ENV}. Call before anything reads userData, and before
 * `requestSingleInstanceLock()`, whose lock lives in the userData folder (so test instances with their own
 * folders do not block each other).
 */
export function applyUserDataOverride(app: PathsApp, env: Env = process.env): void {
  const dir = fromEnv(env, USER_DATA_ENV)
  if (dir) app.setPath('userData', dir)
}

/**
 * Resolves every path the main process needs. Bundled files are found from `app.getAppPath()` (the repo
 * root under `electron-vite preview`, the asar root when packaged), never from the bundle's own location.
 */
export function resolveAppPaths(app: PathsApp, env: Env = process.env): AppPaths {
  const appPath = app.getAppPath()
  const userDataDir = app.getPath('userData')
  return {
    userDataDir,
    archiveDir: fromEnv(env, ARCHIVE_ENV) ?? join(userDataDir, 'archive'),
    sampleDir: join(appPath, 'archive', 'sample', 'briefings'),
    rendererDir: join(appPath, 'out', 'renderer'),
    preloadPath: join(appPath, 'out', 'preload', 'index.cjs')
  }
}
