/**
 * The project's own sample archive on disk: five fictional briefings written for Briefing Reader in the
 * KOSTEC weekly text layout (archive/sample/briefings/*.txt). The generator of more such texts is the
 * pure archive/sample/generate.ts; this module only lists the bundled files.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Absolute path of the folder holding the sample briefings. */
export const SAMPLE_DIR: string = fileURLToPath(new URL('../sample/briefings/', import.meta.url))

/** Absolute paths of the sample briefing files (`*.txt`), sorted by name (= by publication date). */
export function listSampleFiles(): string[] {
  return readdirSync(SAMPLE_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(SAMPLE_DIR, name))
}
