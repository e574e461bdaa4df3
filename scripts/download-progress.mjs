// Loaded with `node --import` into Electron's install script: @electron/get downloads with the global
// fetch and only draws a bar after half a minute on a terminal, so a slow ~100 MB download looked like a
// hang. This counts the zip's bytes and prints how far it is.
const realFetch = globalThis.fetch
const MB = 1024 * 1024

globalThis.fetch = async (input, init) => {
  const response = await realFetch(input, init)
  const url = String(input instanceof Request ? input.url : input)
  if (!/\.zip$/i.test(new URL(url).pathname) || !response.ok || !response.body) return response
  const total = Number(response.headers.get('content-length')) || 0
  const name = url.slice(url.lastIndexOf('/') + 1)
  const tty = process.stdout.isTTY
  let received = 0
  let shown = -1
  const show = (done) => {
    const percent = total ? Math.floor((received / total) * 100) : 0
    const step = tty ? percent : Math.floor(percent / 10) * 10 // a log gets a line per tenth, a terminal one line
    if (!done && step === shown) return
    shown = step
    const text = `Downloading ${name}: ${total ? `${percent}% (${(received / MB).toFixed(1)} of ${(total / MB).toFixed(1)} MB)` : `${(received / MB).toFixed(1)} MB`}`
    process.stdout.write(tty ? `\r${text}${done ? '\n' : ''}` : `${text}\n`)
  }
  const counted = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        received += chunk.byteLength
        show(false)
        controller.enqueue(chunk)
      },
      flush() {
        if (tty || shown !== 100) show(true)
      },
    }),
  )
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers })
}
