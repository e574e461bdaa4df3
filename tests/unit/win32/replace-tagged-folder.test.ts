/**
 * Review defect #13: replacing a link (retarget, dedupe) swaps only links. A folder that carries a
 * non-link reparse tag (OneDrive placeholder, ProjFS) is a real folder, and is never moved aside or
 * removed, even when the caller's expectation matches it. Over the fake kernel32 (Wine has no tags).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { encodeMountPoint } from '../../../electron/engine/platform/win32/codec/reparse-buffer'
import { LinkError } from '../../../shared/errors'
import { FakeKernel32 } from '../../fakes/fake-kernel32'

let fake = new FakeKernel32()
vi.mock('../../../electron/engine/platform/win32/bindings/kernel32', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../electron/engine/platform/win32/bindings/kernel32')>()),
  kernel32: () => fake,
}))

const { createWin32Platform } = await import('../../../electron/engine/platform/win32/link-platform.win32')

beforeEach(() => {
  fake = new FakeKernel32()
  fake.mkdir('C:\\w')
  fake.mkdir('C:\\w\\b')
})

describe('replaceLink over a tagged folder', () => {
  it.each([
    ['a OneDrive placeholder folder', 0x9000701a],
    ['a ProjFS folder', 0x9000001c],
  ])('leaves %s where it is', (_what, tag) => {
    const header = Buffer.alloc(8)
    header.writeUInt32LE(tag >>> 0, 0)
    fake.reparse('C:\\w\\docs', header, true)
    fake.reparse('C:\\w\\tmp', encodeMountPoint('\\??\\C:\\w\\b', 'C:\\w\\b'), true)
    const p = createWin32Platform()
    const seen = p.entry('C:\\w\\docs')
    expect(seen.kind).toBe('dir')
    let caught: unknown
    try {
      p.replaceLink('C:\\w\\tmp', 'C:\\w\\docs', seen)
    } catch (e) {
      caught = e
    }
    expect((caught as LinkError).code).toBe('ALREADY_EXISTS')
    expect(fake.calls.filter((c) => c.startsWith('MoveFileExW') || c.startsWith('FileDisposition'))).toEqual([])
    expect(fake.get('C:\\w\\docs')?.reparse?.readUInt32LE(0)).toBe(tag >>> 0)
  })
})
