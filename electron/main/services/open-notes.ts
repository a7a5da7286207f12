/**
 * The app's notes store: `<userData>/notes.json` opened through electron-store with the options the command
 * line gives conf (archive/notes/store-schema.ts), so both read and write the same file the same way.
 */
import { join } from 'node:path'
import Store from 'electron-store'
import { openNotesStore, type ConfLike, type NotesStore } from '../../../archive/storage/notes-store.ts'

export function openAppNotesStore(userDataDir: string, onLockLost?: (error: Error) => void): Promise<NotesStore> {
  return openNotesStore(join(userDataDir, 'notes.json'), {
    open: (options) => new Store(options as ConstructorParameters<typeof Store>[0]) as unknown as ConfLike,
    ...(onLockLost ? { onLockLost } : {})
  })
}
