#!/usr/bin/env node
// Entry point of the `briefings` command. The core is TypeScript run by Node's type stripping,
// which needs Node >= 22.18; when started by an older Node, re-run under the project's own Node 24
// (the `node` devDependency) so `npx briefings` works right after `npm install`.
//
// The command also runs with a small young generation (--max-semi-space-size=8): parsing one large briefing
// keeps tens of MB of small objects alive, and V8 would otherwise grow its young generation to 128 MB; a 19 MB
// import peaks ~140 MB lower with it (npm run bench:import-memory). Started without it, it re-runs itself once
// with it (BRIEFINGS_CHILD marks the re-run, so it never loops).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const FLAGS = ['--max-semi-space-size=8', '--expose-gc']
const flagged = FLAGS.every((f) => process.execArgv.includes(f))

if (!process.features.typescript || (!flagged && process.env.BRIEFINGS_CHILD !== '1')) {
  const local = join(here, '..', 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node')
  const node = process.features.typescript ? process.execPath : local
  if (!existsSync(node)) {
    process.stderr.write(`briefings: Node ${process.versions.node} cannot run TypeScript; install Node 24 or run npm install\n`)
    process.exit(2)
  }
  // the flags Node was started with (a preload, a heap limit) go on to the re-run
  const child = spawnSync(node, [...process.execArgv, ...FLAGS, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BRIEFINGS_CHILD: '1' }
  })
  process.exit(child.status ?? 2)
} else {
  const { main } = await import('../archive/cli/main.ts')
  process.exitCode = await main(process.argv.slice(2))
}
