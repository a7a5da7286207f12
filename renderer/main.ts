import { mount } from 'svelte'
import App from './App.svelte'
import { library } from './stores/library.svelte.ts'
import { settings } from './stores/settings.svelte.ts'
import './styles/app.css'

/** How long the first render waits for the settings before it goes ahead with the defaults. */
const SETTINGS_WAIT_MS = 250

// The library's list is asked for before the first render, so main answers while the app mounts.
void library.load()
// The app is mounted once the settings are in (a few ms): the first render is in the user's language, zoom and
// theme (not redrawn a moment later), and evaluating the scripts and drawing the app are two tasks, not one long
// one (issue 10, defect 13). Main that does not answer does not keep the window empty.
await Promise.race([settings.load(), new Promise((resolve) => setTimeout(resolve, SETTINGS_WAIT_MS))])

const target = document.getElementById('app')
if (!target) throw new Error('renderer: #app element missing from index.html')

export default mount(App, { target })
