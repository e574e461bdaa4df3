/** `linkscope`: the engine with a text face. */
import { readFileSync } from 'node:fs'
import * as path from 'node:path'

import { listBatches } from '../engine/listing/list'
import { exactArgs, unescapeArgs } from './exact-args'
import { type Command, UsageError } from './io'
import { type CommandName, USAGE } from './usage'

/**
 * Each command's module is loaded only when that command runs: `serve` alone pulls in the HTTP and
 * WebSocket stack, which would otherwise cost every `linkscope scan` tens of milliseconds at start-up
 * (esbuild keeps dynamically imported modules unevaluated until the import runs).
 */
const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  ls: async () => (await import('./commands/ls')).lsCommand,
  scan: async () => (await import('./commands/scan')).scanCommand,
  names: async () => (await import('./commands/names')).namesCommand,
  'links-to': async () => (await import('./commands/links-to')).linksToCommand,
  link: async () => (await import('./commands/link')).linkCommand,
  'rm-link': async () => (await import('./commands/rm-link')).rmLinkCommand,
  serve: async () => (await import('./commands/serve')).serveCommand,
  dupes: async () => (await import('./commands/dupes')).dupesCommand,
  dedupe: async () => (await import('./commands/dedupe')).dedupeCommand,
  split: async () => (await import('./commands/split')).splitCommand,
  undo: async () => (await import('./commands/undo')).undoCommand,
  copy: async () => (await import('./commands/copy')).copyCommand,
  compare: async () => (await import('./commands/compare')).compareCommand,
  manifest: async () => (await import('./commands/manifest')).manifestCommand,
  'restore-links': async () => (await import('./commands/restore-links')).restoreLinksCommand,
  'retarget-prefix': async () => (await import('./commands/retarget-prefix')).retargetPrefixCommand,
  move: async () => (await import('./commands/move')).moveCommand,
  'move-back': async () => (await import('./commands/move-back')).moveBackCommand,
  find: async () => (await import('./commands/find')).findCommand,
}

/** The version in the package.json two folders above the bundle (out/cli/ in the repository and the package). */
function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'))
    const version = (pkg as { version?: unknown }).version
    return typeof version === 'string' ? version : 'unknown'
  } catch {
    return 'unknown'
  }
}

const usage = (): string =>
  [
    'usage: linkscope <command> ...',
    ...Object.values(USAGE).map((u) => `  linkscope ${u}`),
    '  linkscope --help | --version',
  ].join('\n') + '\n'

/** The engine's listing without process start-up or output, for the benchmark (tests/bench/list.bench.mjs). */
export const __bench = { listBatches }

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage())
    return 0
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`linkscope ${packageVersion()}\n`)
    return 0
  }
  const load = name && Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined
  if (!load) {
    process.stderr.write(name ? `linkscope: unknown command "${name}"\n${usage()}` : usage())
    return 2
  }
  const command = await load()
  try {
    return await command.run(unescapeArgs(exactArgs(rest)))
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
    (code) => {
      process.exitCode = code
    },
    (e: unknown) => {
      process.stderr.write(`linkscope: ${e instanceof Error ? e.stack : String(e)}\n`)
      process.exitCode = 1
    },
  )
}
