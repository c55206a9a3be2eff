import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { personsRepository, type PersonFilter, type StampedPersonRow } from '../../store/repositories/persons.repository.ts';
import type { PlaceKey } from '../../store/region-prefix.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App } from '../context.ts';
import { unseal } from '../privacy/sealed.ts';
import { decodePlaceCursor, encodePlaceCursor, pageLimit, presentLedgerPerson, toPage } from './ledger-common.ts';
import { ledgerFilter, type LedgerQuery } from './ledger-search.ts';

/** People of the ledger within the actor's scope, by village and id, a page at a time (masked). */
export async function listPersons(app: App, actor: Actor, q: LedgerQuery) {
  const page = await listStampedPersons(app, actor, q);
  return { items: page.items.map((r) => r.show()), nextCursor: page.nextCursor };
}

/**
 * The page `listPersons` gives, each person with its stamp (which moves with every change to what
 * the list shows of the person) and shown only when asked: for a caller that keeps people as it last
 * showed them.
 */
export function listStampedPersons(app: App, actor: Actor, q: LedgerQuery) {
  return pageOfPeople(app, actor, q, personsRepository.list, stampedPerson);
}

/** The page `listPersons` would give, each person as id and stamp only: for a caller that keeps people as it last showed them. */
export function listPersonStamps(app: App, actor: Actor, q: LedgerQuery) {
  return pageOfPeople(app, actor, q, personsRepository.listStamps, (r) => ({ id: r.id, stamp: r.stamp }));
}

/**
 * People by id as `listStampedPersons` gives them. Those gone or moved out of the actor's scope since
 * their page was read are left out.
 */
export async function shownPersons(app: App, actor: Actor, ids: number[]) {
  authorize(actor, 'person.read');
  const rows = await personsRepository.shownByIds(app.database.db, ids);
  return rows.filter((r) => inScope(actor, r.village_code)).map(stampedPerson);
}

const stampedPerson = (r: StampedPersonRow) => ({ id: r.id, stamp: r.stamp, show: () => presentLedgerPerson(r) });

/** A page of the ledger list within the actor's scope, read by `read` and presented by `present`, with the cursor of the next. */
async function pageOfPeople<R extends { id: number; village_code: string }, U>(
  app: App, actor: Actor, q: LedgerQuery,
  read: (db: App['database']['db'], f: PersonFilter, after: PlaceKey | undefined, limit: number) => Promise<R[]>,
  present: (r: R) => U,
) {
  authorize(actor, 'person.read');
  const f = ledgerFilter(app, actor, q);
  const limit = pageLimit(q.limit);
  const rows = await read(app.database.db, f, decodePlaceCursor(q.cursor), limit + 1);
  return toPage(rows, limit, (r) => r.id, present, (r) => encodePlaceCursor(r.village_code, r.id));
}

/**
 * The full ID number and phone of one person. A separate request so that each look is a deliberate
 * act, recorded in the audit trail (which itself keeps only that the values were shown).
 */
export async function revealPerson(app: App, actor: Actor, id: number, opts: { ip?: string } = {}) {
  authorize(actor, 'person.reveal');
  return inTransaction(app, async (trx) => {
    const row = await personsRepository.byId(trx, id);
    if (!row) throw DomainError.notFound('person', id);
    authorize(actor, 'person.reveal', { regionCode: row.village_code }, `person ${id}`);
    const revealed = { id, idNumber: unseal(app.secrets.key, row.id_enc), phone: row.phone_enc ? unseal(app.secrets.key, row.phone_enc) : null };
    await writeAudit(trx, actor, {
      action: 'person.reveal',
      entity: 'person',
      entityId: id,
      regionCode: row.village_code,
      after: { revealed: revealed.phone ? ['idNumber', 'phone'] : ['idNumber'], idNumber: row.id_masked, phone: row.phone_masked ?? null },
      ip: opts.ip ?? null,
    });
    return revealed;
  });
}
