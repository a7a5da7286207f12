import type {
  AppInfo,
  Locale,
  ReadingWidth,
  SearchSort,
  Settings,
  ThemePreference
} from '../../electron/shared/ipc-contract.ts'
import { api, errorMessage } from '../lib/api.ts'
import { clampZoom, ZOOM_DEFAULT, zoomIn, zoomOut } from '../lib/zoom.ts'
import type { Status } from './status.ts'

/** The reading widths, narrowest first. */
export const READING_WIDTHS: readonly ReadingWidth[] = ['narrow', 'normal', 'wide', 'full']

/** User preferences, mirrored from the main process; the UI uses the defaults until they load. */
class SettingsStore {
  status: Status = $state('idle')
  error: string | undefined = $state()
  locale: Locale = $state('ko')
  theme: ThemePreference = $state('system')
  zoom: number = $state(ZOOM_DEFAULT)
  /** The contents sidebar in a wide window (a narrow one opens it as a drawer, not remembered). */
  contentsSidebar: boolean = $state(true)
  readingWidth: ReadingWidth = $state('normal')
  /** The order of search results chosen (remembered across restarts); none chosen: each view's own order. */
  searchSort: SearchSort | undefined = $state()
  appInfo: AppInfo | null = $state.raw(null)
  appInfoError: string | undefined = $state()
  /** Bumped by every local change, so a slow response never overwrites a newer choice. */
  #revision = 0

  async load(): Promise<void> {
    const revision = this.#revision
    this.status = 'loading'
    try {
      const loaded = await api.getSettings({})
      if (revision === this.#revision) this.#apply(loaded)
      this.status = 'idle'
      this.error = undefined
    } catch (error) {
      this.status = 'error'
      this.error = errorMessage(error)
    }
  }

  async update(patch: Partial<Settings>): Promise<void> {
    const revision = ++this.#revision
    this.#apply(patch)
    try {
      const saved = await api.updateSettings(patch)
      if (revision === this.#revision) this.#apply(saved)
      this.status = 'idle'
      this.error = undefined
    } catch (error) {
      this.status = 'error'
      this.error = errorMessage(error)
    }
  }

  setLocale(locale: Locale): Promise<void> {
    return this.update({ locale })
  }

  setTheme(theme: ThemePreference): Promise<void> {
    return this.update({ theme })
  }

  setZoom(zoom: number): Promise<void> {
    const next = clampZoom(zoom)
    return next === this.zoom ? Promise.resolve() : this.update({ zoom: next })
  }

  zoomIn(): Promise<void> {
    return this.setZoom(zoomIn(this.zoom))
  }

  zoomOut(): Promise<void> {
    return this.setZoom(zoomOut(this.zoom))
  }

  resetZoom(): Promise<void> {
    return this.setZoom(ZOOM_DEFAULT)
  }

  setContentsSidebar(contentsSidebar: boolean): Promise<void> {
    return this.update({ contentsSidebar })
  }

  setReadingWidth(readingWidth: ReadingWidth): Promise<void> {
    return this.update({ readingWidth })
  }

  setSearchSort(searchSort: SearchSort): Promise<void> {
    return this.update({ searchSort })
  }

  async loadAppInfo(): Promise<void> {
    try {
      this.appInfo = await api.getAppInfo({})
      this.appInfoError = undefined
    } catch (error) {
      this.appInfoError = errorMessage(error)
    }
  }

  #apply(values: Partial<Settings>): void {
    if (values.locale === 'ko' || values.locale === 'en') this.locale = values.locale
    if (values.theme === 'system' || values.theme === 'light' || values.theme === 'dark') {
      this.theme = values.theme
    }
    if (typeof values.zoom === 'number') this.zoom = clampZoom(values.zoom)
    if (typeof values.contentsSidebar === 'boolean') this.contentsSidebar = values.contentsSidebar
    if (values.readingWidth && READING_WIDTHS.includes(values.readingWidth)) this.readingWidth = values.readingWidth
    if (values.searchSort === 'relevance' || values.searchSort === 'date') this.searchSort = values.searchSort
  }
}

export const settings = new SettingsStore()
