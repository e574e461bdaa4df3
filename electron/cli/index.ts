/** `linkscope`: the engine with a text face (DESIGN.md §7). */
import { lsCommand } from './commands/ls'
import { linkCommand } from './commands/link'
import { rmLinkCommand } from './commands/rm-link'
import { scanCommand } from './commands/scan'
import { namesCommand } from './commands/names'
import { serveCommand } from './commands/serve'
import { UsageError, type Command } from './io'
import { listBatches } from '../engine/model/list'

const COMMANDS: Record<string, Command> = {
  ls: lsCommand,
  scan: scanCommand,
  names: namesCommand,
  link: linkCommand,
  'rm-link': rmLinkCommand,
  serve: serveCommand,
}

const usage = (): string =>
  ['usage: linkscope <command> ...', ...Object.values(COMMANDS).map((c) => `  linkscope ${c.usage}`)].join('\n') + '\n'

/** The engine's listing without process start-up or output, for the benchmark (tests/bench/list.bench.mjs). */
export const __bench = { listBatches }

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--help' || name === '-h' || name === 'help') { process.stdout.write(usage()); return 0 }
  const command = name ? COMMANDS[name] : undefined
  if (!command) {
    process.stderr.write(name ? `linkscope: unknown command "${name}"\n${usage()}` : usage())
    return 2
  }
  try {
    return await command.run(rest)
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`linkscope: ${e.message}\nusage: linkscope ${command.usage}\n`)
      return 2
    }
    throw e
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code },
    (e: unknown) => { process.stderr.write(`linkscope: ${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 1 },
  )
}
