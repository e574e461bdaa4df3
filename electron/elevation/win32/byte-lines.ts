/**
 * Newline-delimited lines from a byte stream that arrives in arbitrary pieces. The pieces are kept as
 * bytes and split on 0x0A before any decoding: a pipe read may end inside a multi-byte UTF-8
 * character, and decoding each piece on its own would turn both halves into U+FFFD. In UTF-8 the byte
 * 0x0A only ever encodes "\n", so splitting bytes first is exact.
 */
const NEWLINE = 0x0a

export class ByteLines {
  private pieces: Buffer[] = []
  private size = 0

  /** Bytes held that do not yet end in a newline. */
  get pending(): number {
    return this.size
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.pieces.push(chunk)
    this.size += chunk.length
  }

  /** The next complete line (without its newline), decoded as UTF-8; null until one has arrived. */
  next(): string | null {
    let offset = 0
    for (const [i, piece] of this.pieces.entries()) {
      const nl = piece.indexOf(NEWLINE)
      if (nl < 0) {
        offset += piece.length
        continue
      }
      const head = Buffer.concat([...this.pieces.slice(0, i), piece.subarray(0, nl)], offset + nl)
      const rest = piece.subarray(nl + 1)
      this.pieces = rest.length > 0 ? [rest, ...this.pieces.slice(i + 1)] : this.pieces.slice(i + 1)
      this.size -= head.length + 1
      return head.toString('utf8')
    }
    return null
  }

  clear(): void {
    this.pieces = []
    this.size = 0
  }
}
