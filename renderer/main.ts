import { mount } from 'svelte'
import App from './App.svelte'
import { holdEarlyKeys } from './lib/early-keys.ts'
import { library } from './stores/library.svelte.ts'
import { settings } from './stores/settings.svelte.ts'
import './styles/app.css'

// The settings and the library's list are asked for before the first render, so main answers while the app mounts.
void settings.load()
void library.load()

const target = document.getElementById('app')
if (!target) throw new Error('renderer: #app element missing from index.html')

// Mounted in a task of its own: evaluating the scripts and the first render were one 90–140 ms task (issue 10).
const replayKeys = holdEarlyKeys(window, KeyboardEvent)
setTimeout(() => {
  mount(App, { target })
  replayKeys()
})
