/**
 * First run: an empty archive gets the fictional sample briefings, so the reader has something to show.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArchiveStore, ImportOutcome } from '../../../archive/storage/index.ts'

/**
 * Imports every `.txt` file in `sampleDir` (in name order) when the archive holds no briefing.
 *
 * @returns one outcome per file; empty when the archive already had briefings. A missing or unreadable
 *   `sampleDir` gives one failed outcome naming it. Never rejects.
 */
export async function ensureSampleArchive(
  store: ArchiveStore,
  sampleDir: string
): Promise<ImportOutcome[]> {
  try {
    if ((await store.list()).length > 0) return []
  } catch (error) {
    return [{ status: 'failed', file: store.dir, error: `${store.dir}: ${String(error)}` }]
  }
  let names: string[]
  try {
    names = (await readdir(sampleDir, { withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.txt'))
      .map((e) => e.name)
      .sort()
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'folder not found' : String(error)
    return [{ status: 'failed', file: sampleDir, error: `${sampleDir}: ${reason}` }]
  }
  const outcomes: ImportOutcome[] = []
  for (const name of names) outcomes.push(await store.importFile(join(sampleDir, name)))
  return outcomes
}
