/** The state every store that talks to the main process exposes. */
export type Status = 'idle' | 'loading' | 'error'
