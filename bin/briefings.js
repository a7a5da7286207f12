#!/usr/bin/env node
// Entry point of the `briefings` command. The core is TypeScript run by Node's type stripping,
// which needs Node >= 22.18; when started by an older Node, re-run under the project's own Node 24
// (the `node` devDependency) so `npx briefings` works right after `npm install`.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

if (!process.features.typescript) {
  const local = join(here, '..', 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node')
  if (!existsSync(local)) {
    process.stderr.write(`briefings: Node ${process.versions.node} cannot run TypeScript; install Node 24 or run npm install\n`)
    process.exit(2)
  }
  const child = spawnSync(local, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(child.status ?? 2)
} else {
  const { main } = await import('../archive/cli/main.ts')
  process.exitCode = await main(process.argv.slice(2))
}
