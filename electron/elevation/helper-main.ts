/**
 * The POSIX elevated helper's entry. Packaged, the app's own executable runs it (started by pkexec with
 * `--elevated-helper`, see main/index.ts); in development and tests, Node runs out/elevation/helper.js
 * (helper-node.ts).
 * Its standard input and output are the app's pipes: the configuration (with the token's hash) is the
 * first line on stdin, never on the command line where `ps` shows it.
 */
import { serveStdio } from './helper'

/** Serve the app over stdin/stdout; resolves with the exit code (0 served or idle, 1 refused or broken). */
export async function runStdioHelper(): Promise<number> {
  process.umask(0o022) // links the helper makes get ordinary modes, whatever umask pkexec passed on
  process.chdir('/') // nothing relative may depend on where root happened to start
  try {
    const why = await serveStdio(process.stdin, process.stdout)
    return why === 'refused' ? 1 : 0
  } catch (e) {
    process.stderr.write(`linkscope helper: ${e instanceof Error ? e.message : String(e)}\n`)
    return 1
  }
}
