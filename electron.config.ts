/**
 * electron-vite build of the three parts: main (ESM, Node), preload (one CommonJS file, for the sandbox) and
 * the Svelte renderer (served over app://renderer/ from out/renderer).
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'electron-vite'

const root = dirname(fileURLToPath(import.meta.url))
const at = (path: string): string => resolve(root, path)

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      // With "type": "module" and Electron ≥ 28 electron-vite emits ES modules, so `dependencies`
      // (electron-store and conf are ESM-only) stay external and are imported at run time.
      externalizeDeps: true,
      rolldownOptions: {
        // the search index worker is a second entry, loaded with new Worker(new URL('./build-worker.js'))
        // and so is the source-file parser's (PDF, HTML, HWPX …): new Worker(new URL('./parse-worker.js'))
        input: {
          index: at('electron/main/index.ts'),
          'build-worker': at('archive/storage/build-worker.ts'),
          'parse-worker': at('archive/import/parse-worker.ts')
        },
        output: { entryFileNames: '[name].js' }
      }
    }
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload can require only `electron` and a few Node shims: bundle everything else.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: at('renderer'),
    plugins: [svelte()],
    build: {
      outDir: at('out/renderer'),
      // electron-vite leaves the renderer unminified; minified, the start compiles 189 KB of script, not 430 KB
      minify: true,
      rolldownOptions: {
        input: at('renderer/index.html')
      }
    }
  }
})
