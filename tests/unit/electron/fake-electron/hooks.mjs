// Node module hook: `import 'electron'` (from the bundle and from electron-store) gets the fake.
const fake = new URL('./electron.mjs', import.meta.url).href

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: fake, shortCircuit: true }
  return next(specifier, context)
}
