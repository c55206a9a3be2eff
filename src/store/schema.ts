import type { Generated } from 'kysely';

/**
 * Row types of the tables, as the engines return them (see codec.ts for booleans and JSON).
 * Each module adds its own tables by augmenting `DB` from its `*.tables.ts` file.
 */
export interface DB {
  // foundation tables; module tables are added from src/store/tables/*.tables.ts
  regions: RegionTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditTable;
  settings: SettingTable;
}

export interface RegionTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  initials: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  region_code: string;
  employer_id: number | null;
  disabled: number | boolean;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SessionTable {
  id_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor_id: number;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string;
  region_code: string | null;
  changes: unknown;
  ip: string | null;
}

export interface SettingTable {
  key: string;
  value: unknown;
  updated_at: string;
}
import './tables/index.ts';
