/** Browser mode's CSP: the desktop one, plus the WebSocket back to this very server. */
import { contentSecurityPolicy } from '../../shared/csp'

export const cspFor = (port: number): string =>
  contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`])
