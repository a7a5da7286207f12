import type { Component } from 'svelte'

/**
 * A view whose code is a chunk of its own, kept out of what the window evaluates at start (the reader, the
 * notes views, Settings): loaded when it is first needed, or in idle time once the library is on screen.
 * `component` is set when the chunk has loaded; `error` says why it could not (a damaged installation).
 */
export class LazyView<Props extends object> {
  component: Component<Props> | undefined = $state.raw()
  error: string | undefined = $state()
  #loading: Promise<void> | undefined
  readonly #load: () => Promise<{ default: Component<Props> }>

  constructor(load: () => Promise<{ default: Component<Props> }>) {
    this.#load = load
  }

  /** Starts loading, once; resolves when the view can be drawn (or has failed, with `error` set). */
  preload(): Promise<void> {
    this.#loading ??= this.#load().then(
      (module) => {
        this.component = module.default
      },
      (error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error)
        this.#loading = undefined
      }
    )
    return this.#loading
  }
}
