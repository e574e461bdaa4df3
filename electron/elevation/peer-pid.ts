/**
 * The process id at the other end of a Unix socket (Linux). Node exposes no SO_PEERCRED, so ask the
 * kernel's socket diagnostics through `ss`: our accepted socket's inode names its peer's inode, and the
 * peer's line names the process holding it. Returns null where that cannot be learned.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import type { Socket } from 'node:net'

const socketInode = (fd: number): string | null => /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`))?.[1] ?? null

export function peerPid(socket: Socket): number | null {
  if (process.platform !== 'linux') return null
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd
  if (typeof fd !== 'number' || fd < 0) return null
  const mine = socketInode(fd)
  if (!mine) return null
  let table: string
  try {
    table = execFileSync('ss', ['-xpnH'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 })
  } catch {
    return null
  }
  // Each line: Netid State Recv-Q Send-Q LocalAddr LocalInode PeerAddr PeerInode users:(("name",pid=N,fd=M))
  const rows = table.split('\n').map((l) => l.trim().split(/\s+/))
  const peerInode = rows.find((f) => f[5] === mine)?.[7]
  const peerRow = rows.find((f) => f[5] === peerInode && peerInode !== undefined)
  const pid = peerRow ? /pid=(\d+)/.exec(peerRow.slice(8).join(' '))?.[1] : undefined
  return pid ? Number(pid) : null
}
