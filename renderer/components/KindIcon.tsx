/** One small inline icon per way an entry behaves (inline SVG: no files to load, CSP-clean). */
import type { IconKind } from '../lib/format'

const FILE = 'M4 1.5h5.5L13 5v9.5H4z'
const FOLD = 'M4 5V1.5h5.5L13 5H9.5V1.5'
const FOLDER = 'M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z'
const ARROW = 'M6.5 13.5v-2.5a2.5 2.5 0 0 1 2.5-2.5h3M10.5 6.5l2 2-2 2'

function Shape({ kind }: { kind: IconKind }) {
  switch (kind) {
    case 'file':
      return (
        <>
          <path d={FILE} />
          <path d={FOLD} />
        </>
      )
    case 'dir':
      return <path d={FOLDER} className="fill" />
    case 'hardlink':
      return (
        <>
          <path d="M5.5 1.5H11L14 4.5V12.5H5.5z" />
          <path d="M2 3.5h2v11h7.5" />
          <path d="M11 1.5v3h3" />
        </>
      )
    case 'symlink-file':
      return (
        <>
          <path d={FILE} />
          <path d={FOLD} />
          <path className="badge" d="M2 15.5h6.5v-6.5H2z" />
          <path className="arrow" d="M3.5 14l3.5-3.5M4.5 10.5h2.5v2.5" />
        </>
      )
    case 'symlink-dir':
      return (
        <>
          <path d={FOLDER} className="fill" />
          <path className="arrow" d={ARROW} />
        </>
      )
    case 'junction':
      return (
        <>
          <path d={FOLDER} className="fill" />
          <path className="arrow" d="M4.5 10.5h4M7 8l2.5 2.5L7 13M11 7.5v6" />
        </>
      )
    case 'broken':
      return (
        <>
          <path d={FILE} strokeDasharray="2 1.5" />
          <path className="cross" d="M6 7.5l4.5 4.5M10.5 7.5L6 12" />
        </>
      )
    case 'special':
      return (
        <>
          <circle cx="8" cy="8" r="5.5" />
          <path d="M8 5v3.5M8 10.5v.5" />
        </>
      )
    case 'other-reparse':
      return (
        <>
          <path d={FILE} />
          <path d={FOLD} />
          <path d="M6 9.5h5M6 11.5h3" />
        </>
      )
  }
}

export function KindIcon({ kind, title }: { kind: IconKind; title?: string }) {
  return (
    <svg
      className={`kind-icon kind-${kind}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
    >
      {title ? <title>{title}</title> : null}
      <Shape kind={kind} />
    </svg>
  )
}
