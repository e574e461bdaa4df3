import { describe, expect, it } from 'vitest'

import { collapseCrumbs, estimateCrumbWidth, FOLD_WIDTH } from '../../../../renderer/lib/crumb-collapse'
import { crumbsOf } from '../../../../renderer/lib/paths'

const labels = (cs: { label: string }[]) => cs.map((c) => c.label)
/** Every crumb 100 px wide: easy sums. */
const fixed = () => 100

describe('breadcrumb collapse', () => {
  const deep = crumbsOf('/tmp/proj/node_modules/.pnpm/express@4.22.3/node_modules/express/lib', '/')

  it('shows every folder when they fit', () => {
    const c = collapseCrumbs(deep, 5000, fixed)
    expect(labels(c.head)).toEqual(labels(deep))
    expect(c.folded).toEqual([])
  })

  it('keeps the root and as many of the last folders as fit; the middle folds, nearest the root first', () => {
    const c = collapseCrumbs(deep, 100 + FOLD_WIDTH + 300, fixed)
    expect(labels(c.head)).toEqual(['/'])
    expect(labels(c.folded)).toEqual(['tmp', 'proj', 'node_modules', '.pnpm', 'express@4.22.3'])
    expect(labels(c.tail)).toEqual(['node_modules', 'express', 'lib'])
    // every folder is still reachable, in order
    expect([...c.head, ...c.folded, ...c.tail]).toEqual(deep)
  })

  it('keeps the current folder even when nothing else fits', () => {
    const c = collapseCrumbs(deep, 10, fixed)
    expect(labels(c.tail)).toEqual(['lib'])
    expect(c.folded).toHaveLength(deep.length - 2)
  })

  it('never folds a path of two crumbs', () => {
    const short = crumbsOf('/home', '/')
    expect(collapseCrumbs(short, 10, fixed)).toEqual({ head: short, folded: [], tail: [] })
  })

  it('works on Windows paths with their drive root', () => {
    const win = crumbsOf('C:\\Users\\ana\\AppData\\Local\\pnpm\\store\\v3', '\\')
    const c = collapseCrumbs(win, 100 + FOLD_WIDTH + 200, fixed)
    expect(labels(c.head)).toEqual(['C:\\'])
    expect(labels(c.tail)).toEqual(['store', 'v3'])
  })

  it('estimates longer names wider, up to the crumb cap', () => {
    expect(estimateCrumbWidth({ label: 'a', path: '/a' })).toBeLessThan(
      estimateCrumbWidth({ label: 'express@4.22.3', path: '/x' }),
    )
    expect(estimateCrumbWidth({ label: 'x'.repeat(500), path: '/x' })).toBe(250)
  })
})
