/* bench_llama_sql.c - llama-bench `-o sql` text and SQLite databases
 * (see bench_llama_sql.h). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "bench_llama_sql.h"

static const char sqlite_magic[16] = "SQLite format 3";

bool
bench_llama_sql_is_db(const char *buf, size_t len)
{
	return len >= 100 && memcmp(buf, sqlite_magic, 16) == 0;
}

static bool
starts_ci(const char *s, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - s) >= n && strncasecmp(s, word, n) == 0;
}

bool
bench_llama_sql_is_text(const char *buf, size_t len)
{
	const char *s = buf, *end = buf + len;

	while (s < end && isspace((unsigned char)*s))
		s++;
	return starts_ci(s, end, "CREATE TABLE IF NOT EXISTS test ") ||
	       starts_ci(s, end, "CREATE TABLE IF NOT EXISTS test(") ||
	       starts_ci(s, end, "INSERT INTO test ");
}

/* Only what the llama-bench SQL text needs: a table, rows, reading. */
static int
authorize(void *ud, int op, const char *a, const char *b, const char *c,
	  const char *d)
{
	(void)ud;
	(void)a;
	(void)b;
	(void)c;
	(void)d;
	switch (op) {
	case SQLITE_CREATE_TABLE:
	case SQLITE_INSERT:
	case SQLITE_UPDATE: /* of sqlite_master, by CREATE TABLE */
	case SQLITE_READ:
	case SQLITE_SELECT:
	case SQLITE_TRANSACTION:
	case SQLITE_FUNCTION:
		return SQLITE_OK;
	default:
		return SQLITE_DENY;
	}
}

/* "1,2,3" or "[1, 2, 3]" (a samples column) as a JSON array, else NULL. */
static json_t *
number_list(const char *s)
{
	json_t *a = json_array();
	const char *p = s;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '[')
		p++;
	for (;;) {
		char *e;
		double v;

		while (isspace((unsigned char)*p))
			p++;
		if (*p == ']' || *p == '\0')
			break;
		v = strtod(p, &e);
		if (e == p) {
			json_decref(a);
			return NULL;
		}
		json_array_append_new(a, json_real(v));
		p = e;
		while (isspace((unsigned char)*p))
			p++;
		if (*p == ',')
			p++;
		else if (*p != ']' && *p != '\0') {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static int
rows_to_json(sqlite3 *db, const char *name, json_t **out, struct pk_err *err)
{
	sqlite3_stmt *st;
	json_t *arr;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(db, "SELECT * FROM test", -1, &st, NULL) !=
	    SQLITE_OK) {
		pk_err_set(err, "%s: llama-bench SQL: no table 'test' (%s)",
			   name, sqlite3_errmsg(db));
		return -1;
	}
	arr = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = json_object();
		int nc = sqlite3_column_count(st);

		for (int i = 0; i < nc; i++) {
			const char *k = sqlite3_column_name(st, i);
			json_t *v = NULL;

			switch (sqlite3_column_type(st, i)) {
			case SQLITE_INTEGER:
				v = json_integer(sqlite3_column_int64(st, i));
				break;
			case SQLITE_FLOAT:
				v = json_real(sqlite3_column_double(st, i));
				break;
			case SQLITE_TEXT: {
				const char *t =
					(const char *)sqlite3_column_text(st, i);

				if (strncmp(k, "samples_", 8) == 0)
					v = number_list(t);
				if (v == NULL)
					v = json_string(t);
				break;
			}
			default:
				break;
			}
			if (v != NULL && k != NULL)
				json_object_set_new(o, k, v);
			else if (v != NULL)
				json_decref(v);
		}
		json_array_append_new(arr, o);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		pk_err_set(err, "%s: llama-bench SQL: %s", name,
			   sqlite3_errmsg(db));
		json_decref(arr);
		return -1;
	}
	if (json_array_size(arr) == 0) {
		pk_err_set(err, "%s: llama-bench SQL: table 'test' is empty",
			   name);
		json_decref(arr);
		return -1;
	}
	*out = arr;
	return 0;
}

int
bench_llama_sql_read(const char *name, const char *buf, size_t len,
		     const struct bench_read_opts *opts, struct bench_set *set,
		     struct pk_err *err)
{
	sqlite3 *db = NULL;
	json_t *arr = NULL;
	char *text, *js;
	struct bench_read_opts o = {0};
	int rc = -1;

	if (sqlite3_open_v2(":memory:", &db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		pk_err_set(err, "%s: SQLite: cannot open a memory database",
			   name);
		sqlite3_close(db);
		return -1;
	}
	if (bench_llama_sql_is_db(buf, len)) {
#if SQLITE_VERSION_NUMBER >= 3036000
		unsigned char *copy = sqlite3_malloc64(len);

		if (copy == NULL) {
			pk_err_set(err, "%s: out of memory", name);
			goto out;
		}
		memcpy(copy, buf, len);
		if (sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len,
					(sqlite3_int64)len,
					SQLITE_DESERIALIZE_FREEONCLOSE |
						SQLITE_DESERIALIZE_READONLY) !=
		    SQLITE_OK) {
			pk_err_set(err, "%s: not a readable SQLite database: %s",
				   name, sqlite3_errmsg(db));
			goto out;
		}
#else
		pk_err_set(err, "%s: reading an SQLite database needs SQLite "
			   ">= 3.36", name);
		goto out;
#endif
		sqlite3_set_authorizer(db, authorize, NULL);
	} else {
		char *msg = NULL;

		sqlite3_set_authorizer(db, authorize, NULL);
		text = pk_xstrndup(buf, len);
		if (sqlite3_exec(db, text, NULL, NULL, &msg) != SQLITE_OK) {
			pk_err_set(err, "%s: llama-bench SQL: %s", name,
				   msg ? msg : sqlite3_errmsg(db));
			sqlite3_free(msg);
			free(text);
			goto out;
		}
		free(text);
	}
	if (rows_to_json(db, name, &arr, err) != 0)
		goto out;
	js = json_dumps(arr, JSON_COMPACT);
	if (js == NULL) {
		pk_err_set(err, "%s: out of memory", name);
		goto out;
	}
	if (opts != NULL)
		o = *opts;
	o.format = BENCH_FMT_LLAMA;
	rc = bench_read_buf(name, js, strlen(js), &o, set, err);
	free(js);
out:
	json_decref(arr);
	sqlite3_close(db);
	return rc;
}
