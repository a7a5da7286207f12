/** The archive folder on disk and the decoding of imported bytes. */
export {
  ARCHIVE_FORMAT,
  MAX_SOURCE_BYTES,
  PARSER_VERSION,
  openArchiveStore
} from './archive-store.ts'
export type { ArchiveStore, ArchiveStoreOptions, ImportOutcome, StoreWarning } from './archive-store.ts'
export { isArchiveFolder, isArchiveFolderSync } from './archive-folder.ts'
export { ArchiveLockedError } from './archive-lock.ts'
export { decodeText, firstInvalidUtf8Offset } from './decode-text.ts'
export type { DecodeResult, TextEncodingName } from './decode-text.ts'
