/**
 * Layout the user chose (column widths, the details panel) kept in the page's localStorage. A page
 * without storage, or with a full one, keeps the layout for this run only.
 */
export type Store = Pick<Storage, 'getItem' | 'setItem'>

const PREFIX = 'linkscope.'

export function pageStorage(): Store | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

/** The stored value, parsed (null when absent or unreadable); callers check its shape. */
export function readStored(store: Store | undefined, key: string): unknown {
  try {
    return JSON.parse(store?.getItem(PREFIX + key) ?? 'null')
  } catch {
    return null
  }
}

export function writeStored(store: Store | undefined, key: string, value: unknown): void {
  try {
    store?.setItem(PREFIX + key, JSON.stringify(value))
  } catch {
    /* the layout lasts this run */
  }
}
