/**
 * Secondary indexes of `persons` a load into a (nearly) empty ledger sets aside and builds again at
 * its end: kept up to date row by row, their random keys (phone hashes, names) cost several times
 * the insert itself, while one sorted build at the end costs a few µs a row. The unique ID-hash
 * index that matches people, and the household index the household facts and statistics read per
 * batch, stay. The columns are those of the ledger migration; an index stored with other columns is
 * left alone.
 */
export const SET_ASIDE: Readonly<Record<string, readonly string[]>> = {
  persons_phone_idx: ['phone_hash'],
  persons_village_idx: ['village_code', 'id'],
  persons_name_idx: ['name', 'id'],
  persons_status_idx: ['employment_status', 'village_code', 'id'],
};

export function createIndexSql(name: string, ifNotExists = false): string {
  return `create index ${ifNotExists ? 'if not exists ' : ''}"${name}" on "persons" (${SET_ASIDE[name].map((c) => `"${c}"`).join(', ')})`;
}

/**
 * Worth it only for a large load bringing at least twice the rows already there: the rebuild reads
 * them all. (The expected rows are estimated from the file's size, so a re-import of the file
 * already loaded must not come out as "more than there are".)
 */
export function worthSettingAside(expectedRows: number, existingRows: number): boolean {
  return expectedRows >= 20_000 && existingRows * 2 <= expectedRows;
}
