// @vitest-environment jsdom
import { act, render } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { BUSY_AFTER_MS, useDelayed } from '../../../../renderer/components/useDelayed'
import { planRemovals } from '../../../../renderer/features/ops/remove-plan'
import { entry } from '../../../fakes/fake-api'

describe('what removing a selection will do, said before the click', () => {
  it('refuses the last name of a file when all its names are selected, and counts the names left for the others', () => {
    const a = entry('/r/a.txt', { links: 2, id: '1:7' })
    const b = entry('/r/b.txt', { links: 2, id: '1:7' })
    const plan = planRemovals([a, b])
    expect(plan.map((l) => l.refused)).toEqual([false, true])
    expect(plan[0]!.text).toBe('Removes the name “a.txt”. The data stays: the file keeps 1 other name.')
    expect(plan[1]!.text).toContain('would be the last name of its file')
    expect(plan[1]!.text).toContain('delete the data')
  })

  it('counts down the names of a three-name file; other files and links are not affected', () => {
    const names = ['x', 'y', 'z'].map((n) => entry(`/r/${n}`, { links: 3, id: '1:9' }))
    const other = entry('/r/other', { links: 3, id: '1:10' })
    const link = entry('/r/sym', { kind: 'symlink', target: 'x' })
    const plan = planRemovals([names[0]!, link, names[1]!, other, names[2]!])
    expect(plan.map((l) => [l.e.name, l.refused])).toEqual([
      ['x', false],
      ['sym', false],
      ['y', false],
      ['other', false],
      ['z', true],
    ])
    expect(plan[0]!.text).toContain('keeps 2 other names')
    expect(plan[2]!.text).toContain('keeps 1 other name.')
    expect(plan[3]!.text).toContain('keeps 2 other names')
  })

  it('a file with one name and a folder are refused as before; names of files without an id are counted alone', () => {
    const plan = planRemovals([
      entry('/r/only'),
      entry('/r/d', { kind: 'dir' }),
      entry('/r/n1', { links: 2, id: '' }),
      entry('/r/n2', { links: 2, id: '' }),
    ])
    expect(plan.map((l) => l.refused)).toEqual([true, true, false, false])
    expect(plan[0]!.text).toContain('is the only name of its file')
  })
})

function Probe({ on }: { on: boolean }) {
  return <span data-testid="probe">{useDelayed(on) ? 'busy' : 'quiet'}</span>
}

describe('busy sign after a moment', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows only once the work has run longer than the delay, and goes with the work', () => {
    const view = render(<Probe on={false} />)
    const text = () => view.getByTestId('probe').textContent
    view.rerender(<Probe on />)
    expect(text()).toBe('quiet')
    act(() => {
      vi.advanceTimersByTime(BUSY_AFTER_MS - 1)
    })
    expect(text()).toBe('quiet')
    act(() => {
      vi.advanceTimersByTime(1)
    })
    expect(text()).toBe('busy')
    view.rerender(<Probe on={false} />)
    expect(text()).toBe('quiet')
    // quick work never shows it
    view.rerender(<Probe on />)
    act(() => {
      vi.advanceTimersByTime(BUSY_AFTER_MS / 2)
    })
    view.rerender(<Probe on={false} />)
    act(() => {
      vi.advanceTimersByTime(BUSY_AFTER_MS * 2)
    })
    expect(text()).toBe('quiet')
  })
})
