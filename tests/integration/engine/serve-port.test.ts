import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'

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

describe('linkscope serve DIR that is not a folder', () => {
  it('says in one line what DIR is instead (a file, a loop, a dangling link), exit 1, no server', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ls-serve-notdir-')))
    try {
      const p = (n: string): string => path.join(dir, n)
      fs.writeFileSync(p('file.txt'), 'x')
      fs.symlinkSync('loop-b', p('loop-a'))
      fs.symlinkSync('loop-a', p('loop-b'))
      fs.symlinkSync(p('nowhere'), p('dangling'))
      const lines = async (name: string): Promise<string[]> => {
        const r = await run(['serve', p(name)], 15_000)
        expect(r.status, name).toBe(1)
        expect(r.stdout, name).toBe('')
        return r.stderr.split('\n').filter(Boolean)
      }
      expect(await lines('file.txt')).toEqual([
        `linkscope: ${p('file.txt')} is a file, not a folder. (NOT_A_DIRECTORY)`,
      ])
      expect(await lines('loop-a')).toEqual([
        `linkscope: ${p('loop-a')} is a symbolic link that loops back on itself (through ${p('loop-b')}): it leads to no folder. (LINK_LOOP)`,
      ])
      const dangling = await lines('dangling')
      expect(dangling).toHaveLength(1)
      expect(dangling[0]).toMatch(
        /^linkscope: .*dangling is a symbolic link to .*nowhere.*does not exist\. \(NOT_FOUND\)$/,
      )
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
