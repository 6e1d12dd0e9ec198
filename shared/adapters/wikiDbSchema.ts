import type { Database } from 'sql.js';

/** Otter Wiki's tables (otterwiki/models.py and auth.py), created and migrated by user_version. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE preferences (name VARCHAR(256) NOT NULL PRIMARY KEY, value VARCHAR(256));
   CREATE TABLE drafts (id INTEGER NOT NULL PRIMARY KEY, pagepath VARCHAR(2048), revision VARCHAR(64),
     author_email VARCHAR(256), content TEXT, cursor_line INTEGER, cursor_ch INTEGER, datetime DATETIME);
   CREATE INDEX ix_drafts_pagepath ON drafts (pagepath);
   CREATE TABLE user (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(128), email VARCHAR(128) UNIQUE,
     password_hash VARCHAR(512), first_seen DATETIME, last_seen DATETIME, is_approved BOOLEAN,
     is_admin BOOLEAN, email_confirmed BOOLEAN, allow_read BOOLEAN, allow_write BOOLEAN,
     allow_upload BOOLEAN);
   CREATE TABLE cache (key VARCHAR(256) NOT NULL PRIMARY KEY, value TEXT, datetime DATETIME);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings a database up to SCHEMA_VERSION; returns the version it started at. */
export function migrate(db: Database): number {
  const from = Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
  for (let version = from; version < MIGRATIONS.length; version++) {
    db.exec('BEGIN');
    db.exec(MIGRATIONS[version] ?? '');
    db.exec(`PRAGMA user_version = ${version + 1}`);
    db.exec('COMMIT');
  }
  return from;
}
