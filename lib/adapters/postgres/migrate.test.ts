import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrate, readMigrations, MIGRATIONS_DIR } from './migrate.ts';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { createPool } from './pool.ts';

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
});

// Several concurrent connections with real transaction isolation: embedded Postgres (one session) cannot.
describe.skipIf(inject('databaseKind') === 'embedded')('migrate (real PostgreSQL)', () => {
  it('applies_every_migration_once_and_records_it', async () => {
    const db = await createTestDb({ migrate: false });
    dbs.push(db);
    const all = await readMigrations(MIGRATIONS_DIR);
    const first = await migrate(db.pool, all);
    expect(first.applied).toEqual(all.map((m) => `${m.version}_${m.name}`));
    const second = await migrate(db.pool, all);
    expect(second).toEqual({ applied: [], alreadyApplied: all.length });
    const { rows } = await db.pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(all.map((m) => m.version));
  });

  it('is_safe_when_several_processes_migrate_at_once', async () => {
    const db = await createTestDb({ migrate: false });
    dbs.push(db);
    const all = await readMigrations(MIGRATIONS_DIR);
    const pools = [0, 1, 2].map(() => createPool({ url: db.url, max: 1, connectionOptions: `-c search_path=${db.schema}` }));
    const reports = await Promise.all(pools.map((p) => migrate(p, all)));
    await Promise.all(pools.map((p) => p.end()));
    expect(reports.flatMap((r) => r.applied)).toHaveLength(all.length);
    expect(reports.reduce((n, r) => n + r.alreadyApplied, 0)).toBe(all.length * 2);
  });

  it('refuses_an_applied_migration_whose_file_changed', async () => {
    const db = await createTestDb({ migrate: false });
    dbs.push(db);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mig-'));
    await writeFile(path.join(dir, '0001_one.sql'), 'CREATE TABLE one (id int);');
    await migrate(db.pool, await readMigrations(dir));
    await writeFile(path.join(dir, '0001_one.sql'), 'CREATE TABLE one (id bigint);');
    await expect(migrate(db.pool, await readMigrations(dir))).rejects.toThrow(/was changed after it was applied/);
  });

  it('rolls_back_a_failing_migration_entirely', async () => {
    const db = await createTestDb({ migrate: false });
    dbs.push(db);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mig-'));
    await writeFile(path.join(dir, '0001_ok.sql'), 'CREATE TABLE ok (id int);');
    await writeFile(path.join(dir, '0002_bad.sql'), 'CREATE TABLE half (id int); SELECT * FROM no_such_table;');
    await expect(migrate(db.pool, await readMigrations(dir))).rejects.toThrow(/no_such_table/);
    const { rows } = await db.pool.query(`SELECT to_regclass('half') AS half, to_regclass('ok') AS ok`);
    expect(rows[0]).toEqual({ half: null, ok: 'ok' });
  });

  it('rejects_badly_named_files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mig-'));
    await writeFile(path.join(dir, 'init.sql'), 'SELECT 1;');
    await expect(readMigrations(dir)).rejects.toThrow(/NNNN_snake_case\.sql/);
  });

  it('keeps_the_audit_log_append_only', async () => {
    const db = await createTestDb();
    dbs.push(db);
    await db.pool.query(`INSERT INTO audit_log (at, actor, action, reason) VALUES (now(), 'system', 'test.write', 'a test')`);
    await expect(db.pool.query('UPDATE audit_log SET reason = $1', ['edited'])).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});
