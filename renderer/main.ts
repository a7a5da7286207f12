// First: it starts the font faces' worker (see font-faces.ts).
import { loadFaces } from './lib/font-faces.ts'
import { mount } from 'svelte'
import App from './App.svelte'
import { holdEarlyKeys } from './lib/early-keys.ts'
import { inTurn } from './lib/in-turn.ts'
import { APP_FACES, warmFont } from './lib/warm-fonts.ts'
import { library } from './stores/library.svelte.ts'
import { settings } from './stores/settings.svelte.ts'
import './styles/app.css'

// The settings and the library's list are asked for before the first render, so main answers while the app mounts.
void settings.load()
void library.load()

const target = document.getElementById('app')
if (!target) throw new Error('renderer: #app element missing from index.html')

// Each in a task of its own (the scripts' evaluation, the first layout of text and the first render in one task
// were the start's longest, issue 10, 13): the window's font faces (see APP_FACES), loaded by the font worker and
// then laid out once here, then the app. Keys pressed meanwhile are held and given to the app once it is mounted.
const replayKeys = holdEarlyKeys(window, KeyboardEvent)
inTurn(
  [
    () => loadFaces(APP_FACES),
    ...APP_FACES.map((face) => () => warmFont(document, face)),
    () => {
      mount(App, { target })
      replayKeys()
    }
  ],
  (run) => {
    const timer = setTimeout(run)
    return () => clearTimeout(timer)
  }
)
