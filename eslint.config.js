// ESLint (flat config): typescript-eslint and eslint-plugin-svelte recommended, plus the house rules on
// who may import what. Each house rule is a `@typescript-eslint/no-restricted-imports` block for one folder;
// a later block for the same files replaces the rule's options, so each block lists every pattern that
// applies there. Tested by tests/unit/lint/eslint-config.spec.ts.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { defineConfig } from 'eslint/config'

const RESTRICTED = '@typescript-eslint/no-restricted-imports'
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// (a) The core runs in plain Node, a worker or the renderer: no Electron, no Svelte, no app code.
const CORE_STAYS_PURE = [
  {
    regex: '^(electron|electron-store)(/.*)?$',
    caseSensitive: true,
    message: 'archive/ runs in plain Node: it imports no electron or electron-store (put Electron code in electron/).'
  },
  {
    regex: '^svelte(/.*)?$',
    caseSensitive: true,
    message: 'archive/ runs in plain Node: it imports no svelte (put UI code in renderer/).'
  },
  {
    regex: '^(\\.\\./)+(renderer|electron)(/.*)?$',
    caseSensitive: true,
    message: 'archive/ imports nothing from renderer/ or electron/: they depend on the core, never the other way round.'
  }
]

// (b) Node built-ins, with or without `node:`, only where the core touches disk or processes.
const bareBuiltins = builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:'))
const NO_NODE_BUILTINS = [
  {
    regex: `^(node:.*|(${bareBuiltins.map(escape).join('|')})(/.*)?)$`,
    caseSensitive: true,
    message:
      'Node built-ins only in archive/storage/, archive/cli/ and archive/import/: the rest of archive/ must run in a worker or the renderer (use Web Crypto, TextEncoder, or pass data in).'
  }
]

// (c) The renderer gets archive/ and electron/ types only; its data comes through window.archive.
const RENDERER_TYPES_ONLY = [
  {
    regex: '^(\\.\\./)+(archive|electron)(/.*)?$',
    caseSensitive: true,
    allowTypeImports: true,
    message:
      'renderer/ imports from archive/ and electron/ only with `import type`: runtime data comes through window.archive (lib/api.ts); copy or move pure helpers into renderer/lib/.'
  },
  {
    regex: '^(electron|electron-store)(/.*)?$',
    caseSensitive: true,
    allowTypeImports: true,
    message: 'renderer/ is a sandboxed web page: it imports electron only with `import type`.'
  }
]

// (d) The sandboxed preload bundles into one CommonJS file: electron and the contract, nothing else.
const PRELOAD_ONLY_CONTRACT = [
  {
    regex: '^(?!(electron|\\.\\./shared/ipc-contract\\.ts)$)',
    caseSensitive: true,
    message:
      'electron/preload/ imports only `electron` and `../shared/ipc-contract.ts`: a sandboxed preload cannot load other files.'
  }
]

const restrict = (patterns) => ({ [RESTRICTED]: ['error', { patterns }] })

export default defineConfig(
  {
    ignores: ['out/**', 'node_modules/**', 'test-results/**', 'archive/sample/briefings/**', 'docs/**', '.scratch/**', '.bench/**', 'playwright-report/**']
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.node }
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Matching control characters is deliberate here: URL, path and text validation rejects or strips them.
      'no-control-regex': 'off',
      // `_`-prefixed names are deliberately unused (kept for a signature or a destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }
      ]
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] }
    }
  },
  {
    files: ['**/*.svelte'],
    rules: {
      // TypeScript (svelte-check) already reports undefined names; no-undef does not know type-only names.
      'no-undef': 'off'
    }
  },
  {
    files: ['tests/**'],
    rules: {
      // Playwright fixtures must destructure their first parameter, even as `{}`, to declare no dependencies.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }]
    }
  },
  {
    files: ['renderer/**', 'electron/preload/**'],
    languageOptions: { globals: { ...globals.browser } }
  },

  // House rules (see DEVELOPERS.md): who may import what.
  { files: ['archive/**'], rules: restrict([...CORE_STAYS_PURE, ...NO_NODE_BUILTINS]) },
  { files: ['archive/storage/**', 'archive/cli/**', 'archive/import/**'], rules: restrict(CORE_STAYS_PURE) },
  { files: ['renderer/**'], rules: restrict(RENDERER_TYPES_ONLY) },
  { files: ['electron/preload/**'], rules: restrict(PRELOAD_ONLY_CONTRACT) }
)
