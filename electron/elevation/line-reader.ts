/**
 * Lines from a byte stream: bytes are gathered and split on the newline byte, and only whole lines are
 * decoded, so a character split between two reads is never mangled.
 */
import type { Readable } from 'node:stream'

export type LineHandlers = { line(text: string): void; tooLong(): void; end(): void }

export function lineReader(input: Readable, maxBytes: number, on: LineHandlers): void {
  let chunks: Buffer[] = []
  let size = 0
  let stopped = false
  input.on('data', (chunk: Buffer) => {
    if (stopped) return
    let start = 0
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      chunks.push(chunk.subarray(start, nl))
      const text = Buffer.concat(chunks).toString('utf8')
      chunks = []
      size = 0
      start = nl + 1
      on.line(text)
      if (stopped) return
    }
    chunks.push(chunk.subarray(start))
    size += chunk.length - start
    if (size > maxBytes) {
      stopped = true
      on.tooLong()
    }
  })
  input.on('end', () => {
    if (!stopped) {
      stopped = true
      on.end()
    }
  })
  input.on('error', () => {
    if (!stopped) {
      stopped = true
      on.end()
    }
  })
  input.on('close', () => {
    if (!stopped) {
      stopped = true
      on.end()
    }
  })
}
