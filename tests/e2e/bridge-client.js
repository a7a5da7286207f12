// Injected by Playwright with page.addInitScript before any page script runs: defines `window.archive`
// the way the preload does (one function per ArchiveApi method, the IpcResult envelope unwrapped, a plain
// Error with the message on failure), but over fetch('/api/<method>') to the loopback bridge.
// Keep METHODS equal to API_METHODS in electron/shared/ipc-contract.ts (tests/unit/e2e/bridge-client.spec.ts checks it).
;(() => {
  const METHODS = [
    'listBriefings',
    'getBriefing',
    'openExternal',
    'getSettings',
    'updateSettings',
    'getAppInfo',
    'search',
    'findInBriefing',
    'indexStatus'
  ]

  async function invoke(method, input) {
    const response = await fetch('/api/' + method, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input === undefined ? null : input)
    })
    const result = await response.json()
    if (result && result.ok === true) return result.value
    throw new Error((result && result.error && result.error.message) || 'bridge: HTTP ' + response.status)
  }

  const api = {}
  for (const method of METHODS) api[method] = (input) => invoke(method, input)
  // contextBridge exposes a frozen, non-writable object: mirror that.
  Object.defineProperty(window, 'archive', { value: Object.freeze(api), enumerable: true })
})()
