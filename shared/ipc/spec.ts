/** The two shapes of a channel, as the contract declares them: a call (one Result) or a stream (items, then one Result). */
import { type Validator } from './validate'

type Validators<A extends unknown[]> = { [K in keyof A]: Validator<A[K]> }

export type CallSpec<A extends unknown[], R> = {
  readonly kind: 'call'
  readonly channel: string
  readonly args: Validators<A>
  readonly _r?: R
}
export type StreamSpec<A extends unknown[], Item, R> = {
  readonly kind: 'stream'
  readonly channel: string
  readonly args: Validators<A>
  /** a subscription: it runs until cancelled or the connection ends, never by itself */
  readonly endless?: true
  readonly _i?: Item
  readonly _r?: R
}
export type AnySpec = CallSpec<any[], unknown> | StreamSpec<any[], unknown, unknown> // eslint-disable-line @typescript-eslint/no-explicit-any

export const call = <A extends unknown[], R>(channel: string, ...args: Validators<A>): CallSpec<A, R> => ({
  kind: 'call',
  channel,
  args,
})
export const stream = <A extends unknown[], Item, R>(
  channel: string,
  ...args: Validators<A>
): StreamSpec<A, Item, R> => ({
  kind: 'stream',
  channel,
  args,
})
export const subscription = <A extends unknown[], Item>(
  channel: string,
  ...args: Validators<A>
): StreamSpec<A, Item, null> => ({
  ...stream<A, Item, null>(channel, ...args),
  endless: true,
})
