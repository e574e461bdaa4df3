/**
 * Bounds-checked little-endian reads over a Buffer. Reparse data and Win32 structs come from disk or
 * from the OS; a short or lying buffer must become a LinkError naming what was wrong, never a
 * RangeError or a read past the end.
 */
import { LinkError } from '../../../../../shared/errors'

export function malformed(what: string, detail: string, path?: string): LinkError {
  const where = path === undefined ? '' : ` at ${path}`
  return new LinkError('INVALID_ARGUMENT', `The ${what}${where} is malformed: ${detail}.`, path)
}

export class BoundedReader {
  constructor(
    readonly buf: Buffer,
    /** what is being decoded, for messages ("reparse data", "file information") */
    readonly what: string,
    readonly path?: string,
  ) {}

  get length(): number {
    return this.buf.length
  }

  fail(detail: string): LinkError {
    return malformed(this.what, detail, this.path)
  }

  /** Throws unless [offset, offset+size) lies inside the buffer. */
  need(offset: number, size: number, field: string): void {
    if (
      !Number.isInteger(offset) ||
      !Number.isInteger(size) ||
      offset < 0 ||
      size < 0 ||
      offset + size > this.buf.length
    ) {
      throw this.fail(
        `${field} (bytes ${offset}..${offset + size}) lies past the end of the ${this.buf.length}-byte buffer`,
      )
    }
  }

  u16(offset: number, field: string): number {
    this.need(offset, 2, field)
    return this.buf.readUInt16LE(offset)
  }

  u32(offset: number, field: string): number {
    this.need(offset, 4, field)
    return this.buf.readUInt32LE(offset)
  }

  u64(offset: number, field: string): bigint {
    this.need(offset, 8, field)
    return this.buf.readBigUInt64LE(offset)
  }

  /** UTF-16LE text of exactly `byteLength` bytes; odd lengths are rejected, not rounded. */
  utf16(offset: number, byteLength: number, field: string): string {
    if (byteLength % 2 !== 0) throw this.fail(`${field} has an odd byte length (${byteLength}) for UTF-16 text`)
    this.need(offset, byteLength, field)
    return this.buf.toString('utf16le', offset, offset + byteLength)
  }

  utf8(offset: number, byteLength: number, field: string): string {
    this.need(offset, byteLength, field)
    return this.buf.toString('utf8', offset, offset + byteLength)
  }

  /** A NUL-terminated UTF-16LE string inside a fixed-size field (WIN32_FIND_DATAW names). */
  utf16z(offset: number, maxBytes: number, field: string): string {
    this.need(offset, maxBytes, field)
    for (let i = offset; i + 1 < offset + maxBytes; i += 2) {
      if (this.buf[i] === 0 && this.buf[i + 1] === 0) return this.buf.toString('utf16le', offset, i)
    }
    throw this.fail(`${field} has no terminating NUL within ${maxBytes} bytes`)
  }
}
