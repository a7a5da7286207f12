/**
 * The window's first script, kept small (its chunk is a few KB): it starts what the first screen waits for
 * longest, then loads the app (start.ts, a chunk of its own with the Svelte runtime and the views).
 * That is the font faces' worker, started by font-faces.ts when this module is evaluated, and asked at once
 * for the window's two faces (APP_FACES): a fresh renderer takes 30-100 ms to start a worker and the worker
 * 50-80 ms to load the faces (the browser copies each font file, see warm-fonts.ts). Started only once the
 * app's 190 KB of script had been fetched and evaluated, it was 100-140 ms later, and the first screen waited
 * for it (issue 10, 13). The library's list is asked for by start.ts: asked for here, its answer (main busy
 * listing 2,600 files) made main serve the app's script and the worker's later, and the start was no sooner.
 */
import { loadFaces } from './lib/font-faces.ts'
import { holdEarlyKeys } from './lib/early-keys.ts'
import { APP_FACES } from './lib/warm-fonts.ts'
import './styles/app.css'

const target = document.getElementById('app')
if (!target) throw new Error('renderer: #app element missing from index.html')

// The app is mounted hidden and shown once its faces are ready (start.ts). Keys pressed meanwhile are held and
// given to the app once it is shown.
target.hidden = true
const replayKeys = holdEarlyKeys(window, KeyboardEvent)
const appFaces = loadFaces(APP_FACES)

import('./start.ts').then(
  ({ start }) => start({ target, appFaces, replayKeys }),
  (error: unknown) => {
    // A damaged installation: said in the window rather than left blank.
    target.textContent = `renderer: the app could not be loaded (${error instanceof Error ? error.message : String(error)})`
    target.hidden = false
  }
)
