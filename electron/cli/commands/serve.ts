/** linkscope serve [DIR] [--port N]: browser mode on 127.0.0.1; prints one line with the URL and its token. */
import * as fs from 'node:fs'

import { LinkError } from '../../../shared/errors'
import { whyNotAFolder } from '../../engine/listing/list'
import { resolveAsKernel } from '../../engine/listing/paths'
import { startServer } from '../../serve/server'
import { type Command, makeOut, parseArgs, reportFailure, UsageError } from '../io'
import { USAGE } from '../usage'

/** Whether `dir` leads to a folder; a loop or a denied path is "no", and whyNotAFolder says which. */
function isFolder(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory()
  } catch {
    return false
  }
}

export const serveCommand: Command = {
  usage: USAGE.serve,
  async run(argv) {
    const { positionals, values } = parseArgs(argv, { values: ['port'] })
    if (positionals.length > 1) throw new UsageError('serve takes at most one folder')
    const portText = values.get('port')
    const port = portText === undefined ? 0 : Number(portText)
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port takes a number from 0 to 65535')
    const dir = positionals[0] ? resolveAsKernel(positionals[0]) : undefined
    let server
    try {
      if (dir && !isFolder(dir)) {
        throw whyNotAFolder(dir, new LinkError('NOT_FOUND', `${dir} does not exist.`, dir))
      }
      server = await startServer({ ...(dir ? { startDir: dir } : {}), port })
    } catch (e) {
      return reportFailure(makeOut(false), e)
    }
    process.stdout.write(`Linkscope is running at ${server.url}\n`)
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        void server.close().then(resolve)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    return 0
  },
}
