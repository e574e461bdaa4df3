/**
 * The journals one window's merges made, which that window may undo. An older journal (another window,
 * an earlier run) is undone from the command line, where the person names it on purpose.
 */
import { LinkError } from '../../../shared/errors'
import type { DupesUndoResult } from '../../../shared/types/dupes'
import { undoJournal } from './undo'

export class OwnJournals {
  private readonly made = new Set<string>()

  /** `what` names the work in the refusal: "a merge", "a link". */
  constructor(private readonly what: string) {}

  add(journal: string | null | undefined): void {
    if (journal) this.made.add(journal)
  }

  undo(journal: string): DupesUndoResult {
    if (!this.made.has(journal))
      throw new LinkError(
        'INVALID_ARGUMENT',
        `Only ${this.what} made in this window can be undone here; for an older one, run: linkscope undo JOURNAL.`,
        journal,
      )
    const out: DupesUndoResult = { restored: [], refused: [] }
    undoJournal(journal, {
      onRecord: (r) => {
        if (r.restored) out.restored.push(r.path)
        else out.refused.push({ path: r.path, code: r.code, message: r.message })
      },
    })
    this.made.delete(journal)
    return out
  }
}
