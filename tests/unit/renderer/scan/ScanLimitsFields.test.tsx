// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { scanLimits } from '../../../../renderer/stores/slices/scan-limits'
import { until } from '../../../fakes/fake-api'
import { SUMMARY } from '../../../fakes/scan-fake'
import { renderScan } from './render-scan'

afterEach(cleanup)

const field = (name: string): HTMLInputElement =>
  screen.getByRole(name === 'Depth' ? 'spinbutton' : 'textbox', { name }) as HTMLInputElement

describe('the scan header’s Exclude and Depth fields', () => {
  it('send their globs and depth with the next scan; empty, nothing is left out', async () => {
    const { s, runs } = renderScan()
    act(() => s().startScan('/root'))
    expect(runs[0]!.options).not.toHaveProperty('exclude')
    expect(runs[0]!.options).not.toHaveProperty('maxDepth')
    await act(async () => {
      runs[0]!.finish({ ok: true, value: SUMMARY })
      await until(() => expect(s().scanStatus).toBe('done'))
    })
    act(() => fireEvent.change(field('Exclude'), { target: { value: ' node_modules, *.tmp,, build/cache ,' } }))
    act(() => fireEvent.change(field('Depth'), { target: { value: '3' } }))
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Scan again' }))
      await until(() => expect(runs).toHaveLength(2))
    })
    expect(runs[1]!.options).toMatchObject({ exclude: ['node_modules', '*.tmp', 'build/cache'], maxDepth: 3 })
    expect(field('Exclude').disabled).toBe(true) // not while a scan runs
  })

  it('a depth under 1 is refused with a clear message, and no scan starts', async () => {
    const { s, runs } = renderScan()
    act(() => s().setScanLimits({ scanMaxDepth: '0' }))
    await act(async () => {
      s().startScan('/root')
      await until(() => expect(s().scanStatus).toBe('failed'))
    })
    expect(runs).toHaveLength(0)
    expect(s().scanStatus).toBe('failed')
    expect(s().scanError?.code).toBe('INVALID_ARGUMENT')
    expect(document.body.textContent).toContain('The depth must be a whole number')
  })

  it.each([
    ['', '', { ok: true, value: {} }],
    ['a,b', '2', { ok: true, value: { exclude: ['a', 'b'], maxDepth: 2 } }],
    ['', '-1', { ok: false }],
    ['', '1.5', { ok: false }],
    ['', 'x', { ok: false }],
  ])('scanLimits(%j, %j)', (exclude, depth, expected) => {
    expect(scanLimits(exclude, depth)).toMatchObject(expected)
  })
})
