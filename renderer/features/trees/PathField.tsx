/**
 * A folder field of the Compare view: an input that, while it is not being edited and its path is wider
 * than the box, shows the path cut in the middle (start and folder name kept) over the input's own text,
 * instead of the start alone. The input keeps the whole path as its value (for screen readers and edits);
 * the short form is drawn over it, hidden from assistive tech, and lets clicks through to the input.
 */
import { useLayoutEffect, useRef, useState } from 'react'

import { middleEllipsis } from './middle-ellipsis'

type Props = {
  label: string
  value: string
  onChange(value: string): void
  disabled?: boolean
  autoFocus?: boolean
  placeholder?: string
}

/** How many characters of the input's (monospace) font fit in its text box. */
function columnsOf(el: HTMLInputElement): number {
  const style = getComputedStyle(el)
  const ctx = document.createElement('canvas').getContext('2d')
  if (!ctx) return Infinity
  ctx.font = style.font
  const charWidth = ctx.measureText('0').width
  const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
  return charWidth > 0 ? Math.max(1, Math.floor(room / charWidth)) : Infinity
}

export function PathField({ label, value, onChange, disabled, autoFocus, placeholder }: Props) {
  const ref = useRef<HTMLInputElement>(null)
  const [cols, setCols] = useState(Infinity)
  const [editing, setEditing] = useState(false)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = (): void => setCols(columnsOf(el))
    measure()
    const watch = new ResizeObserver(measure)
    watch.observe(el)
    return () => watch.disconnect()
  }, [])
  const short = !editing && value.length > cols ? middleEllipsis(value, cols) : null
  return (
    <span className="path-field">
      <input
        ref={ref}
        className={short === null ? 'mono' : 'mono path-field-covered'}
        aria-label={label}
        title={short === null ? undefined : value}
        spellCheck={false}
        autoFocus={autoFocus}
        placeholder={placeholder}
        value={value}
        disabled={disabled}
        onFocus={() => setEditing(true)}
        onBlur={() => setEditing(false)}
        onChange={(ev) => onChange(ev.target.value)}
      />
      {short !== null && (
        <span className="path-field-short mono" aria-hidden="true" data-testid={`${label} shown`}>
          {short}
        </span>
      )}
    </span>
  )
}
