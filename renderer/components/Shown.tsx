/**
 * A name, path or message as people read it. Control characters, text-reordering marks and bytes that are
 * not UTF-8 (shared/names.ts) cannot be shown as themselves without hiding or faking text, so each is
 * drawn as its escape (\n, \x1B, \u202E, \xFF) in a marked style, and the whole text says why on hover.
 */
import { Fragment } from 'react'

import { hasRawBytes, needsEscapes, visibleName } from '../../shared/names'

/** Why the text shows escapes, for its tooltip. */
export function escapesNote(text: string): string {
  return hasRawBytes(text)
    ? 'This name is not valid UTF-8: each \\xHH stands for one byte of it, exactly as stored on disk.'
    : 'This name holds control or text-direction characters; each is shown as its escape (\\n is a new line).'
}

/**
 * `path`: the text may wrap after each separator (a <wbr>), so a long path in a narrow panel breaks
 * between folder names, not inside one ("…/real/p" + "roj/…"); a name longer than a line still breaks.
 */
export function Shown({ text, path }: { text: string; path?: boolean }) {
  const plain = path ? breakAfterSeparators : (t: string): React.ReactNode => t
  if (!needsEscapes(text)) return <>{plain(text)}</>
  // Split character by character, so a literal backslash in a name is never mistaken for an escape.
  const parts = splitEscapes(text)
  return (
    <span className="shown-escapes" title={`${visibleName(text)}\n${escapesNote(text)}`}>
      {parts.map((p, i) =>
        p.escaped ? (
          <span key={i} className="esc">
            {p.text}
          </span>
        ) : (
          <Fragment key={i}>{plain(p.text)}</Fragment>
        ),
      )}
    </span>
  )
}

/** The visible text in runs: plain characters, and the escapes that stand for other ones. */
export function splitEscapes(text: string): { text: string; escaped: boolean }[] {
  const runs: { text: string; escaped: boolean }[] = []
  let plain = ''
  for (const ch of text) {
    const shown = visibleName(ch)
    if (shown === ch) {
      plain += ch
      continue
    }
    if (plain) {
      runs.push({ text: plain, escaped: false })
      plain = ''
    }
    const last = runs[runs.length - 1]
    if (last?.escaped) last.text += shown
    else runs.push({ text: shown, escaped: true })
  }
  if (plain) runs.push({ text: plain, escaped: false })
  return runs
}

/** Names longer than this may wrap inside themselves, so they never run past a narrow panel. */
const LONG_PART = 32

/**
 * The text with a line-break opportunity after every / and \ (the path separators). Each name is kept on
 * one line (white-space: nowrap), so a name that fits moves down whole (a hyphen inside it is no place to
 * break); a longer name stays free to wrap inside itself. The parts are inline, not inline blocks: an
 * inline block is a separate object to screen readers, which then read a space at each separator.
 */
export function breakAfterSeparators(text: string): React.ReactNode {
  const parts = text.split(/(?<=[\\/])/)
  if (parts.length < 2) return text
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part.length > LONG_PART ? part : <span className="path-part">{part}</span>}
      {i < parts.length - 1 ? <wbr /> : null}
    </Fragment>
  ))
}
