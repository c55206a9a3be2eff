// Brings every module's table declarations into the DB type; each module adds one line.
import './ledger.tables.ts';
import './demand.tables.ts';
