// Brings every module's table declarations into the DB type; each module adds one line.
import './ledger.tables.ts';
import './stats.tables.ts';
import './demand.tables.ts';
import './policy.tables.ts';
import './ledger-import.tables.ts';
import './field-training.tables.ts';
import './transport.tables.ts';
import './matching.tables.ts';
import './claim-evidence.tables.ts';
