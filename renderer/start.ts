/**
 * The app's start, loaded by main.ts once it has asked the font worker for the window's faces.
 */
import { mount } from 'svelte'
import App from './App.svelte'
import { markAppShown } from './lib/app-shown.ts'
import { inTurn } from './lib/in-turn.ts'
import { APP_FACES, warmFont } from './lib/warm-fonts.ts'
import { library } from './stores/library.svelte.ts'
import { settings } from './stores/settings.svelte.ts'

export interface Start {
  /** #app, hidden until the app is shown. */
  target: HTMLElement
  /** The font worker's load of the window's faces (APP_FACES). */
  appFaces: Promise<void>
  /** Gives the app the keys pressed since main.ts (see early-keys.ts). */
  replayKeys: () => void
}

export function start({ target, appFaces, replayKeys }: Start): void {
  // Before the first render, so main answers while the app mounts.
  void settings.load()
  void library.load()

  // Each in a task of its own (the scripts' evaluation, the first layout of text and the first render in one task
  // were the start's longest, issue 10, 13). While the worker loads the faces, the app is mounted hidden
  // (display: none: nothing of it is styled or laid out, no font is asked for); the faces, once loaded, are laid
  // out once here; then the app is shown, and its first layout finds them ready. Mounted after the faces, the
  // mount's 30-50 ms of script waited for the worker.
  inTurn(
    [
      () => {
        mount(App, { target })
      },
      // The loader resolves even when the worker fails or does not answer; whatever happens, the app is shown.
      () => appFaces.catch(() => {}),
      ...APP_FACES.map((face) => () => warmFont(document, face)),
      () => {
        target.hidden = false
        markAppShown()
        replayKeys()
      }
    ],
    (run) => {
      const timer = setTimeout(run)
      return () => clearTimeout(timer)
    }
  )
}
