import type {
  Annotation,
  AnnotationPatch,
  AnnotationView,
  Bookmark,
  BriefingId,
  Color,
  ItemNote,
  NotesInfo,
  PlacedHighlight,
  ReanchorReport
} from '../../electron/shared/ipc-contract.ts'
import { api, errorMessage } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'
import { undo } from './undo.svelte.ts'

/** The annotation fields an undo of an edit puts back. */
export function previousValues(annotation: Annotation, patch: AnnotationPatch): AnnotationPatch {
  const before: AnnotationPatch = {}
  const source = annotation as unknown as Record<string, unknown>
  for (const key of Object.keys(patch) as Array<keyof AnnotationPatch>) {
    ;(before as Record<string, unknown>)[key] = source[key]
  }
  return before
}

/**
 * The notes of the open briefing (the reader, its notes panel) and of the whole store (bookmark toggles in
 * search results), kept current by main's `notesChanged` events. Every change is saved at once by the
 * main process; deletes and edits can be undone.
 */
class NotesStore {
  /** The briefing whose notes are loaded. */
  briefingId: BriefingId | null = $state(null)
  /** Its annotations, in document order. */
  views: AnnotationView[] = $state.raw([])
  /** Its highlights placed in the reader's text. */
  placed: PlacedHighlight[] = $state.raw([])
  /** Bumped whenever the briefing's annotations changed, so the reader places the highlights again. */
  revision = $state(0)
  info: NotesInfo | null = $state.raw(null)
  /** Item ids with a bookmark anywhere in the archive. */
  bookmarked: ReadonlySet<string> = $state.raw(new Set())
  error: string | undefined = $state()
  panelOpen = $state(false)
  /** What the last re-import of the open briefing did to its notes (until the user dismisses it). */
  report: ReanchorReport | null = $state.raw(null)
  #dismissed = new Set<string>()
  /** Bumped by every notesChanged event, for views over the whole store. */
  changes = $state(0)
  /** The annotation the panel or a hover points at. */
  focusedId: string | null = $state(null)
  #request = 0
  #infoRequest = 0
  #bookmarkRequest = 0
  #watching = false

  colorMeaning(color: Color): string {
    return this.info?.colorMeanings[color] ?? color
  }

  bookmarkOf(itemId: string | undefined): Bookmark | undefined {
    for (const view of this.views) {
      const a = view.annotation
      if (a.kind === 'bookmark' && a.itemId === itemId) return a
    }
    return undefined
  }

  notesOf(itemId: string): ItemNote[] {
    return this.views.flatMap((v) => (v.annotation.kind === 'note' && v.itemId === itemId ? [v.annotation] : []))
  }

  viewOf(id: string): AnnotationView | undefined {
    return this.views.find((v) => v.annotation.id === id)
  }

  /** Subscribes to main's note events once. */
  watch(): void {
    if (this.#watching) return
    this.#watching = true
    api.subscribe('notesChanged', ({ briefingIds }) => {
      this.changes++
      void this.#loadBookmarked()
      void this.loadInfo()
      if (this.briefingId && briefingIds.includes(this.briefingId)) void this.#load(this.briefingId)
    })
    void this.#loadBookmarked()
    void this.loadInfo()
  }

  async open(briefingId: BriefingId): Promise<void> {
    this.watch()
    if (this.briefingId !== briefingId) {
      this.report = null
      this.views = []
      this.placed = []
      this.focusedId = null
    }
    this.briefingId = briefingId
    await this.#load(briefingId)
  }

  close(): void {
    this.#request++
    this.briefingId = null
    this.views = []
    this.placed = []
    this.focusedId = null
  }

  async loadInfo(): Promise<void> {
    const request = ++this.#infoRequest
    try {
      const info = await api.notesInfo({})
      if (request === this.#infoRequest) this.info = info
    } catch (error) {
      if (request === this.#infoRequest) this.error = errorMessage(error)
    }
  }

  /** Places the open briefing's highlights in the reader's article texts (item id → displayed text). */
  async place(texts: Record<string, string>): Promise<void> {
    const briefingId = this.briefingId
    if (!briefingId) return
    const request = this.#request
    try {
      const placed = await api.placeHighlights({ briefingId, texts })
      if (request === this.#request && briefingId === this.briefingId) this.placed = placed
    } catch (error) {
      this.error = errorMessage(error)
    }
  }

  async highlight(input: { itemId: string; text: string; start: number; end: number; color: Color }): Promise<Annotation | null> {
    const briefingId = this.briefingId
    if (!briefingId) return null
    return this.#act(async () => {
      const created = await api.createHighlight({ briefingId, ...input })
      undo.push({ message: t('notes.undo.highlighted'), undo: () => api.deleteAnnotation({ id: created.id }) })
      return created
    })
  }

  async addNote(itemId: string, text: string): Promise<Annotation | null> {
    const briefingId = this.briefingId
    if (!briefingId) return null
    return this.#act(async () => {
      const created = await api.addItemNote({ briefingId, itemId, text })
      undo.push({ message: t('notes.undo.noteAdded'), undo: () => api.deleteAnnotation({ id: created.id }) })
      return created
    })
  }

  /** Ctrl+D and the bookmark buttons: on or off, undoable either way. */
  async toggleBookmark(briefingId: BriefingId, itemId?: string): Promise<void> {
    await this.#act(async () => {
      const before = await api.toggleBookmark({ briefingId, ...(itemId ? { itemId } : {}) })
      if (before) {
        undo.push({ message: t('notes.undo.bookmarked'), undo: () => api.deleteAnnotation({ id: before.id }) })
      } else {
        // Removed: it went to the trash; the toast's undo brings that very bookmark back.
        const trash = await api.listTrash({})
        const removed = trash.find(
          (e) => e.annotation.kind === 'bookmark' && e.annotation.briefingId === briefingId && e.annotation.itemId === itemId
        )
        if (removed) undo.push({ message: t('notes.undo.unbookmarked'), undo: () => api.restoreAnnotation({ id: removed.annotation.id }) })
      }
      return before
    })
  }

  /**
   * Saves a change. The toast offers to put back `undoTo` (by default the values before this change);
   * `null` saves without an undo step (typing: the editor records one step for the whole edit, see
   * {@link recordEdit}).
   */
  async update(annotation: Annotation, patch: AnnotationPatch, undoTo: AnnotationPatch | null = previousValues(annotation, patch)): Promise<Annotation | null> {
    return this.#act(async () => {
      const updated = await api.updateAnnotation({ id: annotation.id, patch })
      if (undoTo) this.recordEdit(annotation.id, undoTo)
      return updated
    })
  }

  /** One undo step that puts `values` back on annotation `id`. */
  recordEdit(id: string, values: AnnotationPatch): void {
    undo.push({ message: t('notes.undo.edited'), undo: () => api.updateAnnotation({ id, patch: values }) })
  }

  async remove(annotation: Annotation): Promise<void> {
    await this.#act(async () => {
      await api.deleteAnnotation({ id: annotation.id })
      undo.push({ message: t(`notes.undo.deleted.${annotation.kind}`), undo: () => api.restoreAnnotation({ id: annotation.id }) })
    })
  }

  async #act<T>(action: () => Promise<T>): Promise<T | null> {
    try {
      const result = await action()
      this.error = undefined
      return result
    } catch (error) {
      this.error = errorMessage(error)
      undo.say(this.error, true)
      return null
    }
  }

  async setColorMeanings(meanings: Record<Color, string>): Promise<void> {
    await this.#act(async () => {
      const before = this.info?.colorMeanings
      // An info answer asked for before this change is older than it.
      this.#infoRequest++
      this.info = await api.setColorMeanings(meanings)
      if (before) undo.push({ message: t('notes.undo.colors'), undo: async () => (this.info = await api.setColorMeanings(before)) })
      return this.info
    })
  }

  /** How many annotations a briefing has (null when they cannot be counted): the delete dialog says so. */
  async countFor(briefingId: BriefingId): Promise<number | null> {
    try {
      return (await api.queryNotes({ briefingId, limit: 0 })).total
    } catch {
      return null
    }
  }

  dismissReport(): void {
    if (this.report) this.#dismissed.add(`${this.report.briefingId}@${this.report.at}`)
    this.report = null
  }

  async #load(briefingId: BriefingId): Promise<void> {
    const request = ++this.#request
    try {
      const [result, report] = await Promise.all([api.queryNotes({ briefingId, sort: 'document' }), api.reanchorReport({ briefingId })])
      if (request !== this.#request) return
      this.report = report && !this.#dismissed.has(`${report.briefingId}@${report.at}`) && report.entries.length > 0 ? report : null
      this.views = result.views
      this.revision++
      this.error = undefined
    } catch (error) {
      if (request !== this.#request) return
      this.error = errorMessage(error)
    }
  }

  async #loadBookmarked(): Promise<void> {
    const request = ++this.#bookmarkRequest
    try {
      const result = await api.queryNotes({ kinds: ['bookmark'] })
      if (request !== this.#bookmarkRequest) return
      this.bookmarked = new Set(result.views.flatMap((v) => (v.itemId ? [v.itemId] : [])))
    } catch (error) {
      if (request === this.#bookmarkRequest) this.error = errorMessage(error)
    }
  }
}

export const notes = new NotesStore()
