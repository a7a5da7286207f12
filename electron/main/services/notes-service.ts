/**
 * The notes part of the API: bookmarks, highlights and item notes over the one notes store the main process
 * writes, anchored and exported by archive/notes. No Electron import (the test bridge uses it as is): the
 * save dialog and the clipboard come in as functions.
 */
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { Briefing, BriefingId, Item } from '../../../archive/model/briefing.ts'
import { anchorQuote, describeQuote, locateInText, reanchor, resolveAnnotation } from '../../../archive/notes/anchor.ts'
import { exportBriefingMarkdown, mergeMarkdown } from '../../../archive/notes/export-markdown.ts'
import { exportNotesDigest } from '../../../archive/notes/export-digest.ts'
import { isoWithOffset } from '../../../archive/notes/local-time.ts'
import type { Annotation, Bookmark, Color, Highlight, ItemNote, Placement, TrashEntry } from '../../../archive/notes/model.ts'
import { buildViews, detachedView, queryViews, type AnnotationView } from '../../../archive/notes/query-notes.ts'
import type { NotesStore } from '../../../archive/storage/notes-store.ts'
import type { ArchiveStore } from '../../../archive/storage/index.ts'
import { importAnnotations, readAnnotationsText } from '../../../archive/notes/interchange.ts'
import { NotesFileError } from '../../../archive/notes/notes-file-error.ts'
import { toAnnotationCollection } from '../../../archive/notes/web-annotation.ts'
import { readInputFile } from '../../../archive/storage/read-input.ts'
import { writeAtomic } from '../../../archive/storage/write-atomic.ts'
import type { AnnotationPatch, ArchiveApi, DigestRequest, NotesInfo, ReanchorReport } from '../../shared/ipc-contract.ts'
import type { EventHub } from './events.ts'

export interface NotesServiceDeps {
  notes: NotesStore
  /** The archive open now (archive-session.ts): its briefings are what the notes are placed in. */
  archive: () => ArchiveStore
  events?: EventHub
  now?: () => Date
  /** Asks where to save an export (the suggested file name given); null when the user cancels. */
  chooseSavePath: (suggestedName: string, format: 'markdown' | 'json') => Promise<string | null>
  /** Asks for a Web Annotation JSON file to import; null when the user cancels. */
  chooseOpenPath: (format: 'json') => Promise<string | null>
  /** Puts text on the system clipboard. */
  writeClipboard: (text: string) => void
}

/** The API methods this service implements. */
export type NotesApi = Pick<
  ArchiveApi,
  | 'queryNotes'
  | 'placeHighlights'
  | 'createHighlight'
  | 'addItemNote'
  | 'toggleBookmark'
  | 'updateAnnotation'
  | 'deleteAnnotation'
  | 'restoreAnnotation'
  | 'listTrash'
  | 'notesInfo'
  | 'setColorMeanings'
  | 'exportMarkdown'
  | 'saveMarkdown'
  | 'reanchorReport'
  | 'saveAnnotations'
  | 'importAnnotations'
  | 'exportDigest'
  | 'saveDigest'
  | 'copyText'
>

export interface NotesService {
  api: NotesApi
  /** Item ids with a bookmark / with any annotation, and those carrying a tag or colour (search filters). */
  itemSets(): { bookmarked: Set<string>; annotated: Set<string>; tags: Map<string, Set<string>>; colors: Map<string, Set<string>> }
  /**
   * A briefing was re-imported (a corrected issue, a better parser): its notes are moved to where they land
   * in the new text, and the report of what moved and what could not be placed is kept for the reader.
   */
  briefingChanged(id: BriefingId): Promise<ReanchorReport | null>
  /**
   * The archive folder changed: briefings read from the old one are forgotten (the notes stay as they are, in
   * userData; those whose briefing the new archive lacks are listed as detached) and `notesChanged` is pushed
   * for every briefing with notes, so the views place them again.
   */
  archiveChanged(): void
}

/** `2023-04-07 중국 과학기술 정책 주간동향 - 메모.md`, with nothing a file system refuses. */
export function exportFileName(briefing: Briefing, lang: 'ko' | 'en'): string {
  const series = briefing.series.replace(/[/\\:*?"<>|\u0000-\u001f]+/g, '').replace(/\s+/g, ' ').trim()
  return `${briefing.published} ${series} - ${lang === 'en' ? 'notes' : '메모'}.md`
}

function findItem(briefing: Briefing, itemId: string): Item | undefined {
  for (const section of briefing.sections) for (const item of section.items) if (item.id === itemId) return item
  return undefined
}

/** The largest Web Annotation file the app imports (100,000 annotations are ~80 MB). */
const MAX_ANNOTATION_FILE_BYTES = 128 * 1024 * 1024

export function createNotesService(deps: NotesServiceDeps): NotesService {
  const { notes } = deps
  const now = (): string => (deps.now?.() ?? new Date()).toISOString()
  const briefings = new Map<BriefingId, Promise<Briefing | null>>()
  const reports = new Map<BriefingId, ReanchorReport>()

  const loadBriefing = (id: BriefingId): Promise<Briefing | null> => {
    let loading = briefings.get(id)
    if (!loading) {
      loading = deps.archive().get(id)
      briefings.set(id, loading)
      // A failed read is not remembered.
      loading.catch(() => briefings.delete(id))
    }
    return loading
  }
  const briefingOrThrow = async (id: BriefingId): Promise<Briefing> => {
    const briefing = await loadBriefing(id)
    if (!briefing) throw new Error(`no briefing ${id} in the archive`)
    return briefing
  }
  const itemOrThrow = (briefing: Briefing, itemId: string): Item => {
    const item = findItem(briefing, itemId)
    if (!item) throw new Error(`no item ${itemId} in ${briefing.id}`)
    return item
  }

  const changed = (...ids: BriefingId[]): void => deps.events?.emit('notesChanged', { briefingIds: [...new Set(ids)] })

  /**
   * Views are cached per annotation object and briefing object: the store hands out the same frozen object
   * until the annotation changes, and a re-imported briefing is a new object, so a cached view is never stale.
   */
  const viewCache = new WeakMap<Annotation, { briefing: Briefing; view: AnnotationView }>()

  async function allViews(): Promise<AnnotationView[]> {
    const annotations = notes.list()
    const views: AnnotationView[] = []
    const missing: Annotation[] = []
    const loaded = new Map<BriefingId, Briefing>()
    for (const annotation of annotations) {
      let briefing = loaded.get(annotation.briefingId)
      if (!briefing) {
        const found = await loadBriefing(annotation.briefingId)
        if (!found) {
          // Its briefing was deleted: the note is kept and listed as detached.
          views.push(detachedView(annotation))
          continue
        }
        loaded.set(annotation.briefingId, (briefing = found))
      }
      const cached = viewCache.get(annotation)
      if (cached && cached.briefing === briefing) views.push(cached.view)
      else missing.push(annotation)
    }
    for (const view of buildViews(missing, loaded)) {
      viewCache.set(view.annotation, { briefing: loaded.get(view.briefing.id)!, view })
      views.push(view)
    }
    return views
  }

  function common(briefingId: BriefingId, item?: Item): Pick<Annotation, 'id' | 'briefingId' | 'created' | 'modified' | 'tags'> &
    { itemTitle?: string } {
    const time = now()
    return { id: `urn:uuid:${randomUUID()}`, briefingId, created: time, modified: time, tags: [], ...(item ? { itemTitle: item.title } : {}) }
  }

  function patchFor(annotation: Annotation, patch: AnnotationPatch): Partial<Annotation> {
    const allowed: Record<Annotation['kind'], ReadonlyArray<keyof AnnotationPatch>> = {
      highlight: ['color', 'comment', 'tags'],
      note: ['text', 'tags'],
      bookmark: ['reason', 'state', 'tags']
    }
    for (const key of Object.keys(patch) as Array<keyof AnnotationPatch>) {
      if (!allowed[annotation.kind].includes(key)) throw new Error(`a ${annotation.kind} has no ${key}`)
    }
    return patch as Partial<Annotation>
  }

  function placementsOf(briefing: Briefing): Map<string, Placement> {
    const placements = new Map<string, Placement>()
    for (const annotation of notes.list()) {
      if (annotation.briefingId === briefing.id) placements.set(annotation.id, resolveAnnotation(annotation, briefing))
    }
    return placements
  }

  async function markdownOf(briefingId: BriefingId, lang: 'ko' | 'en'): Promise<{ markdown: string; fileName: string }> {
    const briefing = await briefingOrThrow(briefingId)
    const markdown = exportBriefingMarkdown({
      briefing,
      annotations: notes.list().filter((a) => a.briefingId === briefingId),
      placements: placementsOf(briefing),
      colorMeanings: notes.colorMeanings(),
      lang,
      exported: isoWithOffset(deps.now?.() ?? new Date())
    })
    return { markdown, fileName: exportFileName(briefing, lang) }
  }

  async function digestOf(request: DigestRequest): Promise<{ markdown: string; fileName: string }> {
    const { views } = queryViews(await allViews(), { ...request.query, limit: undefined, offset: undefined })
    const markdown = exportNotesDigest({
      views,
      groupBy: request.groupBy,
      colorMeanings: notes.colorMeanings(),
      lang: request.lang,
      exported: isoWithOffset(deps.now?.() ?? new Date()),
      title: request.title
    })
    const day = isoWithOffset(deps.now?.() ?? new Date()).slice(0, 10)
    const safeTitle = request.title.replace(/[/\\:*?"<>|\u0000-\u001f]+/g, '').trim()
    return { markdown, fileName: `${day} ${safeTitle}.md` }
  }

  /** Asks for a place and writes `markdown` there (merging a per-briefing export into an existing file). */
  async function saveWithDialog(fileName: string, markdown: string, merge: boolean): Promise<{ path: string | null }> {
    const path = await deps.chooseSavePath(fileName, 'markdown')
    if (!path) return { path: null }
    let existing: string | undefined
    if (merge) {
      try {
        existing = await readFile(path, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
    await writeAtomic(path, existing === undefined ? markdown : mergeMarkdown(existing, markdown))
    return { path }
  }

  function info(): NotesInfo {
    const tags: Record<string, number> = {}
    for (const a of notes.list()) for (const t of a.tags) tags[t] = (tags[t] ?? 0) + 1
    return {
      storeFile: notes.file,
      colorMeanings: notes.colorMeanings(),
      tags,
      ...(notes.recovered ? { recovered: notes.recovered } : {}),
      trash: notes.trash().length
    }
  }

  const api: NotesApi = {
    async queryNotes(query) {
      return queryViews(await allViews(), query)
    },

    async placeHighlights({ briefingId, texts }) {
      const briefing = await briefingOrThrow(briefingId)
      const placed = []
      for (const annotation of notes.list()) {
        if (annotation.kind !== 'highlight' || annotation.briefingId !== briefingId) continue
        const placement = resolveAnnotation(annotation, briefing)
        if (placement.status === 'orphan' || !placement.itemId) continue
        const text = texts[placement.itemId]
        if (text === undefined) continue
        const range = locateInText(text, annotation.quote, placement.start)
        if (!range) continue
        placed.push({
          id: annotation.id,
          itemId: placement.itemId,
          start: range.start,
          end: range.end,
          color: annotation.color,
          comment: annotation.comment,
          tags: annotation.tags,
          status: placement.status
        })
      }
      return placed
    },

    async createHighlight({ briefingId, itemId, text, start, end, color, comment = '', tags = [] }) {
      const briefing = await briefingOrThrow(briefingId)
      const item = itemOrThrow(briefing, itemId)
      const described = describeQuote(text, start, end)
      if (!described) throw new Error('the selection holds no text')
      const anchor = anchorQuote(item, described.quote, start)
      const highlight: Highlight = {
        ...common(briefingId, item),
        kind: 'highlight',
        itemId,
        itemTitle: item.title,
        quote: described.quote,
        text: described.text,
        ...(anchor.position ? { position: anchor.position } : {}),
        itemHash: anchor.itemHash,
        normalizer: anchor.normalizer,
        color: color as Color,
        comment,
        tags
      }
      notes.add(highlight)
      changed(briefingId)
      return highlight
    },

    async addItemNote({ briefingId, itemId, text, tags = [] }) {
      const briefing = await briefingOrThrow(briefingId)
      const item = itemOrThrow(briefing, itemId)
      const note: ItemNote = { ...common(briefingId, item), kind: 'note', itemId, itemTitle: item.title, text, tags }
      notes.add(note)
      changed(briefingId)
      return note
    },

    async toggleBookmark({ briefingId, itemId }) {
      const briefing = await briefingOrThrow(briefingId)
      const existing = notes
        .list()
        .find((a): a is Bookmark => a.kind === 'bookmark' && a.briefingId === briefingId && a.itemId === itemId)
      if (existing) {
        notes.remove(existing.id)
        changed(briefingId)
        return null
      }
      const item = itemId ? itemOrThrow(briefing, itemId) : undefined
      const bookmark: Bookmark = {
        ...common(briefingId, item),
        kind: 'bookmark',
        ...(itemId ? { itemId } : {}),
        reason: '',
        state: 'unread'
      }
      notes.add(bookmark)
      changed(briefingId)
      return bookmark
    },

    async updateAnnotation({ id, patch }) {
      const annotation = notes.get(id)
      if (!annotation) throw new Error(`no annotation ${id}`)
      const updated = notes.update(id, patchFor(annotation, patch))
      changed(updated.briefingId)
      return updated
    },

    async deleteAnnotation({ id }) {
      const entry: TrashEntry = notes.remove(id)
      changed(entry.annotation.briefingId)
      return entry
    },

    async restoreAnnotation({ id }) {
      const annotation = notes.restore(id)
      changed(annotation.briefingId)
      return annotation
    },

    listTrash: async () => [...notes.trash()],
    notesInfo: async () => info(),
    async setColorMeanings(meanings) {
      notes.setColorMeanings(meanings)
      return info()
    },

    exportMarkdown: async ({ briefingId, lang }) => markdownOf(briefingId, lang),

    async saveMarkdown({ briefingId, lang }) {
      const { markdown, fileName } = await markdownOf(briefingId, lang)
      return saveWithDialog(fileName, markdown, true)
    },

    exportDigest: async (request) => digestOf(request),
    async saveDigest(request) {
      const { markdown, fileName } = await digestOf(request)
      return saveWithDialog(fileName, markdown, false)
    },

    reanchorReport: async ({ briefingId }) => reports.get(briefingId) ?? null,

    async saveAnnotations() {
      const all = notes.list()
      const day = isoWithOffset(deps.now?.() ?? new Date()).slice(0, 10)
      const path = await deps.chooseSavePath(`${day} Briefing Reader annotations.jsonld`, 'json')
      if (!path) return { path: null, count: all.length }
      const collection = toAnnotationCollection(all, { colorMeanings: notes.colorMeanings(), generated: deps.now?.() ?? new Date() })
      await writeAtomic(path, `${JSON.stringify(collection, null, 2)}\n`)
      return { path, count: collection.total }
    },

    async importAnnotations() {
      const file = await deps.chooseOpenPath('json')
      if (!file) return null
      // Read and checked before the store is touched: a bad file changes nothing.
      const read = await readInputFile(file, file, MAX_ANNOTATION_FILE_BYTES)
      if (!read.ok) throw new Error(read.error)
      let parsed: ReturnType<typeof readAnnotationsText>
      try {
        parsed = readAnnotationsText(new TextDecoder('utf-8').decode(read.bytes))
      } catch (error) {
        if (error instanceof NotesFileError) throw new Error(`${file}: ${error.reason}`, { cause: error })
        throw error
      }
      const before = new Map(notes.list().map((a) => [a.id, a]))
      const report = await importAnnotations(parsed, notes, loadBriefing)
      const touched = new Set<BriefingId>()
      for (const a of notes.list()) if (before.get(a.id) !== a) touched.add(a.briefingId)
      if (touched.size > 0) changed(...touched)
      return { ...report, file }
    },

    async copyText({ text }) {
      deps.writeClipboard(text)
      return { copied: true }
    }
  }

  return {
    api,
    itemSets() {
      const bookmarked = new Set<string>()
      const annotated = new Set<string>()
      const tags = new Map<string, Set<string>>()
      const colors = new Map<string, Set<string>>()
      const add = (map: Map<string, Set<string>>, key: string, itemId: string): void => {
        let set = map.get(key)
        if (!set) map.set(key, (set = new Set()))
        set.add(itemId)
      }
      for (const a of notes.list()) {
        if (!a.itemId) continue
        if (a.kind === 'bookmark') bookmarked.add(a.itemId)
        else annotated.add(a.itemId)
        for (const tag of a.tags) add(tags, tag, a.itemId)
        if (a.kind === 'highlight') add(colors, a.color, a.itemId)
      }
      return { bookmarked, annotated, tags, colors }
    },
    archiveChanged() {
      briefings.clear()
      reports.clear()
      changed(...notes.list().map((a) => a.briefingId))
    },
    async briefingChanged(id) {
      briefings.delete(id)
      const before = notes.list().filter((a) => a.briefingId === id)
      if (before.length === 0) return null
      const briefing = await loadBriefing(id)
      if (!briefing) {
        // Deleted: its notes stay, now listed as detached.
        reports.delete(id)
        changed(id)
        return null
      }
      const { annotations, report } = reanchor(before, briefing)
      notes.rewrite(annotations.filter((a, i) => a !== before[i]))
      const byId = new Map(before.map((a) => [a.id, a]))
      const summary = (a: Annotation): string =>
        a.kind === 'highlight' ? a.text || a.quote.exact : a.kind === 'note' ? a.text : a.reason || (a.itemTitle ?? '')
      const result: ReanchorReport = {
        briefingId: id,
        at: now(),
        entries: report.flatMap((entry) => {
          const a = byId.get(entry.id)
          return a ? [{ ...entry, kind: a.kind, summary: summary(a).slice(0, 300) }] : []
        })
      }
      reports.set(id, result)
      changed(id)
      return result
    }
  }
}

