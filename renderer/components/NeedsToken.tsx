/** Browser mode opened without its access token: say how to get in, and show nothing else. */
export function NeedsToken() {
  return (
    <div className="needs-token" role="alert">
      <h1>Linkscope needs its full address</h1>
      <p>
        Open the address that <code>linkscope serve</code> printed when it started: it carries a one-time access token,
        and without it this page may not read any folder. If you no longer have it, start
        <code> linkscope serve</code> again.
      </p>
    </div>
  )
}
