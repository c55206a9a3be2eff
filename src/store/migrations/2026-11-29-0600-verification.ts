import type { Kysely } from 'kysely';
import { boolDefault, boolType, jsonType, withId } from './helpers.ts';

/**
 * House-to-house verification: rounds run by a county, teams of field verifiers, villages assigned
 * to teams, one task per household, the visits received from the field (each once, by its
 * idempotency key), the per-person checks they carried, and the conflicts left for an officer when
 * a person had changed on the server since the verifier downloaded it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('verification_rounds'))
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('verification_rounds_county_idx').on('verification_rounds').columns(['county_code', 'id']).execute();

  await withId(db, db.schema.createTable('verification_teams'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('verification_rounds.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('verification_teams_name', ['round_id', 'name'])
    .execute();

  // A verifier belongs to at most one team of a round, so "my team's tasks" is never ambiguous.
  await db.schema
    .createTable('verification_team_members')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('verification_rounds.id'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('verification_teams.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('verification_team_members_pk', ['round_id', 'user_id'])
    .execute();
  await db.schema.createIndex('verification_team_members_user_idx').on('verification_team_members').columns(['user_id', 'round_id']).execute();

  await db.schema
    .createTable('verification_assignments')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('verification_rounds.id'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('team_id', 'integer', (c) => c.notNull().references('verification_teams.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('verification_assignments_pk', ['round_id', 'village_code'])
    .execute();

  await withId(db, db.schema.createTable('verification_tasks'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('verification_rounds.id'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('verification_teams.id'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visited_at', 'text')
    .addColumn('visited_by', 'integer')
    .addColumn('frozen', boolType(db), (c) => c.notNull().defaultTo(boolDefault(db, false)))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('verification_tasks_household', ['round_id', 'household_id'])
    .execute();
  await db.schema.createIndex('verification_tasks_team_idx').on('verification_tasks').columns(['round_id', 'team_id', 'village_code', 'id']).execute();
  await db.schema.createIndex('verification_tasks_village_idx').on('verification_tasks').columns(['round_id', 'village_code']).execute();

  await withId(db, db.schema.createTable('verification_visits'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('verification_rounds.id'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('verification_tasks.id'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('verifier_id', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('applied', 'integer', (c) => c.notNull())
    .addColumn('conflicts', 'integer', (c) => c.notNull())
    .addColumn('result', jsonType(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verification_visits_task_idx').on('verification_visits').columns(['task_id', 'id']).execute();
  await db.schema.createIndex('verification_visits_round_idx').on('verification_visits').columns(['round_id', 'id']).execute();

  await withId(db, db.schema.createTable('verification_checks'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('verification_rounds.id'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('verification_tasks.id'))
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('verification_visits.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
  // The latest check of a person in a round decides its outcome; progress counts those.
  await db.schema.createIndex('verification_checks_person_idx').on('verification_checks').columns(['round_id', 'person_id', 'id']).execute();

  await withId(db, db.schema.createTable('verification_conflicts'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('verification_rounds.id'))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('verification_tasks.id'))
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('verification_visits.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('verifier_id', 'integer', (c) => c.notNull())
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('server_version', 'integer', (c) => c.notNull())
    .addColumn('field_values', jsonType(db), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'integer')
    .addColumn('resolution', jsonType(db))
    .execute();
  await db.schema.createIndex('verification_conflicts_round_idx').on('verification_conflicts').columns(['round_id', 'status', 'id']).execute();

  // Results of requests sent with an idempotency key, so a resend gets the original answer.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response', jsonType(db), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
