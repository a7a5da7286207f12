// Loads the built out/main/index.js against the fake Electron, drives it, and prints a JSON report.
// Usage: node run-main.mjs <repo> <userData>
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { register } from 'node:module'

register('./hooks.mjs', import.meta.url)

const [repo, userData] = process.argv.slice(2)
process.env.FAKE_ELECTRON_APP_PATH = repo
process.env.BRIEFING_READER_USER_DATA = userData
delete process.env.ELECTRON_RENDERER_URL
delete process.env.BRIEFING_READER_ARCHIVE

await import(join(repo, 'out', 'main', 'index.js'))
const { log, state } = globalThis.__fakeElectron
for (let i = 0; i < 200 && state.windows.length === 0 && !log.some((e) => e[0] === 'app.exit'); i++) {
  await new Promise((resolve) => setTimeout(resolve, 50))
}

const report = { log, userData: state.paths.userData, privileged: state.privileged }
const win = state.windows[0]
if (win) {
  report.window = { options: win.options, url: win.url }
  const trusted = { senderFrame: { url: 'app://renderer/index.html', parent: null } }
  const foreign = { senderFrame: { url: 'https://example.com/', parent: null } }
  report.channels = [...state.ipc.keys()].sort()
  report.ipc = {
    list: await state.ipc.get('briefings:list')(trusted, {}),
    info: await state.ipc.get('app:info')(trusted, {}),
    badInput: await state.ipc.get('briefings:get')(trusted, { id: '../x' }),
    foreign: await state.ipc.get('briefings:list')(foreign, {})
  }
  const serve = state.protocols.get('app')
  const index = await serve(new Request('app://renderer/'))
  report.protocol = {
    index: { status: index.status, type: index.headers.get('content-type'), csp: index.headers.get('content-security-policy') },
    traversal: (await serve(new Request('app://renderer/..%2f..%2fpackage.json'))).status
  }
  report.menu = state.menu.map((item) => item.label ?? item.role)
  report.openHandler = win.webContents.openHandler({ url: 'file:///etc/passwd' })
  // A second instance started by a link: the window gets the link as an openLink event.
  const { app } = await import('electron')
  app.emit('second-instance', {}, ['/opt/briefing-reader', 'briefing-reader://item/sample-weekly-2026-01-09/I-02'], repo)
  app.emit('second-instance', {}, ['/opt/briefing-reader', 'briefing-reader://item/../../etc'], repo)
  win.bounds = { x: 30, y: 40, width: 1100, height: 800 }
  win.emit('move')
  win.emit('close')
  report.settingsFile = JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8'))
  // A note through the channel the renderer uses: a line in the journal at once; at quit the journal is
  // folded into notes.json through electron-store.
  const briefing = (await state.ipc.get('briefings:get')(trusted, { id: 'sample-weekly-2026-01-09' })).value
  const itemId = briefing.sections[0].items[0].id
  report.addedNote = await state.ipc.get('notes:add-item-note')(trusted, { briefingId: briefing.id, itemId, text: '가짜 Electron의 메모' })
  report.journalBeforeQuit = (await readFile(join(userData, 'notes.json.journal'), 'utf8')).includes('가짜 Electron의 메모')
  app.emit('will-quit')
  report.notesStore = JSON.parse(await readFile(join(userData, 'notes.json'), 'utf8'))
}
process.stdout.write(`\n@@REPORT@@${JSON.stringify(report)}\n`)
process.exit(0)
