/**
 * `npm start` and `npm run dev` run this before electron-vite: it makes sure Electron's binary is installed,
 * downloading it when it is not, and when it cannot be fetched prints one line saying how to get it and
 * exits 1 (scripts/electron-binary.ts).
 */
import { ensureElectron, realElectronDeps } from './electron-binary.ts'

process.exitCode = await ensureElectron(realElectronDeps())
