/**
 * What every CLI command shares: flag parsing, NDJSON/text output, and the exit codes
 * (0 done, 1 the operation failed — with --json the last line is {"error":{code,message,path}} —, 2 usage).
 */
import { type AppError, toAppError } from '../../shared/errors'
import { controlSafe } from './format'
import { jsonLine } from './json-line'

export class UsageError extends Error {}

/** `values`: the last value of each option; `lists`: every value of each, in order (a repeatable option) */
export type Parsed = {
  positionals: string[]
  flags: Set<string>
  values: Map<string, string>
  lists: Map<string, string[]>
}

/** Parse argv against the flags a command knows; anything else is a usage error. `--` ends flags. */
export function parseArgs(argv: string[], known: { flags?: string[]; values?: string[] }): Parsed {
  const flags = new Set<string>()
  const values = new Map<string, string>()
  const lists = new Map<string, string[]>()
  const positionals: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined]
      if (known.flags?.includes(name) && inline === undefined) flags.add(name)
      else if (known.values?.includes(name)) {
        const value = inline ?? argv[++i]
        if (value === undefined) throw new UsageError(`--${name} needs a value`)
        values.set(name, value)
        lists.set(name, [...(lists.get(name) ?? []), value])
      } else throw new UsageError(`unknown option ${a}`)
    } else positionals.push(a)
  }
  return { positionals, flags, values, lists }
}

export type Out = {
  json: boolean
  /** write what is buffered (call before exiting) */
  flush(): void
  /** one JSON object a line (with --json) */
  record(value: unknown): void
  /** a line of text (without --json) */
  line(text: string): void
}

/** Output is buffered in 64 KiB chunks: a 100k-line listing is not 100k write calls. */
export function makeOut(
  json: boolean,
  write: (s: string) => void = (s) => {
    process.stdout.write(s)
  },
): Out {
  let buffer = ''
  const push = (s: string): void => {
    buffer += s
    if (buffer.length >= 65536) {
      write(buffer)
      buffer = ''
    }
  }
  return {
    json,
    flush: () => {
      if (buffer) {
        write(buffer)
        buffer = ''
      }
    },
    record: (value) => push(jsonLine(value)),
    line: (text) => push(text + '\n'),
  }
}

/** Report a failure the way §7 says and return exit code 1. */
export function reportFailure(out: Out, e: unknown): number {
  const error: AppError = toAppError(e)
  if (out.json) out.record({ error })
  out.flush()
  process.stderr.write(
    `linkscope: ${controlSafe(error.message)}${error.code === 'UNKNOWN' ? '' : ` (${error.code})`}\n`,
  )
  return 1
}

/** Run a long command: Ctrl-C cancels it through the signal, and a failure is reported as §7 says. */
export async function cancellable(out: Out, run: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController()
  const onInterrupt = (): void => controller.abort()
  process.once('SIGINT', onInterrupt)
  try {
    return await run(controller.signal)
  } catch (e) {
    return reportFailure(out, e)
  } finally {
    process.off('SIGINT', onInterrupt)
  }
}

export type Command = {
  usage: string
  run(argv: string[]): Promise<number> | number
}
