import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { decodePng, ICNS_TYPES, ICO_SIZES, LINUX_SIZES } from '../../../scripts/make-icons.mjs'

// The icons electron-builder packs (build/, its buildResources folder), checked as the formats they are,
// and regenerated from assets/icons/app.svg to prove the committed ones are that drawing.
const repo = path.resolve(__dirname, '..', '..', '..')
// The drawing is rendered by rsvg-convert (librsvg), which Windows runners do not have: there the
// regenerated icons are skipped (and counted as skipped) and only the committed ones are checked.
const renders = process.platform !== 'win32'
const skipUnlessRendered = (ctx: { skip: () => void }): void => {
  if (!renders) ctx.skip()
}
let fresh: string
beforeAll(() => {
  fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-icons-'))
  if (renders) execFileSync(process.execPath, [path.join(repo, 'scripts', 'make-icons.mjs'), '--out', fresh])
}, 60_000)
afterAll(() => fs.rmSync(fresh, { recursive: true, force: true }))

const pngSize = (png: Buffer): [number, number] => {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  return [png.readUInt32BE(16), png.readUInt32BE(20)]
}

/** Each .ico entry as RGBA pixels, whichever way it is stored. */
function icoImages(ico: Buffer): { size: number; png: boolean; pixels: Buffer }[] {
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const e = 6 + 16 * i
    const size = ico[e] || 256
    const data = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8))
    if (data[0] === 0x89) return { size, png: true, pixels: decodePng(data).pixels }
    expect([data.readUInt32LE(0), data.readInt32LE(4), data.readInt32LE(8), data.readUInt16LE(14)]).toEqual([
      40,
      size,
      size * 2,
      32,
    ])
    const pixels = Buffer.alloc(size * size * 4)
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const from = 40 + ((size - 1 - y) * size + x) * 4
        const to = (y * size + x) * 4
        pixels[to] = data[from + 2] as number
        pixels[to + 1] = data[from + 1] as number
        pixels[to + 2] = data[from] as number
        pixels[to + 3] = data[from + 3] as number
      }
    }
    expect(data.length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size)
    return { size, png: false, pixels }
  })
}

function icnsEntries(icns: Buffer): Map<string, Buffer> {
  expect(icns.toString('latin1', 0, 4)).toBe('icns')
  expect(icns.readUInt32BE(4)).toBe(icns.length)
  const entries = new Map<string, Buffer>()
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
    entries.set(icns.toString('latin1', at, at + 4), icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)))
  return entries
}

const meanDifference = (a: Buffer, b: Buffer): number => {
  expect(a.length).toBe(b.length)
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] as number) - (b[i] as number))
  return sum / a.length
}

describe.each([
  ['committed', () => path.join(repo, 'build')],
  ['regenerated', () => fresh],
])('%s icons', (name, dir) => {
  beforeEach((ctx) => {
    if (name === 'regenerated') skipUnlessRendered(ctx)
  })
  it('Windows .ico: 16 to 48 px as bitmaps, 64 to 256 px as PNG', () => {
    const images = icoImages(fs.readFileSync(path.join(dir(), 'icon.ico')))
    expect(images.map((i) => i.size)).toEqual(ICO_SIZES)
    expect(images.map((i) => i.png)).toEqual(ICO_SIZES.map((s) => s > 48))
  })
  it('macOS .icns: every PNG entry at its size', () => {
    const entries = icnsEntries(fs.readFileSync(path.join(dir(), 'icon.icns')))
    expect([...entries.keys()]).toEqual(Object.keys(ICNS_TYPES))
    for (const [type, png] of entries) expect(pngSize(png), type).toEqual([ICNS_TYPES[type], ICNS_TYPES[type]])
  })
  it('Linux: one PNG per size in icons/, and a large icon.png', () => {
    for (const s of LINUX_SIZES)
      expect(pngSize(fs.readFileSync(path.join(dir(), 'icons', `${s}x${s}.png`)))).toEqual([s, s])
    expect(pngSize(fs.readFileSync(path.join(dir(), 'icon.png')))).toEqual([1024, 1024])
  })
})

describe('the icons are the drawing in assets/icons/app.svg', () => {
  beforeEach(skipUnlessRendered)
  it('each committed icon matches a fresh rendering, and the .ico bitmaps hold the same pixels as the PNGs', () => {
    for (const f of ['icon.png', ...LINUX_SIZES.map((s) => `icons/${s}x${s}.png`)]) {
      const diff = meanDifference(
        decodePng(fs.readFileSync(path.join(repo, 'build', f))).pixels,
        decodePng(fs.readFileSync(path.join(fresh, f))).pixels,
      )
      expect(diff, f).toBeLessThan(1)
    }
    const ico = icoImages(fs.readFileSync(path.join(fresh, 'icon.ico')))
    for (const s of [16, 32, 48]) {
      expect(
        ico
          .find((i) => i.size === s)
          ?.pixels.equals(decodePng(fs.readFileSync(path.join(fresh, 'icons', `${s}x${s}.png`))).pixels),
        `${s}`,
      ).toBe(true)
    }
  })
})
