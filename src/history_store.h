/* history_store.h - the thin SQL layer under the history store.
 *
 * history.c speaks SQL through this layer only: prepare, bind, step,
 * column, reset, finalize, exec.  Two backends: SQLite (a file) and
 * PostgreSQL (libpq, when built with it).  Statements are written once,
 * in SQLite's spelling with numbered parameters (?1, ?2, ...); the
 * PostgreSQL backend renumbers them to $1, $2, ... and passes every value
 * as a typed parameter (never spliced into the text).  The few dialect
 * spots (transactions, schema version, DDL types) ask hs_kind().
 *
 * Library code: nothing here prints; errors are read with hs_errmsg().
 */
#ifndef PK_HISTORY_STORE_H
#define PK_HISTORY_STORE_H

#include <stdbool.h>
#include <stdint.h>

enum hs_kind { HS_SQLITE, HS_PG };

/* hs_step results */
#define HS_ROW 1
#define HS_DONE 0
#define HS_ERROR (-1)

struct hs_db;
struct hs_stmt;

/* Was libpq compiled in? */
bool hs_have_pg(void);

/* SQLite: sqlite3_open_v2(name, flags).  NULL and *msg (malloced) on
 * failure. */
struct hs_db *hs_open_sqlite(const char *name, int flags, char **msg);
/* PostgreSQL: a libpq connection URI.  NULL and *msg (malloced, without
 * the URI) on failure. */
struct hs_db *hs_open_pg(const char *uri, char **msg);
void hs_close(struct hs_db *db);
enum hs_kind hs_kind(const struct hs_db *db);
/* the native handle (sqlite3 *) of a SQLite backend, else NULL */
void *hs_sqlite_handle(struct hs_db *db);

/* The last error of this connection (never NULL). */
const char *hs_errmsg(struct hs_db *db);
/* The last error was a serialization failure or a deadlock: the
 * transaction can be retried. */
bool hs_retryable(struct hs_db *db);
/* Rows changed by the last statement. */
int64_t hs_changes(struct hs_db *db);
/* Inside a transaction? */
bool hs_in_tx(struct hs_db *db);

/* Run SQL without parameters (several statements allowed).  0 or -1. */
int hs_exec(struct hs_db *db, const char *sql);
/* BEGIN a write transaction (SQLite: IMMEDIATE) or a read snapshot. */
int hs_begin_write(struct hs_db *db);
int hs_begin_read(struct hs_db *db);

struct hs_stmt *hs_prepare(struct hs_db *db, const char *sql);
void hs_bind_text(struct hs_stmt *st, int i, const char *s); /* NULL: null */
void hs_bind_int64(struct hs_stmt *st, int i, int64_t v);
void hs_bind_null_int(struct hs_stmt *st, int i);
void hs_bind_double(struct hs_stmt *st, int i, double v);
int hs_step(struct hs_stmt *st); /* HS_ROW, HS_DONE or HS_ERROR */
void hs_reset(struct hs_stmt *st); /* bindings are kept */
void hs_finalize(struct hs_stmt *st);

const char *hs_col_text(struct hs_stmt *st, int i); /* NULL for null */
int64_t hs_col_int64(struct hs_stmt *st, int i);
int hs_col_int(struct hs_stmt *st, int i);
double hs_col_double(struct hs_stmt *st, int i);
bool hs_col_null(struct hs_stmt *st, int i);

/* A copy of a database URL with its password replaced by "***" (in the
 * user-info part and in a password= query parameter). */
char *hs_mask_url(const char *url);

#endif
