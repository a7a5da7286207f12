/**
 * User settings, window state and the archive folder chosen in Settings in `<cwd>/settings.json`: the only importer of electron-store.
 *
 * A file that cannot be read (invalid JSON, or JSON the schema rejects) is never cleared: it is moved aside to
 * `settings.corrupt-<timestamp>.json`, the error is logged, and the defaults are used.
 */
import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import Store from 'electron-store'
import type { Schema } from 'electron-store'
import type { BriefingId, ReadingPlace, Settings } from '../../shared/ipc-contract.ts'

/** Where and how big the main window was when it last closed. */
export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

/** Settings persistence as the API service and the window code use it. */
export interface SettingsBackend {
  /** Absolute path of the settings file. */
  readonly path: string
  getSettings(): Settings
  /** Merges `patch` into the settings, saves them and returns the result; throws on an invalid value. */
  updateSettings(patch: Partial<Settings>): Settings
  getWindowState(): WindowState | undefined
  setWindowState(state: WindowState): void
  /**
   * The archive folder chosen in Settings (an absolute path), or undefined for the default one. Kept beside
   * the settings, not in them: the renderer never names a path (updateSettings cannot set it).
   */
  getArchiveDir(): string | undefined
  /** Saves the chosen archive folder; undefined goes back to the default. */
  setArchiveDir(dir: string | undefined): void
  /** Where a briefing was left, or undefined. */
  getReadingPlace(briefingId: BriefingId): ReadingPlace | undefined
  /** Remembers where a briefing was left; the oldest of more than {@link MAX_READING_PLACES} are forgotten. */
  setReadingPlace(place: ReadingPlace): void
}

/** How many briefings' reading places are kept. */
export const MAX_READING_PLACES = 500

/** Options for {@link createSettingsStore}. */
export interface SettingsStoreOptions {
  /** Receives recovery messages; `console.error` by default. */
  log?: (message: string, error?: unknown) => void
  /** The clock used for the quarantine file name. */
  now?: () => Date
}

/** The settings a fresh install starts with. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  locale: 'ko',
  theme: 'system',
  zoom: 1,
  contentsSidebar: true,
  readingWidth: 'normal'
})

/** A briefing's place as stored (the id is the key). */
type StoredPlace = Omit<ReadingPlace, 'briefingId'>

interface StoreShape {
  settings: Settings
  windowState?: WindowState
  /** The archive folder chosen in Settings; absent: the default. */
  archiveDir?: string
  /** Where each briefing was left, least recently saved first. */
  readingPlaces?: Record<string, StoredPlace>
}

const SCHEMA: Schema<StoreShape> = {
  settings: {
    type: 'object',
    properties: {
      locale: { type: 'string', enum: ['ko', 'en'] },
      theme: { type: 'string', enum: ['system', 'light', 'dark'] },
      zoom: { type: 'number', minimum: 0.5, maximum: 3 },
      contentsSidebar: { type: 'boolean' },
      readingWidth: { type: 'string', enum: ['narrow', 'normal', 'wide', 'full'] },
      searchSort: { type: 'string', enum: ['relevance', 'date'] }
    },
    required: ['locale', 'theme', 'zoom'],
    additionalProperties: false
  },
  windowState: {
    type: 'object',
    properties: {
      x: { type: 'integer' },
      y: { type: 'integer' },
      width: { type: 'integer', minimum: 1, maximum: 100_000 },
      height: { type: 'integer', minimum: 1, maximum: 100_000 },
      maximized: { type: 'boolean' }
    },
    required: ['width', 'height', 'maximized'],
    additionalProperties: false
  },
  archiveDir: { type: 'string', minLength: 1 },
  readingPlaces: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        itemId: { type: ['string', 'null'] },
        fraction: { type: 'number', minimum: 0, maximum: 1 }
      },
      required: ['itemId', 'fraction'],
      additionalProperties: false
    }
  }
}

/** `places` with `place` saved last, the oldest dropped past the limit. */
function withPlace(places: Record<string, StoredPlace> | undefined, place: ReadingPlace): Record<string, StoredPlace> {
  const entries = Object.entries(places ?? {}).filter(([id]) => id !== place.briefingId)
  entries.push([place.briefingId, { itemId: place.itemId, fraction: place.fraction }])
  return Object.fromEntries(entries.slice(-MAX_READING_PLACES))
}

function placeOf(places: Record<string, StoredPlace> | undefined, briefingId: BriefingId): ReadingPlace | undefined {
  const stored = places && Object.hasOwn(places, briefingId) ? places[briefingId] : undefined
  return stored ? { briefingId, itemId: stored.itemId, fraction: stored.fraction } : undefined
}

const FILE_NAME = 'settings'

function openStore(cwd: string): Store<StoreShape> {
  return new Store<StoreShape>({
    cwd,
    name: FILE_NAME,
    schema: SCHEMA,
    defaults: { settings: { ...DEFAULT_SETTINGS } },
    clearInvalidConfig: false,
    watch: false
  })
}

/** A backend kept in memory only, for when even a fresh settings file cannot be created. */
function memoryBackend(path: string): SettingsBackend {
  let settings: Settings = { ...DEFAULT_SETTINGS }
  let windowState: WindowState | undefined
  let archiveDir: string | undefined
  let places: Record<string, StoredPlace> = {}
  return {
    path,
    getSettings: () => ({ ...settings }),
    updateSettings: (patch) => (settings = { ...settings, ...patch }),
    getWindowState: () => (windowState ? { ...windowState } : undefined),
    setWindowState: (state) => void (windowState = { ...state }),
    getArchiveDir: () => archiveDir,
    setArchiveDir: (dir) => void (archiveDir = dir),
    getReadingPlace: (id) => placeOf(places, id),
    setReadingPlace: (place) => void (places = withPlace(places, place))
  }
}

/**
 * Opens the settings file in `cwd` (an absolute folder path), quarantining it first when it is corrupt.
 *
 * @remarks Under plain Node (tests, the e2e bridge) set `ELECTRON_OVERRIDE_DIST_PATH` before this module is
 * imported, since electron-store imports `electron`.
 */
export function createSettingsStore(cwd: string, options: SettingsStoreOptions = {}): SettingsBackend {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''))
  const now = options.now ?? (() => new Date())
  const path = join(cwd, `${FILE_NAME}.json`)
  let store: Store<StoreShape>
  try {
    store = openStore(cwd)
  } catch (error) {
    if (!existsSync(path)) {
      log(`settings: cannot create ${path}; settings will not be saved`, error)
      return memoryBackend(path)
    }
    const stamp = now().toISOString().replace(/[:.]/g, '-')
    const quarantine = join(cwd, `${FILE_NAME}.corrupt-${stamp}.json`)
    try {
      renameSync(path, quarantine)
      log(`settings: ${path} could not be read; moved to ${quarantine} and using defaults`, error)
      store = openStore(cwd)
    } catch (second) {
      log(`settings: ${path} could not be read or moved aside; settings will not be saved`, second)
      return memoryBackend(path)
    }
  }
  return {
    path: store.path,
    getSettings: () => ({ ...DEFAULT_SETTINGS, ...store.get('settings') }),
    updateSettings(patch) {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      const next: Settings = { ...DEFAULT_SETTINGS, ...store.get('settings'), ...defined }
      store.set('settings', next)
      return { ...next }
    },
    getWindowState: () => {
      const state = store.get('windowState')
      return state ? { ...state } : undefined
    },
    setWindowState: (state) => store.set('windowState', { ...state }),
    getArchiveDir: () => store.get('archiveDir'),
    setArchiveDir: (dir) => (dir === undefined ? store.delete('archiveDir') : store.set('archiveDir', dir)),
    getReadingPlace: (id) => placeOf(store.get('readingPlaces'), id),
    setReadingPlace: (place) => store.set('readingPlaces', withPlace(store.get('readingPlaces'), place))
  }
}
