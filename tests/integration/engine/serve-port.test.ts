import { spawn } from 'node:child_process'
import * as net from 'node:net'

import { describe, expect, it } from 'vitest'

import { CLI } from '../../helpers/built'

/** Run the CLI; give up (SIGKILL, status null) after `limitMs`. */
function run(
  args: string[],
  limitMs: number,
): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ status: code, stdout, stderr, ms: performance.now() - started })
    })
  })
}

describe('linkscope serve --port N with N taken', () => {
  it('exits 1 at once with one clear line, and starts nothing', async () => {
    const holder = net.createServer()
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
    const port = (holder.address() as net.AddressInfo).port
    try {
      const r = await run(['serve', '--port', String(port)], 15_000)
      expect(r.status).toBe(1) // null: it hung and was killed
      expect(r.stdout).toBe('')
      expect(r.stderr.split('\n').filter(Boolean)).toEqual([
        `linkscope: Port ${port} on 127.0.0.1 is in use by another program: choose another with --port, or leave --port out to get a free one. (ALREADY_EXISTS)`,
      ])
    } finally {
      holder.close()
    }
  })
})
