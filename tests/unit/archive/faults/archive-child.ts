/**
 * A second (third …) process on an archive folder, for the fault suites. Run with Node 24:
 *   node archive-child.ts import ARCHIVE FILE...     imports, refreshes the index, prints the outcomes as JSON
 *   node archive-child.ts read ARCHIVE N             lists and searches N times, prints each listing's ids
 *   node archive-child.ts hold ARCHIVE               takes the archive's lock, prints "locked", waits for stdin to close
 *   node archive-child.ts refresh ARCHIVE            refreshes the index (the long suite kills it on the way)
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { openArchiveStore } from '../../../../archive/storage/index.ts'
import { ArchiveSearch } from '../../../../archive/storage/archive-search.ts'
import { acquireArchiveLock } from '../../../../archive/storage/archive-lock.ts'

const [command, archive, ...rest] = process.argv.slice(2)
const warnings: string[] = []
const store = openArchiveStore(archive, { onWarning: (w) => warnings.push(`${w.file}: ${w.message}`) })

if (command === 'import') {
  const outcomes = []
  for (const file of rest) outcomes.push(await store.importBytes(basename(file), await readFile(file)))
  const search = new ArchiveSearch(store, { onProgress: () => undefined })
  await search.refresh()
  search.close()
  process.stdout.write(JSON.stringify({ outcomes, warnings, failure: search.failure() ?? null }) + '\n')
} else if (command === 'read') {
  const listings: string[][] = []
  const search = new ArchiveSearch(store, { onProgress: () => undefined })
  for (let i = 0; i < Number(rest[0]); i++) {
    listings.push((await store.list()).map((s) => s.id).sort())
    await search.refresh()
    search.search('허페이', { limit: 100 })
  }
  search.close()
  process.stdout.write(JSON.stringify({ listings, warnings, failure: search.failure() ?? null }) + '\n')
} else if (command === 'hold') {
  const release = await acquireArchiveLock(archive)
  process.stdout.write('locked\n')
  process.stdin.resume()
  process.stdin.on('end', () => void release().then(() => process.exit(0)))
} else if (command === 'refresh') {
  const search = new ArchiveSearch(store, { onProgress: () => undefined })
  await search.refresh()
  search.close()
  process.stdout.write(JSON.stringify({ warnings, failure: search.failure() ?? null }) + '\n')
} else {
  process.stderr.write(`archive-child: unknown command ${command}\n`)
  process.exitCode = 2
}
