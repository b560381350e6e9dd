// The rotation journal: `<dataDir>/rotations/<id>.json`, one file per rotation, rewritten after
// every step (temp file, fsync, rename: a crash leaves the previous or the next version, never
// half a file). It holds names, ids, targets and the log, never a value.
import { mkdir, open, readdir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { rotationRecordSchema, type RotationRecord } from '../../shared/secrets'

/** On disk: the record plus the labels the new version gets (needed to create it on resume). */
export const journalSchema = rotationRecordSchema.extend({
  newLabels: z.record(z.string(), z.string()),
  /** the old version's Templating driver name, kept on the new version */
  templating: z.string().nullable().default(null),
  newRemoved: z.boolean().default(false),
  /** services whose update order this rotation sets to start-first (shown as --update-order) */
  orderChanged: z.array(z.string()).default([])
})
export type Journal = z.infer<typeof journalSchema>

export class RotationJournal {
  private readonly dir: string
  constructor(dataDir: string) {
    this.dir = join(dataDir, 'rotations')
  }

  pathOf(id: string): string {
    return join(this.dir, `${encodeURIComponent(id)}.json`)
  }

  async save(journal: Journal): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    const path = this.pathOf(journal.id)
    const temp = `${path}.${process.pid}.tmp`
    const handle = await open(temp, 'w', 0o600)
    try {
      await handle.writeFile(JSON.stringify(journalSchema.parse(journal), null, 2) + '\n')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  }

  async load(id: string): Promise<Journal | null> {
    try {
      const parsed = journalSchema.safeParse(JSON.parse(await readFile(this.pathOf(id), 'utf8')))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  /** Every readable journal, newest first (unreadable files are skipped, never deleted). */
  async list(): Promise<Journal[]> {
    let names: string[]
    try {
      names = await readdir(this.dir)
    } catch {
      return []
    }
    const journals: Journal[] = []
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const journal = await this.load(decodeURIComponent(name.slice(0, -'.json'.length)))
      if (journal) journals.push(journal)
    }
    return journals.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
  }
}

/** The record as shown: `running` on disk but not run by this process means interrupted. */
export function asShown(journal: Journal, activeIds: ReadonlySet<string>): RotationRecord {
  const { newLabels: _labels, templating: _templating, newRemoved: _removed, orderChanged: _order, ...record } = journal
  void [_labels, _templating, _removed, _order]
  return { ...record, state: record.state === 'running' && !activeIds.has(record.id) ? 'interrupted' : record.state }
}

export function isUnfinished(journal: Pick<RotationRecord, 'state'>): boolean {
  return journal.state === 'running' || journal.state === 'interrupted' || journal.state === 'failed'
}
