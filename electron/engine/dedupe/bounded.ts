/** Work spread over devices: at most `perDevice` at once on each, so one slow disk never holds the others back. */
export async function forEachPerDevice<T>(
  items: readonly T[],
  devOf: (item: T) => number,
  perDevice: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const queues = new Map<number, T[]>()
  for (const it of items) {
    const q = queues.get(devOf(it))
    if (q) q.push(it)
    else queues.set(devOf(it), [it])
  }
  const lanes: Promise<void>[] = []
  for (const q of queues.values()) {
    let next = 0
    const lane = async (): Promise<void> => {
      while (next < q.length) await fn(q[next++] as T)
    }
    for (let i = 0; i < Math.min(perDevice, q.length); i++) lanes.push(lane())
  }
  await Promise.all(lanes)
}

/** `items` cut in order into runs of at most `maxItems` items and `maxWeight` in weight (at least one item a run). */
export function runsOf<T>(
  items: Iterable<T>,
  weightOf: (item: T) => number,
  maxWeight: number,
  maxItems = Infinity,
): T[][] {
  const runs: T[][] = []
  let run: T[] = []
  let weight = 0
  for (const it of items) {
    const w = weightOf(it)
    if (run.length > 0 && (run.length >= maxItems || weight + w > maxWeight)) {
      runs.push(run)
      run = []
      weight = 0
    }
    run.push(it)
    weight += w
  }
  if (run.length > 0) runs.push(run)
  return runs
}
