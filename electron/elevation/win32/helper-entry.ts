/**
 * The Windows helper process's entry: the app's executable started with `--elevated-helper` and the
 * switches from helper-config.ts. The main process calls runElevatedHelperFromArgs(process.argv) before
 * anything else (no window, no single-instance lock) and exits with the code it resolves to.
 */
import { actStrictly } from '../../engine/platform/acting'
import { parseHelperArgs, type Win32HelperConfig } from './helper-config'
import { runWin32Helper } from './pipe-server'
import { enableRedirectionGuard } from './redirection-guard'

/** A runas launch has no console: stderr may be missing, and a failed write must not change the exit code. */
function report(message: string): void {
  try {
    process.stderr.on('error', () => undefined)
    process.stderr.write(`linkscope helper: ${message}\n`)
  } catch {
    /* nowhere to report; the exit code says it */
  }
}

/** 0 after serving (or idling out), 2 for bad arguments, 1 when the pipe could not be served. */
export async function runElevatedHelperFromArgs(argv: readonly string[]): Promise<number> {
  // Before anything touches a file: no junction a non-administrator made is followed, and every
  // operation acts only in a folder that is what its path says.
  actStrictly()
  let guard: ReturnType<typeof enableRedirectionGuard>
  try {
    guard = enableRedirectionGuard()
  } catch (e) {
    guard = { enabled: false, err: -1 }
    report(`RedirectionGuard could not be asked for: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (!guard.enabled)
    report(`RedirectionGuard is not available on this Windows (error ${guard.err}); going on with pinned folders only.`)
  let config: Win32HelperConfig
  try {
    config = parseHelperArgs(argv)
  } catch (e) {
    report(e instanceof Error ? e.message : String(e))
    return 2
  }
  try {
    await runWin32Helper(config)
    return 0
  } catch (e) {
    report(e instanceof Error ? e.message : String(e))
    return 1
  }
}
