import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchiveStore, type ArchiveStore } from '../../archive/storage/archive-store.ts'

/** A fresh archive folder in the system temp dir; `dispose()` deletes it. */
export function tempArchive(prefix = 'briefings-test-'): { dir: string; store: ArchiveStore; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, store: openArchiveStore(dir), dispose: () => rmSync(dir, { recursive: true, force: true }) }
}
