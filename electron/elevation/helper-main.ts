/**
 * The elevated helper's stdin/stdout session. Its configuration, with the token's hash, arrives as one
 * JSON line on stdin (never on the command line, where `ps` shows it); it answers "READY" on stdout once
 * listening, and resolves to the process's exit code.
 */
import { obj, str } from '../../shared/ipc/validate'
import { runHelper, type HelperConfig } from './helper'

function readConfig(line: string): HelperConfig {
  const raw = obj({ socketDir: str(4096), parentPid: str(20), parentUid: str(20), tokenSha256: str(64), idleMs: str(20) })
    .check(JSON.parse(line), 'helper configuration')
  return {
    socketDir: raw.socketDir, parentPid: Number(raw.parentPid), parentUid: Number(raw.parentUid),
    tokenSha256: raw.tokenSha256, idleMs: Number(raw.idleMs),
  }
}

export function runStdioHelper(): Promise<number> {
  return new Promise((resolve) => {
    let input = ''
    process.stdin.setEncoding('utf8')
    process.stdin.on('data', (chunk: string) => {
      input += chunk
      const nl = input.indexOf('\n')
      if (nl < 0) return
      process.stdin.pause()
      let config: HelperConfig
      try {
        config = readConfig(input.slice(0, nl))
      } catch (e) {
        process.stderr.write(`linkscope helper: ${String(e)}\n`)
        resolve(2)
        return
      }
      runHelper(config, () => process.stdout.write('READY\n')).then(
        (reason) => { process.stdout.write(`EXIT ${reason}\n`); resolve(0) },
        (e: unknown) => { process.stderr.write(`linkscope helper: ${String(e)}\n`); resolve(1) },
      )
    })
  })
}
