// The app's icons for every package, from one drawing (assets/icons/app.svg): rsvg-convert (Debian's
// librsvg2-bin, installed by scripts/install-system-deps.sh) renders each size; the Windows .ico and the
// macOS .icns are assembled here. Writes build/icon.png, build/icons/NxN.png (Linux), build/icon.ico,
// build/icon.icns. `node scripts/make-icons.mjs [--out DIR]`; the results are committed.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { inflateSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const svg = path.join(root, 'assets', 'icons', 'app.svg')
const outAt = process.argv.indexOf('--out')
const out = outAt > 0 ? path.resolve(process.argv[outAt + 1]) : path.join(root, 'build')

const render = (size) =>
  execFileSync('rsvg-convert', ['--width', String(size), '--height', String(size), '--format', 'png', svg])

/** RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what rsvg-convert writes). */
export function decodePng(png) {
  const width = png.readUInt32BE(16)
  const height = png.readUInt32BE(20)
  if (png[24] !== 8 || png[25] !== 6 || png[28] !== 0) throw new Error('expected an 8-bit RGBA non-interlaced PNG')
  const idat = []
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at)
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len))
    at += 12 + len
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * 4
  const pixels = Buffer.alloc(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? pixels[y * stride + x - 4] : 0
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0
      const p = a + b - c
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`)
      pixels[y * stride + x] = (line[x] + predictor) & 0xff
    }
  }
  return { width, height, pixels }
}

/** A 32-bit BMP entry for an .ico: bottom-up BGRA, then the (unused, all-visible) AND mask. */
function icoBitmap(png) {
  const { width, height, pixels } = decodePng(png)
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(width, 4)
  header.writeInt32LE(height * 2, 8)
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  const bgra = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4
      const to = ((height - 1 - y) * width + x) * 4
      bgra[to] = pixels[from + 2]
      bgra[to + 1] = pixels[from + 1]
      bgra[to + 2] = pixels[from]
      bgra[to + 3] = pixels[from + 3]
    }
  }
  const maskRow = Math.ceil(width / 32) * 4
  return Buffer.concat([header, bgra, Buffer.alloc(maskRow * height)])
}

/** Windows: bitmaps up to 48 px (every Windows and NSIS reads those), PNG from 64 px up. */
function ico(sizes) {
  const images = sizes.map((s) => (s <= 48 ? icoBitmap(render(s)) : render(s)))
  const dir = Buffer.alloc(6 + 16 * sizes.length)
  dir.writeUInt16LE(1, 2)
  dir.writeUInt16LE(sizes.length, 4)
  let offset = dir.length
  sizes.forEach((s, i) => {
    const e = 6 + 16 * i
    dir[e] = s >= 256 ? 0 : s
    dir[e + 1] = s >= 256 ? 0 : s
    dir.writeUInt16LE(1, e + 4)
    dir.writeUInt16LE(32, e + 6)
    dir.writeUInt32LE(images[i].length, e + 8)
    dir.writeUInt32LE(offset, e + 12)
    offset += images[i].length
  })
  return Buffer.concat([dir, ...images])
}

/** macOS: PNG-coded entries, each type with its pixel size. */
export const ICNS_TYPES = {
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
  ic11: 32,
  ic12: 64,
  ic13: 256,
  ic14: 512,
}
function icns() {
  const entries = Object.entries(ICNS_TYPES).map(([type, size]) => {
    const png = render(size)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4)
  return Buffer.concat([head, ...entries])
}

export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(path.join(out, 'icons'), { recursive: true })
  writeFileSync(path.join(out, 'icon.png'), render(1024))
  for (const s of LINUX_SIZES) writeFileSync(path.join(out, 'icons', `${s}x${s}.png`), render(s))
  writeFileSync(path.join(out, 'icon.ico'), ico(ICO_SIZES))
  writeFileSync(path.join(out, 'icon.icns'), icns())
  console.log(`icons written to ${path.relative(root, out) || '.'}`)
}
