/* history_store.c - SQLite and PostgreSQL behind one small interface (see
 * history_store.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#ifdef HAVE_LIBPQ
#include <libpq-fe.h>
#endif

#include "history_store.h"
#include "diag.h"
#include "cli.h"

/* PostgreSQL type oids of the parameters we send */
#define OID_INT8 20
#define OID_TEXT 25
#define OID_FLOAT8 701

struct hs_db {
	enum hs_kind kind;
	sqlite3 *sq;
#ifdef HAVE_LIBPQ
	PGconn *pg;
#endif
	char *err;         /* PostgreSQL: the last error message */
	char sqlstate[6];  /* PostgreSQL: its SQLSTATE */
	int64_t changes;
};

struct hs_stmt {
	struct hs_db *db;
	sqlite3_stmt *sq;
	/* PostgreSQL: the statement runs on the first hs_step */
	char *sql;
	int nparam;
	char **val;
	unsigned *type;
#ifdef HAVE_LIBPQ
	PGresult *res;
#endif
	int row, nrows;
	bool ran;
};

bool
hs_have_pg(void)
{
#ifdef HAVE_LIBPQ
	return true;
#else
	return false;
#endif
}

#ifdef HAVE_LIBPQ
static void
set_err(struct hs_db *db, const char *msg, const char *state)
{
	size_t n;

	free(db->err);
	db->err = pk_xstrdup(msg ? msg : "unknown error");
	/* libpq messages end in a newline */
	n = strlen(db->err);
	while (n > 0 && (db->err[n - 1] == '\n' || db->err[n - 1] == ' '))
		db->err[--n] = '\0';
	snprintf(db->sqlstate, sizeof db->sqlstate, "%s", state ? state : "");
}
#endif

struct hs_db *
hs_open_sqlite(const char *name, int flags, char **msg)
{
	struct hs_db *db = pk_xcalloc(1, sizeof *db);

	db->kind = HS_SQLITE;
	if (sqlite3_open_v2(name, &db->sq, flags, NULL) != SQLITE_OK) {
		*msg = pk_xstrdup(db->sq ? sqlite3_errmsg(db->sq)
					 : "cannot open");
		hs_close(db);
		return NULL;
	}
	return db;
}

#ifdef HAVE_LIBPQ
static void
no_notices(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}
#endif

struct hs_db *
hs_open_pg(const char *uri, char **msg)
{
#ifdef HAVE_LIBPQ
	struct hs_db *db = pk_xcalloc(1, sizeof *db);
	const char *const keys[] = { "dbname", "fallback_application_name",
				     NULL };
	const char *const vals[] = { uri, "prof-history", NULL };

	db->kind = HS_PG;
	/* expand_dbname: the URI is the whole connection string; the
	 * password comes from it, PGPASSFILE/PGSERVICE or the environment */
	db->pg = PQconnectdbParams(keys, vals, 1);
	if (db->pg == NULL || PQstatus(db->pg) != CONNECTION_OK) {
		char *m = pk_xstrdup(db->pg ? PQerrorMessage(db->pg)
					    : "out of memory");
		size_t n = strlen(m);

		while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
			m[--n] = '\0';
		/* one line */
		for (char *p = m; *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		*msg = m;
		hs_close(db);
		return NULL;
	}
	PQsetNoticeProcessor(db->pg, no_notices, NULL);
	if (hs_exec(db, "SET client_min_messages = warning; "
		    "SET extra_float_digits = 1") != 0) {
		*msg = pk_xstrdup(hs_errmsg(db));
		hs_close(db);
		return NULL;
	}
	return db;
#else
	(void)uri;
	*msg = pk_xstrdup("built without PostgreSQL support (configure "
			  "--with-postgresql, Debian libpq-dev)");
	return NULL;
#endif
}

void
hs_close(struct hs_db *db)
{
	if (db == NULL)
		return;
	if (db->sq != NULL)
		sqlite3_close_v2(db->sq);
#ifdef HAVE_LIBPQ
	if (db->pg != NULL)
		PQfinish(db->pg);
#endif
	free(db->err);
	free(db);
}

enum hs_kind
hs_kind(const struct hs_db *db)
{
	return db->kind;
}

void *
hs_sqlite_handle(struct hs_db *db)
{
	return db->sq;
}

const char *
hs_errmsg(struct hs_db *db)
{
	if (db->kind == HS_SQLITE)
		return sqlite3_errmsg(db->sq);
	return db->err ? db->err : "unknown error";
}

bool
hs_retryable(struct hs_db *db)
{
	return db->kind == HS_PG && (strcmp(db->sqlstate, "40001") == 0 ||
				     strcmp(db->sqlstate, "40P01") == 0);
}

int64_t
hs_changes(struct hs_db *db)
{
	if (db->kind == HS_SQLITE)
		return sqlite3_changes(db->sq);
	return db->changes;
}

bool
hs_in_tx(struct hs_db *db)
{
	if (db->kind == HS_SQLITE)
		return !sqlite3_get_autocommit(db->sq);
#ifdef HAVE_LIBPQ
	return PQtransactionStatus(db->pg) != PQTRANS_IDLE;
#else
	return false;
#endif
}

#ifdef HAVE_LIBPQ
/* Keep the result's error; 0 when res succeeded. */
static int
pg_result(struct hs_db *db, PGresult *res)
{
	ExecStatusType s = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;

	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
		const char *t = PQcmdTuples(res);

		db->changes = t && *t ? strtoll(t, NULL, 10) : 0;
		return 0;
	}
	if (res == NULL) {
		set_err(db, PQerrorMessage(db->pg), NULL);
	} else {
		const char *m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);

		set_err(db, m ? m : PQresultErrorMessage(res),
			PQresultErrorField(res, PG_DIAG_SQLSTATE));
	}
	return -1;
}
#endif

int
hs_exec(struct hs_db *db, const char *sql)
{
	if (db->kind == HS_SQLITE)
		return sqlite3_exec(db->sq, sql, NULL, NULL, NULL) == SQLITE_OK
			       ? 0 : -1;
#ifdef HAVE_LIBPQ
	{
		PGresult *res = PQexec(db->pg, sql);
		int rc = pg_result(db, res);

		PQclear(res);
		return rc;
	}
#else
	return -1;
#endif
}

int
hs_begin_write(struct hs_db *db)
{
	return hs_exec(db, db->kind == HS_SQLITE ? "BEGIN IMMEDIATE"
						 : "BEGIN");
}

int
hs_begin_read(struct hs_db *db)
{
	return hs_exec(db, db->kind == HS_SQLITE
				   ? "BEGIN"
				   : "BEGIN ISOLATION LEVEL REPEATABLE READ "
				     "READ ONLY");
}

/* ?N -> $N outside quoted literals and identifiers; *nparam gets the
 * highest N. */
static char *
renumber(const char *sql, int *nparam)
{
	char *out = pk_xmalloc(strlen(sql) + 1);
	size_t k = 0;
	char quote = 0;

	*nparam = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '?' && isdigit((unsigned char)p[1])) {
			int n = atoi(p + 1);

			if (n > *nparam)
				*nparam = n;
			out[k++] = '$';
			continue;
		}
		out[k++] = *p;
	}
	out[k] = '\0';
	return out;
}

struct hs_stmt *
hs_prepare(struct hs_db *db, const char *sql)
{
	struct hs_stmt *st = pk_xcalloc(1, sizeof *st);

	st->db = db;
	if (db->kind == HS_SQLITE) {
		if (sqlite3_prepare_v2(db->sq, sql, -1, &st->sq, NULL) !=
		    SQLITE_OK) {
			free(st);
			return NULL;
		}
		return st;
	}
	st->sql = renumber(sql, &st->nparam);
	if (st->nparam > 0) {
		st->val = pk_xcalloc((size_t)st->nparam, sizeof *st->val);
		st->type = pk_xcalloc((size_t)st->nparam, sizeof *st->type);
		for (int i = 0; i < st->nparam; i++)
			st->type[i] = OID_TEXT;
	}
	return st;
}

static void
pg_bind(struct hs_stmt *st, int i, unsigned type, char *v)
{
	if (i < 1 || i > st->nparam) {
		free(v);
		return;
	}
	free(st->val[i - 1]);
	st->val[i - 1] = v;
	st->type[i - 1] = type;
}

void
hs_bind_text(struct hs_stmt *st, int i, const char *s)
{
	if (st->sq != NULL) {
		if (s == NULL)
			sqlite3_bind_null(st->sq, i);
		else
			sqlite3_bind_text(st->sq, i, s, -1, SQLITE_TRANSIENT);
		return;
	}
	pg_bind(st, i, OID_TEXT, s ? pk_xstrdup(s) : NULL);
}

void
hs_bind_int64(struct hs_stmt *st, int i, int64_t v)
{
	if (st->sq != NULL) {
		sqlite3_bind_int64(st->sq, i, v);
		return;
	}
	pg_bind(st, i, OID_INT8, pk_xasprintf("%lld", (long long)v));
}

void
hs_bind_null_int(struct hs_stmt *st, int i)
{
	if (st->sq != NULL) {
		sqlite3_bind_null(st->sq, i);
		return;
	}
	pg_bind(st, i, OID_INT8, NULL);
}

void
hs_bind_double(struct hs_stmt *st, int i, double v)
{
	if (st->sq != NULL) {
		sqlite3_bind_double(st->sq, i, v);
		return;
	}
	/* 17 significant digits: the exact double */
	pg_bind(st, i, OID_FLOAT8, pk_xasprintf("%.17g", v));
}

int
hs_step(struct hs_stmt *st)
{
	if (st->sq != NULL) {
		int rc = sqlite3_step(st->sq);

		return rc == SQLITE_ROW ? HS_ROW
		       : rc == SQLITE_DONE ? HS_DONE : HS_ERROR;
	}
#ifdef HAVE_LIBPQ
	if (!st->ran) {
		st->ran = true;
		st->res = PQexecParams(st->db->pg, st->sql, st->nparam,
				       st->type, (const char *const *)st->val,
				       NULL, NULL, 0);
		if (pg_result(st->db, st->res) != 0) {
			st->nrows = 0;
			st->row = 0;
			return HS_ERROR;
		}
		st->nrows = PQresultStatus(st->res) == PGRES_TUPLES_OK
				    ? PQntuples(st->res) : 0;
		st->row = -1;
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return HS_ROW;
	}
	st->row = st->nrows;
	return HS_DONE;
#else
	return HS_ERROR;
#endif
}

void
hs_reset(struct hs_stmt *st)
{
	if (st->sq != NULL) {
		sqlite3_reset(st->sq);
		return;
	}
#ifdef HAVE_LIBPQ
	PQclear(st->res);
	st->res = NULL;
#endif
	st->ran = false;
	st->nrows = st->row = 0;
}

void
hs_finalize(struct hs_stmt *st)
{
	if (st == NULL)
		return;
	if (st->sq != NULL)
		sqlite3_finalize(st->sq);
	else
		hs_reset(st);
	for (int i = 0; i < st->nparam; i++)
		free(st->val[i]);
	free(st->val);
	free(st->type);
	free(st->sql);
	free(st);
}

const char *
hs_col_text(struct hs_stmt *st, int i)
{
	if (st->sq != NULL)
		return (const char *)sqlite3_column_text(st->sq, i);
#ifdef HAVE_LIBPQ
	if (st->res == NULL || st->row < 0 || st->row >= st->nrows ||
	    PQgetisnull(st->res, st->row, i))
		return NULL;
	return PQgetvalue(st->res, st->row, i);
#else
	return NULL;
#endif
}

bool
hs_col_null(struct hs_stmt *st, int i)
{
	if (st->sq != NULL)
		return sqlite3_column_type(st->sq, i) == SQLITE_NULL;
	return hs_col_text(st, i) == NULL;
}

int64_t
hs_col_int64(struct hs_stmt *st, int i)
{
	const char *s;

	if (st->sq != NULL)
		return sqlite3_column_int64(st->sq, i);
	s = hs_col_text(st, i);
	/* a boolean column reads as 0/1 */
	if (s != NULL && (s[0] == 't' || s[0] == 'f') && s[1] == '\0')
		return s[0] == 't';
	return s ? strtoll(s, NULL, 10) : 0;
}

int
hs_col_int(struct hs_stmt *st, int i)
{
	return (int)hs_col_int64(st, i);
}

double
hs_col_double(struct hs_stmt *st, int i)
{
	const char *s;

	if (st->sq != NULL)
		return sqlite3_column_double(st->sq, i);
	s = hs_col_text(st, i);
	return s ? strtod(s, NULL) : 0;
}

char *
hs_mask_url(const char *url)
{
	char *u = pk_xstrdup(url);
	char *scheme = strstr(u, "://"), *p;

	if (scheme != NULL) {
		char *auth = scheme + 3;
		size_t hostlen = strcspn(auth, "/?");
		char *at = NULL;

		/* the last '@' of the authority ends the user info */
		for (size_t i = 0; i < hostlen; i++)
			if (auth[i] == '@')
				at = auth + i;
		if (at != NULL) {
			char *colon = memchr(auth, ':', (size_t)(at - auth));

			if (colon != NULL) {
				char *m = pk_xasprintf("%.*s:***%s",
						       (int)(colon - u), u, at);

				free(u);
				u = m;
			}
		}
	}
	/* password=... in the query string */
	p = strchr(u, '?');
	while (p != NULL) {
		char *kv = p + 1;
		size_t vlen;

		if (strncmp(kv, "password=", 9) == 0) {
			char *m;

			vlen = strcspn(kv + 9, "&");
			m = pk_xasprintf("%.*s***%s", (int)(kv + 9 - u), u,
					 kv + 9 + vlen);
			p = m + (kv - u);
			free(u);
			u = m;
		}
		p = strchr(p + 1, '&');
	}
	return u;
}
