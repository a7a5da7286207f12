/**
 * The loopback bridge for end-to-end tests: Electron cannot run here, so the built renderer is served to
 * Chromium from 127.0.0.1 and its `window.archive` calls (see bridge-client.ts) are answered by the REAL
 * main-process services through the same `dispatch` the ipcMain handlers use, and main's events reach it as
 * server-sent events from the same event hub the Electron window listens to.
 *
 * Routes: `POST /api/<method>` → IpcResult JSON; `GET /api/events` → text/event-stream of contract events;
 * `GET /__test/opened` → URLs handed to openExternal; everything else → the app's own asset handler (same
 * files, same CSP and security headers as app://).
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ArchiveStore } from '../../archive/storage/index.ts'
import { dispatch } from '../../electron/main/ipc/dispatch.ts'
import { createAssetHandler } from '../../electron/main/protocol/resolve-asset.ts'
import { CONTENT_SECURITY_POLICY, securityHeaders } from '../../electron/main/security/csp.ts'
import { createApiService } from '../../electron/main/services/api-service.ts'
import { openArchiveSessions, type ArchiveSessions } from '../../electron/main/services/archive-session.ts'
import { createEventHub, type EventHub } from '../../electron/main/services/events.ts'
import { createImportService, type ImportService } from '../../electron/main/services/import-service.ts'
import { createWorkerParser, type WorkerParser } from '../../archive/import/worker-parser.ts'
import { createNotesService, type NotesService } from '../../electron/main/services/notes-service.ts'
import type { NotesStore } from '../../archive/storage/notes-store.ts'
import type { SearchService } from '../../electron/main/services/search-service.ts'
import type { ArchiveApi, IpcResult } from '../../electron/shared/ipc-contract.ts'

/** Largest request body the bridge reads (the preload's payloads are tiny). */
const MAX_BODY = 1024 * 1024
/** Files dropped on the page arrive as bytes (base64 in JSON): the bridge's stand-in for the preload's paths. */
const MAX_DROP_BODY = 64 * 1024 * 1024

/** The real services behind the bridge, with a recording `openExternal`. */
export interface RealServices {
  api: ArchiveApi
  /** The store of the archive open now (it changes when a journey chooses another archive folder). */
  readonly store: ArchiveStore
  /** Every URL the service handed to the opener, in order. */
  opened: string[]
  /** The real search service of the archive open now (index in worker threads); refresh it after importing. */
  readonly searchService: SearchService
  /** The open archive and the switch between folders (what Settings' 보관함 폴더 goes through). */
  sessions: ArchiveSessions
  /** What the archive-folder dialog answers (null: cancelled), set by a test. */
  archiveFolderPath: string | null
  /** Main's events (index progress …), pushed to every page connected to the bridge. */
  events: EventHub
  /** The real notes store (electron-store on `<userDataDir>/notes.json`) and service. */
  notesStore: NotesStore
  notes: NotesService
  /** Where the save dialog "chooses" to save (a test sets it; null: the user cancels). */
  savePath: string | null
  /** What the open dialog answers (null: cancelled), set by a test. */
  openPath: string | null
  /** Every text put on the clipboard, in order. */
  clipboard: string[]
  /** The real import service (what the dialog and dropped files go through). */
  imports: ImportService
  /** What the import dialog answers (null: cancelled), set by a test. */
  importPaths: string[] | null
  /** Awaited before each file the import service imports (a test holds an import in the middle with it). */
  importGate: (() => Promise<void>) | null
  /** The worker-thread parser of source files (closed with the services). */
  parser: WorkerParser
}

/**
 * Builds the real API service: archive store in `archiveDir` (the default archive folder), electron-store
 * settings in `userDataDir` (both absolute), and an opener that records instead of launching a browser.
 */
export async function createRealServices(archiveDir: string, userDataDir: string): Promise<RealServices> {
  // electron-store imports `electron`; without a binary that import works only with this set beforehand.
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent'
  const { createSettingsStore } = await import('../../electron/main/services/settings-store.ts')
  const { openAppNotesStore } = await import('../../electron/main/services/open-notes.ts')
  const { createSearchesStore } = await import('../../electron/main/services/searches-store.ts')
  const opened: string[] = []
  const events = createEventHub()
  const settings = createSettingsStore(userDataDir)
  const services = {} as RealServices
  // Source files are parsed in a worker thread, as in the app (the TypeScript source of its script).
  const parser = createWorkerParser()
  const sessions = await openArchiveSessions({
    defaultDir: archiveDir,
    settings,
    events,
    parse: parser,
    onWarning: (w) => console.warn(`bridge archive warning: ${w.file}: ${w.message}`),
    // the import and notes services are made below (they reach the archive through the sessions)
    importing: () => services.imports?.busy() ?? false,
    onSwitched: () => services.notes?.archiveChanged(),
    chooseFolder: async () => services.archiveFolderPath
  })
  const notesStore = await openAppNotesStore(userDataDir)
  const clipboard: string[] = []
  const notes = createNotesService({
    notes: notesStore,
    archive: () => sessions.current().store,
    events,
    chooseSavePath: async () => services.savePath,
    chooseOpenPath: async () => services.openPath,
    writeClipboard: (text) => void clipboard.push(text)
  })
  // The real store, with the test's gate before each file (as race.e2e holds the bridge's answers).
  const gated = (store: ArchiveStore): ArchiveStore => ({
    ...store,
    importFile: async (path) => {
      await services.importGate?.()
      return store.importFile(path)
    }
  })
  const imports = createImportService({
    store: () => gated(sessions.current().store),
    refreshIndex: () => sessions.current().searchService.refresh(),
    briefingChanged: (id) => notes.briefingChanged(id),
    notesOf: (id) => notesStore.list({ briefingId: id }).length,
    events,
    chooseImportPaths: async () => services.importPaths
  })
  const api = createApiService({
    archive: sessions.current,
    imports: imports.api,
    archiveFolder: { ...sessions.api, isDefault: sessions.isDefault },
    settings,
    notes: notes.api,
    noteSets: () => notes.itemSets(),
    searches: createSearchesStore(userDataDir),
    openExternal: async (url) => void opened.push(url),
    appInfo: { version: '0.0.0-e2e', userDataDir }
  })
  Object.defineProperties(services, {
    store: { get: () => sessions.current().store, enumerable: true },
    searchService: { get: () => sessions.current().searchService, enumerable: true }
  })
  return Object.assign(services, {
    api,
    opened,
    sessions,
    archiveFolderPath: null,
    events,
    notesStore,
    notes,
    savePath: null,
    openPath: null,
    clipboard,
    imports,
    importPaths: null,
    importGate: null,
    parser
  })
}

/** A running bridge. */
export interface Bridge {
  /** `http://127.0.0.1:<port>` */
  origin: string
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify(body))
}

function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        resolve(null)
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

async function handleApi(req: IncomingMessage, res: ServerResponse, api: ArchiveApi, origin: string, method: string): Promise<void> {
  const fail = (status: number, code: string, message: string): void =>
    send(res, status, { ok: false, error: { code, message } } satisfies IpcResult<never>)
  // The sender check of register-ipc, in HTTP terms: only our own page may call.
  if (req.method !== 'POST') return fail(405, 'invalid-input', 'POST only')
  if (req.headers.origin !== undefined && req.headers.origin !== origin) {
    return fail(403, 'forbidden', 'call from an untrusted origin was refused')
  }
  const text = await readBody(req)
  if (text === null) return fail(413, 'invalid-input', 'request body too large')
  let input: unknown
  try {
    input = text === '' ? undefined : JSON.parse(text)
  } catch {
    return fail(400, 'invalid-input', 'request body is not JSON')
  }
  send(res, 200, await dispatch(api, decodeURIComponent(method), input))
}

/**
 * `POST /__bridge/drop` `{ files: [{ name, base64 }] }`: files dropped on the page (the bridge client reads
 * them from the drop event, as the preload does in the app) go to the import service; it answers at once, as
 * the preload's message does, and the page follows the import through importProgress and importFinished.
 */
async function handleDrop(req: IncomingMessage, res: ServerResponse, services: RealServices, origin: string): Promise<void> {
  if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, { ok: false })
  const text = await readBody(req, MAX_DROP_BODY)
  if (text === null) return send(res, 413, { ok: false })
  const { files } = JSON.parse(text) as { files: Array<{ name: string; base64: string }> }
  void services.imports.importBytes(files.map((f) => ({ name: f.name, bytes: Buffer.from(f.base64, 'base64') })))
  send(res, 200, { ok: true, value: { accepted: files.length } })
}

/** `GET /api/events`: one server-sent event per contract event (`event: <name>`, `data: <json>`), until the page goes. */
function streamEvents(req: IncomingMessage, res: ServerResponse, events: EventHub): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' })
  res.write(': connected\n\n')
  const stop = events.listen((event, payload) => void res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`))
  req.on('close', stop)
}

/** Starts the bridge on 127.0.0.1 at a random port, serving `rendererDir` and answering with `services`. */
/** Closes the services in order: the search index (its workers end), the notes store, then the parser's worker. */
export async function closeRealServices(services: RealServices): Promise<void> {
  await services.searchService.close()
  await services.notesStore.close()
  await services.parser.close()
}

export async function startBridge(rendererDir: string, services: RealServices): Promise<Bridge> {
  const headers = securityHeaders(CONTENT_SECURITY_POLICY)
  const assets = createAssetHandler(rendererDir, headers)
  let origin = ''
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    const handle = async (): Promise<void> => {
      if (path === '/api/events' && req.method === 'GET') return streamEvents(req, res, services.events)
      if (path.startsWith('/api/')) return handleApi(req, res, services.api, origin, path.slice('/api/'.length))
      if (path === '/__test/opened' && req.method === 'GET') return send(res, 200, services.opened)
      if (path === '/__bridge/drop' && req.method === 'POST') return handleDrop(req, res, services, origin)
      const response = await assets(new Request(`app://renderer${req.url ?? '/'}`, { method: req.method }))
      res.writeHead(response.status, Object.fromEntries(response.headers))
      res.end(Buffer.from(await response.arrayBuffer()))
    }
    handle().catch((error: unknown) => {
      console.error('bridge: request failed', error)
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: String(error) } })
      else res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
