import { describe, expect, it } from 'vitest'

import {
  isCloudTag,
  isFollowableTag,
  isLinkTag,
  isNameSurrogate,
  kindOfTag,
  mayDescendInto,
  tagAttribute,
  tagHex,
} from '../../../electron/engine/platform/win32/codec/reparse-tags'

const CLOUD_VARIANTS = [0x9000001a, ...Array.from({ length: 15 }, (_, i) => (0x9000001a | ((i + 1) << 12)) >>> 0)]

describe('reparse tag → LinkKind', () => {
  it.each([
    [0xa000000c, 'symlink'],
    [0xa0000003, 'junction'],
    [0xa000001d, 'wsl-symlink'],
    [0x8000001b, 'app-exec-link'],
    [0x80000013, 'file'], // DEDUP: a file with its data in the chunk store
    [0x80000021, 'file'], // ONEDRIVE
    [0x80000023, 'special'],
    [0x80000024, 'special'],
    [0x80000025, 'special'],
    [0x80000026, 'special'],
    [0x80000017, 'file'], // WOF
    [0x80000014, 'file'], // NFS
    [0x9000001c, 'file'], // PROJFS
    [0xa0000019, 'other-reparse'], // GLOBAL_REPARSE
    [0xa000001f, 'other-reparse'], // WCI_TOMBSTONE
    [0xc0000004, 'file'], // HSM (not a surrogate)
  ])('%s', (tag, kind) => {
    expect(kindOfTag(tag, false)).toBe(kind)
  })

  it('only name surrogates and AppExecLinks are links; every other tagged folder stays a folder', () => {
    for (const t of [0x80000013, 0x80000021, 0x80000017, 0x9000001c, 0x80000018, ...CLOUD_VARIANTS]) {
      expect(isLinkTag(t)).toBe(false)
      expect(kindOfTag(t, true)).toBe('dir')
    }
    for (const t of [0xa000000c, 0xa0000003, 0xa000001d, 0xa0000019, 0x8000001b]) expect(isLinkTag(t)).toBe(true)
    expect(kindOfTag(0xa0000003, true)).toBe('junction')
    expect(kindOfTag(0xa0000019, true)).toBe('other-reparse')
  })

  it('names what a non-link tag adds, and nothing for links', () => {
    expect(tagAttribute(0x80000021)).toBe('OneDrive placeholder')
    expect(tagAttribute(0x9000001c)).toBe('ProjFS placeholder')
    expect(tagAttribute(0x80000013)).toBe('deduplicated')
    expect(tagAttribute(0x0000b00b)).toBe('reparse tag 0x0000B00B')
    for (const t of [0, 0xa000000c, 0xa0000003, 0x8000001b, 0x80000023]) expect(tagAttribute(t)).toBeUndefined()
  })

  it('classifies CLOUD and all fifteen CLOUD_1..F variants as cloud placeholders', () => {
    expect(CLOUD_VARIANTS).toHaveLength(16)
    expect(CLOUD_VARIANTS[15]).toBe(0x9000f01a)
    for (const t of CLOUD_VARIANTS) {
      expect(isCloudTag(t)).toBe(true)
      expect(kindOfTag(t, true)).toBe('dir')
      expect(tagAttribute(t)).toBe('cloud placeholder')
    }
    expect(isCloudTag(0x9000001c)).toBe(false)
  })

  it('accepts tags given as signed int32 (what JS bit operators produce)', () => {
    expect(kindOfTag(0xa000000c | 0, false)).toBe('symlink')
    expect(tagAttribute(0x9000f01a | 0)).toBe('cloud placeholder')
    expect(isFollowableTag(0xa0000003 | 0)).toBe(true)
  })
})

describe('traversal rule', () => {
  it('follows only name-surrogate link tags', () => {
    expect(isFollowableTag(0xa000000c)).toBe(true)
    expect(isFollowableTag(0xa0000003)).toBe(true)
    expect(isFollowableTag(0xa000001d)).toBe(true)
    expect(isFollowableTag(0xa0000019)).toBe(false) // surrogate, but nothing we can resolve
    expect(isFollowableTag(0x80000013)).toBe(false)
    expect(isFollowableTag(0)).toBe(false)
  })

  it('never follows AppExecLinks or cloud placeholders', () => {
    expect(isFollowableTag(0x8000001b)).toBe(false)
    for (const t of CLOUD_VARIANTS) expect(isFollowableTag(t)).toBe(false)
  })

  it('descends into cloud and dedup folders but never into links or aliases', () => {
    for (const t of CLOUD_VARIANTS) expect(mayDescendInto(t)).toBe(true)
    expect(mayDescendInto(0x80000013)).toBe(true)
    expect(mayDescendInto(0xa0000003)).toBe(false)
    expect(mayDescendInto(0xa000000c)).toBe(false)
    expect(mayDescendInto(0xa000001f)).toBe(false)
    expect(mayDescendInto(0x8000001b)).toBe(false)
  })

  it('reads the name-surrogate bit and formats tags', () => {
    expect(isNameSurrogate(0xa0000003)).toBe(true)
    expect(isNameSurrogate(0x9000001a)).toBe(false)
    expect(tagHex(0xa000000c | 0)).toBe('0xA000000C')
  })
})
