/// <reference types="svelte" />
/// <reference types="vite/client" />

import type { ArchiveBridge } from '../electron/shared/ipc-contract.ts'

declare global {
  interface Window {
    /** Exposed by the preload (or, in end-to-end tests, by the loopback bridge). */
    readonly archive: ArchiveBridge
  }
}
