import { basename } from 'node:path'
import { parseSourceBytes } from '../import/parse-source.ts'
import { MAX_INPUT_BYTES, readInputFile } from '../storage/read-input.ts'
import { fsErrorMessage } from '../storage/fs-reason.ts'
import { briefingToJson } from './to-json.ts'
import { importCommand, searchCommand } from './commands.ts'

const USAGE = `Usage: briefings <command> [options]

Commands:
  parse FILE [--json]                            parse one briefing and print it
  import PATH... --archive DIR [--json]          import files or folders into an archive
  search "QUERY" --archive DIR [--json] [--limit N]  search an archive
  notes import FILE --store PATH --archive DIR [--json]
                                                 import W3C Web Annotation JSON into a notes store
  notes export --format json --out FILE --store PATH [--json]
                                                 export a notes store as W3C Web Annotation JSON
  notes export --format markdown [--briefing ID] --out FILE|DIR --store PATH --archive DIR [--lang ko|en] [--json]
                                                 export notes as Markdown, merged into files that exist
                                                 (--store: the app's userData folder or its notes.json)

Exit codes: 0 success, 1 usage error or (import) a file or an annotation that failed (notes export: notes of a
briefing not in the archive), 2 a file that cannot be read or parsed, an archive that cannot be opened or
written, a search filter that cannot be applied (published:abc, date:2023-13) (notes: or a store that cannot be
opened, e.g. while the app has it, a briefing not in the archive, an output that cannot be written).
Files: regular files only, at most ${MAX_INPUT_BYTES / (1024 * 1024)} MB (parse and import).`

/** Runs the `briefings` command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // `briefings parse … --json | head` closes the pipe early: that is not an error
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(USAGE + '\n')
    return command ? 0 : 1
  }
  try {
    if (command === 'parse') return await parseCommand(rest)
    if (command === 'import') return await importCommand(rest)
    if (command === 'search') return await searchCommand(rest)
    // loaded on demand: the notes store brings conf and Ajv, which the other commands do not need
    if (command === 'notes') return await (await import('./notes.ts')).notesCommand(rest)
  } catch (error) {
    // anything unforeseen still gets one line in words, never a stack trace
    const message = (error as NodeJS.ErrnoException)?.code ? fsErrorMessage(error) : error instanceof Error ? error.message : String(error)
    process.stderr.write(`briefings ${command}: ${message}\n`)
    return 2
  }
  process.stderr.write(`briefings: unknown command '${command}'\n${USAGE}\n`)
  return 1
}

async function parseCommand(args: string[]): Promise<number> {
  const json = args.includes('--json')
  const files = args.filter((a) => !a.startsWith('--'))
  if (files.length !== 1) {
    process.stderr.write('briefings parse: expected exactly one FILE\n')
    return 1
  }
  const file = files[0]
  // a regular file within the size limit, read with a bounded read (the same check as import)
  const input = await readInputFile(file)
  if (!input.ok) {
    process.stderr.write(`briefings: ${input.error}\n`)
    return 2
  }
  // any format the import reads (detected by content), through the publisher's layout, as the archive does
  const result = await parseSourceBytes(basename(file), input.bytes)
  if (!result.ok) {
    const base = basename(file)
    const error = result.error.startsWith(`${base}: `) ? `${file}: ${result.error.slice(base.length + 2)}` : result.error
    process.stderr.write(`briefings: ${error}\n`)
    return 2
  }
  const b = result.briefing
  if (json) {
    process.stdout.write(JSON.stringify(briefingToJson(b), null, 2) + '\n')
  } else {
    const items = b.sections.reduce((n, s) => n + s.items.length, 0)
    process.stdout.write(`${b.id}  ${b.series}  ${b.published}  ${items} items  ${b.warnings.length} warnings\n`)
    for (const w of b.warnings) process.stdout.write(`  line ${w.line}: ${w.message}: ${w.text}\n`)
  }
  return 0
}
