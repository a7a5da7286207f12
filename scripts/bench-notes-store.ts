/**
 * `node scripts/bench-notes-store.ts [1000 10000]`: the notes store's load and save times through real conf,
 * with what one save is made of. A save is conf's `store` setter: it reads and parses the file again (to keep
 * its `__internal__` key), deep-copies the store, validates it with Ajv, serialises it with tabs and writes
 * it atomically (temp file, fsync, rename). The parts are timed alone on the same data, with an Ajv set up as
 * conf sets it up; figures are medians (p95 for saves) of several runs on a machine that may be shared.
 */
import { mkdtempSync, openSync, fsyncSync, closeSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { Ajv2020 } from 'ajv/dist/2020.js'
import ajvFormats from 'ajv-formats'
import { emptyNotes, notesDataSchema, type NotesData } from '../archive/notes/model.ts'
import { notesStoreOptions } from '../archive/notes/store-schema.ts'
import { openNotesStore } from '../archive/storage/notes-store.ts'
import { generatedAnnotations } from '../tests/helpers/generated-notes.ts'

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0)
const counts = sizes.length ? sizes : [1000, 10_000]
const open = (o: ReturnType<typeof notesStoreOptions>): Conf<NotesData> => new Conf<NotesData>(o)

function times(runs: number, fn: () => void): number[] {
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    out.push(performance.now() - t)
  }
  return out.sort((a, b) => a - b)
}
const at = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
const f = (n: number): string => n.toFixed(1).padStart(6)

console.log('annotations  file MB | load p50 | save p50  p95 | re-read+parse  deep copy  Ajv  stringify  write+fsync | zod (whole store)')
for (const count of counts) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-notes-'))
  const file = join(dir, 'notes.json')
  const data: NotesData = { ...emptyNotes(), annotations: generatedAnnotations(count) }
  open(notesStoreOptions(dir)).store = data
  const size = readFileSync(file).length / 2 ** 20

  const loads: number[] = []
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    const store = await openNotesStore(file, { open, lock: false })
    loads.push(performance.now() - t)
    await store.close()
  }
  loads.sort((a, b) => a - b)

  const store = await openNotesStore(file, { open, lock: false })
  const ids = store.list().map((a) => a.id)
  let n = 0
  const saves = times(40, () => void store.update(ids[n++ % ids.length], { tags: [`t${n}`] }))
  await store.close()

  // The parts of one save, alone.
  const text = JSON.stringify(data, undefined, '\t')
  const reread = times(10, () => JSON.parse(readFileSync(file, 'utf8')))
  const copy = times(10, () => structuredClone(data))
  const options = notesStoreOptions(dir)
  const ajv = new Ajv2020({ allErrors: true, useDefaults: true, ...options.ajvOptions })
  ajvFormats.default(ajv)
  const validate = ajv.compile({ ...options.rootSchema, type: 'object', properties: options.schema })
  const ajvTimes = times(10, () => {
    if (!validate(data)) throw new Error(JSON.stringify(validate.errors?.[0]))
  })
  const stringify = times(10, () => JSON.stringify(data, undefined, '\t'))
  const write = times(10, () => {
    const temp = `${file}.bench`
    const fd = openSync(temp, 'w')
    writeFileSync(fd, text)
    fsyncSync(fd)
    closeSync(fd)
    renameSync(temp, join(dir, 'copy.json'))
  })
  const zod = times(5, () => notesDataSchema.parse(data))
  console.log(
    `${String(count).padStart(11)}  ${size.toFixed(2).padStart(7)} | ${f(at(loads, 0.5))}   | ${f(at(saves, 0.5))} ${f(at(saves, 0.95))} |` +
      ` ${f(at(reread, 0.5))}        ${f(at(copy, 0.5))}  ${f(at(ajvTimes, 0.5))} ${f(at(stringify, 0.5))}     ${f(at(write, 0.5))}    | ${f(at(zod, 0.5))}`
  )
  rmSync(dir, { recursive: true, force: true })
}
