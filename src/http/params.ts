import { z } from 'zod';

/** At most 15 digits, so every id that passes is an integer JavaScript holds exactly (below 2^53). */
const ID_DIGITS = /^[1-9][0-9]{0,14}$/;

/**
 * A record id in a path or a query string: plain decimal digits with no sign, leading zero, space,
 * decimal point or exponent. `z.coerce.number()` would also take `0x10`, `1e3`, ` 5` or `05` and
 * quietly read them as another number. A bad id is a 400 naming the field, with the code
 * `invalid_record_id`.
 */
export const idParam = z
  .stringFormat('record_id', ID_DIGITS, { error: 'must be a record id: 1 to 15 digits, with no sign, leading zero, space, decimal point or exponent' })
  .transform(Number);

/** Path parameters of a route on one record: `/…/:id`. */
export const idParams = z.strictObject({ id: idParam });
