/**
 * linkscope manifest ROOT: the link manifest of ROOT (docs/manifest.md) on stdout, as one JSON document,
 * one entry per line so it diffs well; what it leaves out is said on stderr.
 */
import { resolveAsKernel } from '../../engine/listing/paths'
import { buildManifest, type Manifest } from '../../engine/tree'
import { terminalSafe } from '../format'
import { cancellable, type Command, makeOut, parseArgs, UsageError } from '../io'
import { withBytes } from '../json-line'
import { USAGE } from '../usage'

/**
 * The manifest as JSON text: the header fields, then each link and group on a line of its own. A field
 * holding a name that is not UTF-8 gets a `<field>Base64` sibling with its exact bytes (as --json does).
 */
export function manifestText(m: Manifest): string {
  const { links, groups, ...head } = m
  const list = (xs: Record<string, unknown>[]): string =>
    xs.length === 0 ? '[]' : `[\n${xs.map((x) => `  ${JSON.stringify(withBytes(x))}`).join(',\n')}\n]`
  const headText = Object.entries(withBytes(head))
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(',\n')
  return `{\n${headText},\n"links": ${list(links)},\n"groups": ${list(groups)}\n}\n`
}

export const manifestCommand: Command = {
  usage: USAGE.manifest,
  async run(argv) {
    const { positionals } = parseArgs(argv, {})
    if (positionals.length !== 1) throw new UsageError('manifest takes one folder')
    const root = resolveAsKernel(positionals[0] as string)
    const out = makeOut(false)
    return cancellable(out, async (signal) => {
      const { manifest, extras } = await buildManifest(root, signal)
      out.line(manifestText(manifest).trimEnd())
      out.flush()
      process.stderr.write(
        `linkscope: ${manifest.links.length} symbolic link(s) and ${manifest.groups.length} hard-link group(s) under ${terminalSafe(root)}\n`,
      )
      if (extras.singleNameGroups > 0)
        process.stderr.write(
          `linkscope: ${extras.singleNameGroups} file(s) have one name under ROOT and others outside it: not recorded\n`,
        )
      if (extras.unreadable > 0)
        process.stderr.write(
          `linkscope: warning: ${extras.unreadable} entr(ies) could not be read and are not recorded\n`,
        )
      return 0
    })
  },
}
