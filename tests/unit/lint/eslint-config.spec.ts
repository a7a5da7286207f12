/**
 * The house rules in eslint.config.js, run through ESLint's Node API on snippets placed at made-up paths:
 * each deliberate violation is reported with the rule and its message, and the allowed forms are not.
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint, type Linter } from 'eslint'
import { beforeAll, describe, expect, test } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const RULE = '@typescript-eslint/no-restricted-imports'

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT })
})

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages
}

/** The restricted-import findings, as `rule: message`; a snippet that does not parse fails the test. */
async function restricted(filePath: string, code: string): Promise<string[]> {
  const messages = await lint(filePath, code)
  for (const m of messages) expect(m.fatal, `${filePath}: ${m.message}`).toBeFalsy()
  return messages.filter((m) => m.ruleId === RULE).map((m) => `${m.ruleId}: ${m.message}`)
}

async function expectRefused(filePath: string, code: string, message: string): Promise<void> {
  const found = await restricted(filePath, code)
  expect(found, `${filePath}: ${code}`).toHaveLength(1)
  expect(found[0]).toContain(message)
}

async function expectAllowed(filePath: string, code: string): Promise<void> {
  expect(await restricted(filePath, code), `${filePath}: ${code}`).toEqual([])
}

describe('(a) archive/ imports no electron, electron-store, svelte, renderer/ or electron/', () => {
  const refused: [string, string][] = [
    ['archive/model/probe.ts', `import { app } from 'electron'\nexport const a = app`],
    ['archive/search/probe.ts', `import type { App } from 'electron'\nexport type A = App`],
    ['archive/storage/probe.ts', `import Store from 'electron-store'\nexport const s = Store`],
    ['archive/cli/probe.ts', `import { mount } from 'svelte'\nexport const m = mount`],
    ['archive/model/probe.ts', `import { writable } from 'svelte/store'\nexport const w = writable`],
    ['archive/search/probe.ts', `import { api } from '../../renderer/lib/api.ts'\nexport const a = api`],
    ['archive/storage/probe.ts', `import { CHANNELS } from '../../electron/shared/ipc-contract.ts'\nexport const c = CHANNELS`],
    ['archive/parser/probe.ts', `export { api } from '../../renderer/lib/api.ts'`]
  ]
  for (const [file, code] of refused) {
    test(`refuses in ${file}: ${code.split('\n')[0]}`, async () => {
      await expectRefused(file, code, 'archive/')
    })
  }

  test('allows the core importing itself and its libraries', async () => {
    await expectAllowed('archive/search/probe.ts', `import lunr from 'lunr'\nimport type { Briefing } from '../model/briefing.ts'\nexport const l: unknown = [lunr, null as unknown as Briefing]`)
    await expectAllowed('archive/storage/probe.ts', `import { z } from 'zod'\nimport { parseBriefing } from '../parser/parse-briefing.ts'\nexport const x = [z, parseBriefing]`)
  })
})

describe('(b) Node built-ins only in archive/storage/, archive/cli/ and archive/import/', () => {
  const folders = ['model', 'parser', 'search', 'notes', 'export', 'sample']
  const imports = [
    `import { createHash } from 'node:crypto'`,
    `import { readFileSync } from 'fs'`,
    `import { readFile } from 'fs/promises'`,
    `import { join } from 'path'`,
    `import { spawn } from 'child_process'`,
    `import { Worker } from 'worker_threads'`,
    `import { fileURLToPath } from 'url'`,
    `import os from 'os'`
  ]
  for (const folder of folders) {
    test(`refuses every built-in in archive/${folder}/`, async () => {
      for (const line of imports) await expectRefused(`archive/${folder}/probe.ts`, `${line}\n`, 'Node built-ins only in archive/storage/')
    })
  }

  for (const folder of ['storage', 'cli', 'import']) {
    test(`allows them in archive/${folder}/`, async () => {
      for (const line of imports) await expectAllowed(`archive/${folder}/probe.ts`, `${line}\n`)
    })
  }

  test('leaves names that only look like built-ins alone', async () => {
    await expectAllowed('archive/search/probe.ts', `import { a } from './path.ts'\nimport { b } from '../model/url.ts'\nexport const x = [a, b]`)
  })
})

describe('(c) renderer/ imports from archive/ and electron/ only with import type', () => {
  const runtime: [string, string][] = [
    ['renderer/stores/probe.svelte.ts', `import { allItems, type Briefing } from '../../archive/model/briefing.ts'\nexport const f = (b: Briefing) => allItems(b)`],
    ['renderer/lib/probe.ts', `import { parseQuery } from '../../archive/search/parse-query.ts'\nexport const p = parseQuery`],
    ['renderer/lib/probe.ts', `export { isExternalWebUrl } from '../../electron/shared/external-url.ts'`],
    ['renderer/lib/probe.ts', `import { CHANNELS } from '../../electron/shared/ipc-contract.ts'\nexport const c = CHANNELS`],
    ['renderer/lib/probe.ts', `import { ipcRenderer } from 'electron'\nexport const i = ipcRenderer`],
    ['renderer/App.svelte', `<script lang="ts">\n  import { allItems } from '../archive/model/briefing.ts'\n  const f = allItems\n</script>\n<p>{f}</p>\n`]
  ]
  for (const [file, code] of runtime) {
    test(`refuses a runtime import in ${file}: ${code.split('\n').find((l) => l.includes('from'))?.trim()}`, async () => {
      await expectRefused(file, code, 'only with `import type`')
    })
  }

  test('allows import type, inline type specifiers and type re-exports', async () => {
    await expectAllowed('renderer/stores/probe.svelte.ts', `import type { Briefing } from '../../archive/model/briefing.ts'\nexport const f = (b: Briefing) => b`)
    await expectAllowed('renderer/lib/probe.ts', `import { type ArchiveApi } from '../../electron/shared/ipc-contract.ts'\nexport const f = (a: ArchiveApi) => a`)
    await expectAllowed('renderer/lib/probe.ts', `export type { SearchHitView } from '../../archive/search/results.ts'`)
    await expectAllowed(
      'renderer/components/reader/Probe.svelte',
      `<script lang="ts">\n  import type { Item } from '../../../archive/model/briefing.ts'\n  import { displayHost } from '../../lib/safe-url.ts'\n  let { item }: { item: Item } = $props()\n</script>\n<p>{displayHost(item.id)}</p>\n`
    )
  })
})

describe('(d) electron/preload/ imports only electron and the contract', () => {
  test('allows electron and ../shared/ipc-contract.ts, values and types', async () => {
    await expectAllowed(
      'electron/preload/index.ts',
      `import { contextBridge, ipcRenderer } from 'electron'\nimport { CHANNELS } from '../shared/ipc-contract.ts'\nimport type { ArchiveApi } from '../shared/ipc-contract.ts'\nexport const x: unknown = [contextBridge, ipcRenderer, CHANNELS, null as unknown as ArchiveApi]`
    )
  })

  const refused = [
    `import { isExternalWebUrl } from '../shared/external-url.ts'`,
    `import type { Briefing } from '../../archive/model/briefing.ts'`,
    `import { join } from 'node:path'`,
    `import { z } from 'zod'`,
    `import { helper } from './helper.ts'`,
    `import { app } from 'electron/main'`
  ]
  for (const line of refused) {
    test(`refuses ${line}`, async () => {
      await expectRefused('electron/preload/index.ts', `${line}\n`, 'electron/preload/ imports only')
    })
  }

  test('does not restrict the main process', async () => {
    await expectAllowed('electron/main/probe.ts', `import { app } from 'electron'\nimport { join } from 'node:path'\nimport { isExternalWebUrl } from '../shared/external-url.ts'\nexport const x = [app, join, isExternalWebUrl]`)
  })
})

test('the unix formatter npm test uses names the file, the line and the rule', async () => {
  const results = await eslint.lintText(`import { createHash } from 'node:crypto'\n`, { filePath: 'archive/model/probe.ts' })
  const formatter = await eslint.loadFormatter('unix')
  const output = await formatter.format(results)
  expect(output).toContain(`${resolve(ROOT, 'archive/model/probe.ts')}:1:1:`)
  expect(output).toContain(`[Error/${RULE}]`)
})
