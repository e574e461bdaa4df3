/**
 * A path shortened to `cols` characters by cutting its middle: the start (the root it lives under) and the
 * end (the folder's own name, what tells two folders apart) stay. Characters are counted as UTF-16 units;
 * a cut never splits a surrogate pair.
 */
export function middleEllipsis(text: string, cols: number): string {
  if (text.length <= cols) return text
  if (cols <= 1) return '…'
  const keep = cols - 1
  // the end matters more: it gets the odd character
  let head = Math.floor(keep / 2)
  let tail = keep - head
  if (isHighSurrogate(text.charCodeAt(head - 1))) head--
  if (isLowSurrogate(text.charCodeAt(text.length - tail))) tail--
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff
