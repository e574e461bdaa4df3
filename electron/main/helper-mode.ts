/**
 * The app started as its own elevated helper (`--elevated-helper` first): no window, no single-instance
 * lock, a throw-away userData folder (the elevated process must not share the running app's profile, nor
 * leave administrator-owned files in it), no GPU. Each platform has its own helper entry.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { app } from 'electron'

import { runElevatedHelperFromArgs } from '../elevation/win32/helper-entry'

async function serve(): Promise<number> {
  if (process.platform === 'win32') return runElevatedHelperFromArgs(process.argv)
  if (process.platform === 'linux') return (await import('../elevation/helper-main')).runStdioHelper()
  process.stderr.write(`linkscope helper: there is no elevated helper on ${process.platform}\n`)
  return 2
}

/** Serve one batch, remove the private profile, exit with the helper's code. */
export function runHelperMode(): void {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-helper-'))
  app.setPath('userData', userData)
  app.disableHardwareAcceleration()
  void serve()
    .then(
      (code) => code,
      (e: unknown) => {
        process.stderr.write(`linkscope helper: ${String(e)}\n`)
        return 1
      },
    )
    .then((code) => {
      fs.rmSync(userData, { recursive: true, force: true })
      app.exit(code)
    })
}
