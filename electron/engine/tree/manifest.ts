/**
 * The link manifest: every symbolic link and hard-link group under a root, with paths relative to it, as
 * versioned JSON (docs/manifest.md describes the format). Written by `linkscope manifest`, read back by
 * `linkscope restore-links`, which treats it as untrusted input: every field is checked before use.
 */
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { absOf, listTree, type TreeEntry } from './list-tree'
import { fileHash } from './same-bytes'
import { checkedRel, relUnderAny, rootForms } from './tree-paths'

export const MANIFEST_FORMAT = 'linkscope-links'
export const MANIFEST_VERSION = 1

export type ManifestLink = {
  path: string
  kind: 'symlink' | 'junction'
  /** the link text exactly as stored */
  target: string
  /** for an absolute target inside the root: where, relative to it (a restore elsewhere points there) */
  within?: string
}

export type ManifestGroup = {
  /** the names of one file under the root, two or more */
  paths: string[]
  /** its link count when recorded: more than paths.length means names outside the root */
  links: number
  size: number
  sha256: string
}

export type Manifest = {
  format: typeof MANIFEST_FORMAT
  version: typeof MANIFEST_VERSION
  /** where it was recorded (information only: a restore acts on the root it is given) */
  root: string
  created: string
  links: ManifestLink[]
  groups: ManifestGroup[]
}

/** What a manifest leaves out, told beside it. */
export type ManifestExtras = { singleNameGroups: number; unreadable: number }

export async function buildManifest(
  rootIn: string,
  signal?: AbortSignal,
): Promise<{ manifest: Manifest; extras: ManifestExtras }> {
  const root = path.resolve(rootIn)
  const tree = await listTree(root, { signal })
  const roots = rootForms(root)
  const links: ManifestLink[] = []
  const byId = new Map<string, TreeEntry[]>()
  for (const e of tree.entries) {
    if (e.kind === 'symlink') {
      const target = e.target as string
      const within = path.isAbsolute(target) ? relUnderAny(roots, target) : null
      links.push(
        within === null ? { path: e.rel, kind: 'symlink', target } : { path: e.rel, kind: 'symlink', target, within },
      )
    } else if (e.kind === 'file' && e.links > 1) {
      const g = byId.get(e.id)
      if (g) g.push(e)
      else byId.set(e.id, [e])
    }
  }
  const groups: ManifestGroup[] = []
  let singleNameGroups = 0
  for (const names of byId.values()) {
    const first = names[0] as TreeEntry
    if (names.length < 2) {
      singleNameGroups++
      continue
    }
    groups.push({
      paths: names.map((n) => n.rel),
      links: first.links,
      size: first.size,
      sha256: fileHash(absOf(root, first.rel)),
    })
  }
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    root,
    created: new Date().toISOString(),
    links,
    groups,
  }
  return { manifest, extras: { singleNameGroups, unreadable: tree.problems.length } }
}

const bad = (what: string): LinkError =>
  new LinkError('INVALID_ARGUMENT', `This is not a usable link manifest: ${what}.`)
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parse and check a manifest's text; anything malformed is INVALID_ARGUMENT, naming what is wrong. */
export function parseManifest(text: string): Manifest {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch (e) {
    throw bad(`it is not JSON (${e instanceof Error ? e.message : String(e)})`)
  }
  if (!isObject(v) || v.format !== MANIFEST_FORMAT) throw bad(`"format" is not "${MANIFEST_FORMAT}"`)
  if (typeof v.version !== 'number' || !Number.isInteger(v.version)) throw bad('"version" is not a whole number')
  if (v.version > MANIFEST_VERSION)
    throw bad(`it is version ${v.version}, written by a newer Linkscope; this one reads version ${MANIFEST_VERSION}`)
  if (v.version < 1) throw bad(`version ${v.version} does not exist`)
  if (typeof v.root !== 'string' || typeof v.created !== 'string') throw bad('"root" and "created" must be strings')
  if (!Array.isArray(v.links) || !Array.isArray(v.groups)) throw bad('"links" and "groups" must be arrays')
  const seen = new Set<string>()
  const once = (p: string): string => {
    if (seen.has(p)) throw bad(`${JSON.stringify(p)} appears twice`)
    seen.add(p)
    return p
  }
  const links = v.links.map((l, i): ManifestLink => {
    if (
      !isObject(l) ||
      (l.kind !== 'symlink' && l.kind !== 'junction') ||
      typeof l.target !== 'string' ||
      l.target === '' ||
      l.target.includes('\0')
    ) {
      throw bad(`links[${i}] needs "kind" (symlink or junction), "path" and a non-empty "target"`)
    }
    const link: ManifestLink = { path: once(checkedRel(l.path, `links[${i}].path`)), kind: l.kind, target: l.target }
    if (l.within !== undefined) link.within = l.within === '' ? '' : checkedRel(l.within, `links[${i}].within`)
    return link
  })
  const groups = v.groups.map((g, i): ManifestGroup => {
    if (!isObject(g) || !Array.isArray(g.paths) || g.paths.length < 2)
      throw bad(`groups[${i}] needs "paths" with two names or more`)
    if (typeof g.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(g.sha256))
      throw bad(`groups[${i}].sha256 is not a sha256 in hex`)
    if (
      !Number.isSafeInteger(g.size) ||
      (g.size as number) < 0 ||
      !Number.isSafeInteger(g.links) ||
      (g.links as number) < 1
    )
      throw bad(`groups[${i}] needs whole numbers "size" and "links"`)
    return {
      paths: g.paths.map((p, j) => once(checkedRel(p, `groups[${i}].paths[${j}]`))),
      links: g.links as number,
      size: g.size as number,
      sha256: g.sha256,
    }
  })
  return { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, root: v.root, created: v.created, links, groups }
}
