/* history.c - the SQLite store behind prof-history (see history.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fdio.h"
#include "history_private.h"
#include "history_store.h"
#include "stats.h"
#include "cli.h"
#include "json_write.h"

struct hist_db {
	struct hs_db *db;
	char *path; /* the file, or the URL with its password masked */
	int found_version;
	bool readonly; /* opened for reading only (read-only file or mount) */
	bool created; /* a new SQLite file: removed at close if it holds nothing */
	char *testbed; /* hist_set_testbed: the only testbed read, or NULL */
};

/* PRAGMA application_id of a profkit history ("PKHI") */
#define HIST_APP_ID 0x504b4849

/* ---------------------------------------------------------------- model */

struct bench_entry *
hist_entry(struct bench_set *set, const char *name, const char *metric,
	   const char *unit, bool higher_is_better)
{
	struct bench_entry *e = bench_set_entry(set, name, metric);

	if (unit != NULL && strcmp(e->unit, unit) != 0) {
		free(e->unit);
		e->unit = pk_xstrdup(unit);
	}
	e->dir = higher_is_better ? BENCH_HIGHER_IS_BETTER
				  : BENCH_LOWER_IS_BETTER;
	return e;
}

size_t
hist_set_samples(const struct bench_set *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->v[i].n;
	return n;
}

char *
hist_display_name(const char *name, const char *metric)
{
	if (metric == NULL || strcmp(metric, "time") == 0)
		return pk_xstrdup(name);
	return pk_xasprintf("%s:%s", name, metric);
}

int
hist_read_results(char *const *paths, size_t n, const char *format,
		  const struct bench_read_opts *ropts, struct bench_set *set,
		  struct pk_err *err)
{
	struct bench_read_opts o;

	memset(&o, 0, sizeof o);
	if (ropts != NULL)
		o = *ropts;
	o.format = BENCH_FMT_AUTO;
	if (format != NULL && bench_format_parse(format, &o.format) != 0) {
		pk_err_set(err, "unknown input format '%s' (one of: auto, %s)",
			   format, bench_format_list());
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (bench_read_path(paths[i], &o, set, err) != 0)
			return -1;
	hist_set_merge_duplicates(set);
	return 0;
}

void
hist_set_merge_duplicates(struct bench_set *set)
{
	size_t out = 0;

	for (size_t i = 0; i < set->n; i++) {
		struct bench_entry *e = &set->v[i];
		size_t j;

		for (j = 0; j < out; j++)
			if (strcmp(set->v[j].name, e->name) == 0 &&
			    strcmp(set->v[j].metric, e->metric) == 0)
				break;
		if (j == out) {
			if (out != i)
				set->v[out] = *e;
			out++;
			continue;
		}
		for (size_t k = 0; k < e->n; k++)
			bench_entry_add(&set->v[j], e->samples[k]);
		if (e->status != BENCH_OK &&
		    set->v[j].status != BENCH_TIMEOUT) {
			set->v[j].status = e->status;
			set->v[j].exit_code = e->exit_code;
		}
		free(e->name);
		free(e->metric);
		free(e->unit);
		free(e->samples);
	}
	set->n = out;
}

static void
labels_free(struct hist_label *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].key);
		free(l[i].value);
	}
	free(l);
}

void
hist_meta_free(struct hist_meta *m)
{
	free(m->commit);
	free(m->branch);
	free(m->hostname);
	free(m->cpu_model);
	free(m->testbed);
	free(m->source);
	free(m->hash_extra);
	labels_free(m->labels, m->nlabels);
	memset(m, 0, sizeof *m);
}

void
hist_meta_label(struct hist_meta *m, const char *key, const char *value)
{
	for (size_t i = 0; i < m->nlabels; i++)
		if (strcmp(m->labels[i].key, key) == 0) {
			free(m->labels[i].value);
			m->labels[i].value = pk_xstrdup(value);
			return;
		}
	m->labels = pk_xreallocarray(m->labels, m->nlabels + 1,
				     sizeof *m->labels);
	m->labels[m->nlabels].key = pk_xstrdup(key);
	m->labels[m->nlabels].value = pk_xstrdup(value);
	m->nlabels++;
}

static char *
trim_dup(const char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return pk_xstrndup(s, n);
}

void
hist_meta_machine(struct hist_meta *m)
{
	char host[256];
	long nproc;

	if (m->hostname == NULL && gethostname(host, sizeof host) == 0) {
		host[sizeof host - 1] = '\0';
		m->hostname = pk_xstrdup(host);
	}
	if (m->cpu_model == NULL) {
		FILE *f = fopen("/proc/cpuinfo", "r");
		char *line = NULL;
		size_t cap = 0;

		while (f != NULL && getline(&line, &cap, f) > 0) {
			char *colon = strchr(line, ':');

			if (colon != NULL &&
			    (strncmp(line, "model name", 10) == 0 ||
			     strncmp(line, "Processor", 9) == 0 ||
			     strncmp(line, "cpu model", 9) == 0)) {
				m->cpu_model = trim_dup(colon + 1);
				break;
			}
		}
		free(line);
		if (f != NULL)
			fclose(f);
	}
	nproc = sysconf(_SC_NPROCESSORS_ONLN);
	if (m->cores == 0 && nproc > 0 && nproc < INT_MAX)
		m->cores = (int)nproc;
	if (m->testbed == NULL)
		m->testbed = hist_testbed_default(m->hostname, m->cpu_model,
						  m->cores);
}

/* Keep in step with migration 2 -> 3, which names the old runs so. */
char *
hist_testbed_default(const char *hostname, const char *cpu_model, int cores)
{
	if (hostname == NULL && cpu_model == NULL)
		return pk_xstrdup("");
	return pk_xasprintf("%s (%s, %d cores)", hostname ? hostname : "?",
			    cpu_model ? cpu_model : "?", cores);
}

void
hist_set_testbed(struct hist_db *db, const char *testbed)
{
	free(db->testbed);
	db->testbed = testbed ? pk_xstrdup(testbed) : NULL;
}

const char *
hist_db_testbed(const struct hist_db *db)
{
	return db->testbed;
}

/* Run git with args; its first output line (trimmed) or NULL. */
static char *
git_line(char *const argv[])
{
	int fd[2];
	pid_t pid;
	char buf[512];
	size_t n = 0;
	ssize_t r;
	int st;

	if (pipe(fd) != 0)
		return NULL;
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return NULL;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", 0);

		dup2(fd[1], 1);
		if (devnull >= 0)
			dup2(devnull, 2);
		close(fd[0]);
		close(fd[1]);
		execvp("git", argv);
		_exit(127);
	}
	close(fd[1]);
	r = fd_read_upto(fd[0], buf, sizeof buf - 1);
	n = r < 0 ? 0 : (size_t)r;
	close(fd[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || n == 0)
		return NULL;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return trim_dup(buf);
}

char *
hist_git_resolve(const char *rev)
{
	char *r = pk_xasprintf("%s^{commit}", rev);
	char *argv[] = { "git", "rev-parse", "--verify", "-q", r, NULL };
	char *sha;

	if (rev[0] == '-') { /* never an option to git */
		free(r);
		return NULL;
	}
	sha = git_line(argv);
	free(r);
	return sha;
}

int
hist_meta_git(struct hist_meta *m)
{
	char *head;

	{
		char *argv[] = { "git", "rev-parse", "--verify", "-q", "HEAD",
				 NULL };
		head = git_line(argv);
	}
	if (head == NULL)
		return -1;
	if (m->commit == NULL) {
		m->commit = head;
		if (m->date == 0) {
			char *argv[] = { "git", "show", "-s", "--format=%ct",
					 "HEAD", NULL };
			char *ct = git_line(argv);
			long long t;

			if (ct != NULL && pk_parse_ll(ct, &t) == 0)
				m->date = t;
			free(ct);
		}
	} else {
		free(head);
	}
	if (m->branch == NULL) {
		char *argv[] = { "git", "rev-parse", "--abbrev-ref", "HEAD",
				 NULL };
		char *b = git_line(argv);

		if (b != NULL && strcmp(b, "HEAD") != 0)
			m->branch = b;
		else
			free(b);
	}
	if (m->branch == NULL) {
		/* CI checkouts are often detached: ask the CI instead */
		static const char *const vars[] = {
			"GITHUB_HEAD_REF", "GITHUB_REF_NAME",
			"CI_COMMIT_REF_NAME", "BUILDKITE_BRANCH", "GIT_BRANCH",
		};

		for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
			const char *v = getenv(vars[i]);

			if (v != NULL && *v != '\0') {
				m->branch = pk_xstrdup(v);
				break;
			}
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- dates */

int
hist_parse_date(const char *s, int64_t *out)
{
	long long ll;
	struct tm tm;
	const char *p;
	long off = 0;
	time_t t;

	if (pk_parse_ll(s, &ll) == 0) {
		*out = ll;
		return 0;
	}
	memset(&tm, 0, sizeof tm);
	p = strptime(s, "%Y-%m-%d", &tm);
	if (p == NULL)
		return -1;
	if (*p == 'T' || *p == ' ') {
		p = strptime(p + 1, "%H:%M", &tm);
		if (p == NULL)
			return -1;
		if (*p == ':') {
			if (!isdigit((unsigned char)p[1]) ||
			    !isdigit((unsigned char)p[2]))
				return -1;
			tm.tm_sec = (p[1] - '0') * 10 + (p[2] - '0');
			p += 3;
			if (*p == '.' || *p == ',') {
				p++;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p == '-' ? -1 : 1;
			int hh, mm = 0;

			p++;
			if (!isdigit((unsigned char)p[0]) ||
			    !isdigit((unsigned char)p[1]))
				return -1;
			hh = (p[0] - '0') * 10 + (p[1] - '0');
			p += 2;
			if (*p == ':')
				p++;
			if (isdigit((unsigned char)p[0]) &&
			    isdigit((unsigned char)p[1])) {
				mm = (p[0] - '0') * 10 + (p[1] - '0');
				p += 2;
			}
			off = sign * (hh * 3600L + mm * 60L);
		}
	}
	if (*p != '\0')
		return -1;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return -1;
	*out = (int64_t)t - off;
	return 0;
}

void
hist_format_date(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, n, "%" PRId64, t);
}

bool
hist_glob(const char *glob, const char *name)
{
	return glob == NULL || fnmatch(glob, name, 0) == 0;
}

/* ---------------------------------------------------------------- sqlite */

static int
db_fail(struct hist_db *db, struct pk_err *err, const char *what)
{
	pk_err_set(err, "%s: %s: %s", db->path, what, hs_errmsg(db->db));
	return -1;
}

static int
exec(struct hist_db *db, const char *sql, struct pk_err *err)
{
	if (hs_exec(db->db, sql) != 0) {
		pk_err_set(err, "%s: %s", db->path, hs_errmsg(db->db));
		return -1;
	}
	return 0;
}

/* exec() for statements that escalate a lock they did not take up front
 * (the WAL switch on a new database): when that would deadlock with a
 * writer waiting to commit, SQLite answers SQLITE_BUSY at once without
 * calling the busy handler, so wait and retry here, for the same minute
 * the busy timeout allows. */
static int
exec_retry(struct hist_db *db, const char *sql, struct pk_err *err)
{
	sqlite3 *h = hs_sqlite_handle(db->db);

	for (int tries = 0; h != NULL; tries++) {
		int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);

		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY || tries >= 6000)
			break;
		sqlite3_sleep(10);
	}
	return exec(db, sql, err);
}

static struct hs_stmt *
prep(struct hist_db *db, const char *sql, struct pk_err *err)
{
	struct hs_stmt *st = hs_prepare(db->db, sql);

	if (st == NULL)
		db_fail(db, err, "prepare");
	return st;
}

#define bind_text hs_bind_text

static char *
col_dup(struct hs_stmt *st, int i)
{
	const char *s = hs_col_text(st, i);

	return s ? pk_xstrdup(s) : NULL;
}

static bool
is_pg(const struct hist_db *db)
{
	return hs_kind(db->db) == HS_PG;
}

static int
begin(struct hist_db *db, struct pk_err *err)
{
	if (hs_begin_write(db->db) != 0) {
		pk_err_set(err, "%s: %s", db->path, hs_errmsg(db->db));
		return -1;
	}
	return 0;
}

static int
commit(struct hist_db *db, struct pk_err *err)
{
	return exec(db, "COMMIT", err);
}

static void
rollback(struct hist_db *db)
{
	if (hs_in_tx(db->db))
		hs_exec(db->db, "ROLLBACK");
}

int
hist_begin(struct hist_db *db, struct pk_err *err)
{
	return begin(db, err);
}

int
hist_commit(struct hist_db *db, struct pk_err *err)
{
	return commit(db, err);
}

void
hist_rollback(struct hist_db *db)
{
	rollback(db);
}

/* The migrations: migrations[i] takes the schema from version i to i+1.
 * Append only; never edit a step that has shipped. */
static const char *const migrations[] = {
	/* 0 -> 1: runs, labels, benchmarks, samples */
	"CREATE TABLE runs ("
	"  id INTEGER PRIMARY KEY,"
	"  commit_sha TEXT NOT NULL,"
	"  branch TEXT,"
	"  date INTEGER NOT NULL,"
	"  recorded INTEGER NOT NULL,"
	"  hostname TEXT,"
	"  cpu_model TEXT,"
	"  cores INTEGER,"
	"  source TEXT,"
	"  input_hash TEXT NOT NULL,"
	"  UNIQUE (commit_sha, input_hash));"
	"CREATE TABLE labels ("
	"  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  key TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  PRIMARY KEY (run_id, key));"
	"CREATE TABLE benchmarks ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  metric TEXT NOT NULL DEFAULT 'time',"
	"  unit TEXT,"
	"  higher_is_better INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (name, metric));"
	"CREATE TABLE results ("
	"  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  bench_id INTEGER NOT NULL REFERENCES benchmarks(id),"
	"  status INTEGER NOT NULL DEFAULT 0," /* 0 ok, 1 failed, 2 timeout */
	"  exit_code INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (run_id, bench_id)) WITHOUT ROWID;"
	"CREATE TABLE samples ("
	"  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  bench_id INTEGER NOT NULL REFERENCES benchmarks(id),"
	"  seq INTEGER NOT NULL,"
	"  value REAL NOT NULL,"
	"  PRIMARY KEY (run_id, bench_id, seq)) WITHOUT ROWID;",
	/* 1 -> 2: baselines, indexes for the series and branch queries */
	"CREATE TABLE baselines ("
	"  name TEXT NOT NULL,"
	"  branch TEXT NOT NULL,"
	"  commit_sha TEXT NOT NULL,"
	"  set_at INTEGER NOT NULL,"
	"  PRIMARY KEY (name, branch));"
	"CREATE INDEX runs_by_date ON runs (date, id);"
	"CREATE INDEX runs_by_branch ON runs (branch, date, id);"
	"CREATE INDEX samples_by_bench ON samples (bench_id, run_id);",
	/* 2 -> 3: the testbed a run belongs to (hist_testbed_default for
	 * the runs recorded before) */
	"ALTER TABLE runs ADD COLUMN testbed TEXT NOT NULL DEFAULT '';"
	"UPDATE runs SET testbed = coalesce(hostname, '?') || ' (' || "
	"  coalesce(cpu_model, '?') || ', ' || coalesce(cores, 0) || "
	"  ' cores)' WHERE hostname IS NOT NULL OR cpu_model IS NOT NULL;"
	"CREATE INDEX runs_by_testbed ON runs (testbed, commit_sha);"
	/* ... and a result's tick (bench_entry.tick: .prof counts) */
	"ALTER TABLE results ADD COLUMN tick REAL NOT NULL DEFAULT 0;",
	/* 3 -> 4: acknowledged changes (prof-history ack): a benchmark (a
	 * display name or glob) whose change up to a commit is intended;
	 * commit_sha '' = any, commit_date the newest run date of that
	 * commit when acknowledged */
	"CREATE TABLE acks ("
	"  benchmark TEXT NOT NULL,"
	"  commit_sha TEXT NOT NULL DEFAULT '',"
	"  commit_date INTEGER NOT NULL DEFAULT 0,"
	"  reason TEXT NOT NULL,"
	"  acked_at INTEGER NOT NULL,"
	"  PRIMARY KEY (benchmark, commit_sha));",
};

static int int_pragma(struct hist_db *db, const char *sql, int *v,
		      struct pk_err *err);

/* The schema version: PRAGMA user_version in SQLite, the table
 * profkit_schema in PostgreSQL (0 when it does not exist yet). */
static int
user_version(struct hist_db *db, int *v, struct pk_err *err)
{
	int have;

	if (!is_pg(db))
		return int_pragma(db, "PRAGMA user_version", v, err);
	if (int_pragma(db, "SELECT to_regclass('profkit_schema') IS NOT NULL",
		       &have, err) != 0)
		return -1;
	*v = 0;
	if (have)
		return int_pragma(db, "SELECT coalesce(max(version), 0) FROM "
				  "profkit_schema", v, err);
	return 0;
}

static int
set_version(struct hist_db *db, int v, struct pk_err *err)
{
	char sql[128];

	if (is_pg(db))
		snprintf(sql, sizeof sql, "DELETE FROM profkit_schema; "
			 "INSERT INTO profkit_schema (version) VALUES (%d)", v);
	else
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
	return exec(db, sql, err);
}

/* A migration in PostgreSQL's spelling: 64-bit integers, identity keys
 * for SQLite's rowid aliases, float8 for REAL (lossless), byte-order
 * collation for text (the order SQLite sorts in: identical output). */
static char *
pg_ddl(const char *sql)
{
	static const char *const map[][2] = {
		{ "INTEGER PRIMARY KEY",
		  "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
		{ "INTEGER", "BIGINT" },
		{ "REAL", "DOUBLE PRECISION" },
		{ " WITHOUT ROWID", "" },
		{ "TEXT", "TEXT COLLATE \"C\"" },
	};
	size_t cap = 4 * strlen(sql) + 1, k = 0;
	char *out = pk_xmalloc(cap);

	for (const char *p = sql; *p;) {
		size_t i, nmap = sizeof map / sizeof map[0];

		for (i = 0; i < nmap; i++)
			if (strncmp(p, map[i][0], strlen(map[i][0])) == 0)
				break;
		if (i < nmap) {
			size_t n = strlen(map[i][1]);

			if (k + n + 1 > cap) {
				cap = 2 * (k + n + 1);
				out = pk_xrealloc(out, cap);
			}
			memcpy(out + k, map[i][1], n);
			k += n;
			p += strlen(map[i][0]);
		} else {
			if (k + 2 > cap) {
				cap *= 2;
				out = pk_xrealloc(out, cap);
			}
			out[k++] = *p++;
		}
	}
	out[k] = '\0';
	return out;
}

static int
int_pragma(struct hist_db *db, const char *sql, int *v, struct pk_err *err)
{
	struct hs_stmt *st = prep(db, sql, err);

	if (st == NULL)
		return -1;
	if (hs_step(st) != HS_ROW) {
		hs_finalize(st);
		return db_fail(db, err, "reading the database header");
	}
	*v = hs_col_int(st, 0);
	hs_finalize(st);
	return 0;
}

/* A SQLite file of another application is refused, never adopted and
 * written to: a foreign application_id, tables in a file without a
 * schema version, or a versioned file without our tables. */
static int
foreign(struct hist_db *db, int version, struct pk_err *err)
{
	int app, ntables, ours;

	if (is_pg(db)) {
		if (version == 0 &&
		    int_pragma(db, "SELECT to_regclass('runs') IS NOT NULL",
			       &ours, err) == 0 && ours) {
			pk_err_set(err, "%s: a table 'runs' but no profkit "
				   "schema version: not a profkit history; "
				   "refusing to change it", db->path);
			return -1;
		}
		return err->msg != NULL ? -1 : 0;
	}
	if (int_pragma(db, "PRAGMA application_id", &app, err) != 0 ||
	    int_pragma(db, "SELECT count(*) FROM sqlite_master", &ntables,
		       err) != 0 ||
	    int_pragma(db, "SELECT count(*) FROM sqlite_master WHERE "
		       "type = 'table' AND name IN ('runs', 'samples')",
		       &ours, err) != 0)
		return -1;
	if ((app != 0 && app != HIST_APP_ID) ||
	    (version == 0 && ntables > 0) || (version > 0 && ours < 2)) {
		pk_err_set(err, "%s: a SQLite database of another application "
			   "(application_id %d, %d schema objects): not a "
			   "profkit history; refusing to change it", db->path,
			   app, ntables);
		return -1;
	}
	return 0;
}

static int
migrate(struct hist_db *db, struct pk_err *err)
{
	const int latest = (int)(sizeof migrations / sizeof migrations[0]);
	int v;

	if (user_version(db, &v, err) != 0)
		return -1;
	db->found_version = v;
	if (v == latest)
		return 0;
	if (db->readonly) {
		pk_err_set(err, "%s: schema version %d needs migrating to %d, "
			   "but the database is read-only", db->path, v, latest);
		return -1;
	}
	if (begin(db, err) != 0)
		return -1;
	if (is_pg(db)) {
		char sql[64];

		/* migrations queue (DDL of two at once would clash) */
		snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock(%d)",
			 HIST_APP_ID);
		if (exec(db, sql, err) != 0)
			goto fail;
	}
	/* another process may have migrated while we waited for the lock */
	if (user_version(db, &v, err) != 0)
		goto fail;
	if (v > latest) {
		pk_err_set(err, "%s: schema version %d is newer than this "
			   "profkit knows (%d); upgrade profkit", db->path, v,
			   latest);
		goto fail;
	}
	if (v == 0) {
		char sql[64];

		if (is_pg(db))
			snprintf(sql, sizeof sql, "CREATE TABLE profkit_schema "
				 "(version INTEGER NOT NULL)");
		else
			snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
				 HIST_APP_ID);
		if (exec(db, sql, err) != 0)
			goto fail;
	}
	for (; v < latest; v++) {
		int rc;

		if (is_pg(db)) {
			char *ddl = pg_ddl(migrations[v]);

			rc = exec(db, ddl, err);
			free(ddl);
		} else {
			rc = exec(db, migrations[v], err);
		}
		if (rc != 0 || set_version(db, v + 1, err) != 0)
			goto fail;
	}
	if (commit(db, err) != 0)
		goto fail;
	return 0;
fail:
	rollback(db);
	return -1;
}

static int
mkdir_parent(const char *path, struct pk_err *err)
{
	char *dir = pk_xstrdup(path);
	char *slash = strrchr(dir, '/');

	if (slash == NULL || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
			pk_err_set(err, "%s: %s", dir, strerror(errno));
			free(dir);
			return -1;
		}
		*p = '/';
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		pk_err_set(err, "%s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	return 0;
}

/* Can we write the file and create its -wal/-shm beside it? */
static bool
writable(const char *path)
{
	char *dir = pk_xstrdup(path), *slash = strrchr(dir, '/');
	bool ok;

	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	ok = access(path, W_OK) == 0 && access(dir, W_OK) == 0;
	free(dir);
	return ok;
}

/* "file:PATH" + query, PATH percent-escaped where a URI needs it */
static char *
file_uri(const char *path, const char *query)
{
	size_t n = strlen(path), ql = strlen(query), k = 0;
	char *u = pk_xmalloc(5 + 3 * n + ql + 1);

	memcpy(u, "file:", 5);
	k = 5;
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#') {
			k += (size_t)sprintf(u + k, "%%%02X", (unsigned char)*p);
		} else {
			u[k++] = *p;
		}
	}
	memcpy(u + k, query, ql + 1);
	return u;
}

static bool
is_pg_url(const char *s)
{
	return strncmp(s, "postgresql://", 13) == 0 ||
	       strncmp(s, "postgres://", 11) == 0;
}

static struct hist_db *
open_pg(const char *url, bool create, struct pk_err *err)
{
	struct hist_db *db = pk_xcalloc(1, sizeof *db);
	char *msg = NULL;
	int v;

	/* messages name the server without its password */
	db->path = hs_mask_url(url);
	db->db = hs_open_pg(url, &msg);
	if (db->db == NULL) {
		pk_err_set(err, "%s: %s", db->path, msg);
		free(msg);
		goto fail;
	}
	if (user_version(db, &v, err) != 0 || foreign(db, v, err) != 0)
		goto fail;
	if (v == 0 && !create) {
		pk_err_set(err, "%s: no history database (record or import "
			   "something first)", db->path);
		goto fail;
	}
	if (migrate(db, err) != 0)
		goto fail;
	return db;
fail:
	hist_close(db);
	return NULL;
}

/* The database file and its WAL side files. */
static void
remove_db(const char *path)
{
	char *side;

	unlink(path);
	side = pk_xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	side = pk_xasprintf("%s-shm", path);
	unlink(side);
	free(side);
}

/* Nothing recorded: no run, no baseline, no acknowledgement (or the
 * question cannot be answered, which a new file's failure leaves). */
static bool
holds_nothing(struct hist_db *db)
{
	struct pk_err err = { NULL };
	int v = 0;

	if (int_pragma(db, "SELECT EXISTS (SELECT 1 FROM runs) OR "
		       "EXISTS (SELECT 1 FROM baselines) OR "
		       "EXISTS (SELECT 1 FROM acks)", &v, &err) != 0) {
		pk_err_clear(&err);
		return true;
	}
	return v == 0;
}

struct hist_db *
hist_open(const char *path, bool create, struct pk_err *err)
{
	struct hist_db *db = pk_xcalloc(1, sizeof *db);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
	struct stat sb;

	bool created = false;
	char *uri = NULL, *msg = NULL;

	if (is_pg_url(path)) {
		free(db);
		return open_pg(path, create, err);
	}
	/* "sqlite:PATH" is PATH */
	if (strncmp(path, "sqlite:", 7) == 0)
		path += 7;
	db->path = pk_xstrdup(path);
	/* "" (an unset $DB) would be a temporary database: nothing kept.
	 * ":memory:" is for tests of this library; the tool refuses it. */
	if (path[0] == '\0' || strncmp(path, "file:", 5) == 0) {
		pk_err_set(err, "'%s': not a database file name (an unset "
			   "variable?); nothing would be kept", path);
		goto fail;
	}
	if (stat(path, &sb) != 0) {
		if (!create) {
			pk_err_set(err, "%s: no history database (record or "
				   "import something first)", path);
			goto fail;
		}
		if (mkdir_parent(path, err) != 0)
			goto fail;
		flags |= SQLITE_OPEN_CREATE;
		created = true;
	} else if (!create && !writable(path)) {
		/* reading commands work on a read-only file or mount: no
		 * WAL switch, and on a read-only mount (no -shm can be
		 * made, no writer can exist) SQLite's immutable mode */
		struct statvfs vs;

		db->readonly = true;
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX;
		if (statvfs(path, &vs) == 0 && (vs.f_flag & ST_RDONLY)) {
			uri = file_uri(path, "?immutable=1");
			flags |= SQLITE_OPEN_URI;
		}
	}
	db->db = hs_open_sqlite(uri ? uri : path, flags, &msg);
	if (db->db == NULL) {
		pk_err_set(err, "%s: %s", path, msg);
		free(msg);
		goto fail;
	}
	sqlite3_extended_result_codes(hs_sqlite_handle(db->db), 1);
	/* Writers from parallel CI jobs wait for each other (up to a
	 * minute) instead of failing with "database is locked". */
	sqlite3_busy_timeout(hs_sqlite_handle(db->db), 60000);
	/* before anything writes (the WAL switch changes the header) */
	{
		int v;

		if (int_pragma(db, "PRAGMA user_version", &v, err) != 0) {
			pk_err_clear(err);
			pk_err_set(err, "%s: %s", path, hs_errmsg(db->db));
			goto fail;
		}
		if (foreign(db, v, err) != 0)
			goto fail;
	}
	if ((!db->readonly &&
	     exec_retry(db, "PRAGMA journal_mode = WAL", err) != 0) ||
	    exec(db, "PRAGMA synchronous = NORMAL", err) != 0 ||
	    exec(db, "PRAGMA foreign_keys = ON", err) != 0)
		goto fail;
	/* A file that is not a database fails here with a clear message. */
	if (migrate(db, err) != 0)
		goto fail;
	free(uri);
	db->created = created;
	return db;
fail:
	free(uri);
	hist_close(db);
	/* a database this call created and could not set up (a full disk)
	 * is not left behind empty */
	if (created)
		remove_db(path);
	return NULL;
}

void
hist_close(struct hist_db *db)
{
	bool discard;

	if (db == NULL)
		return;
	/* a new file the command failed to record into (bad input) is
	 * not left behind empty for the next run to take as a history */
	discard = db->created && holds_nothing(db);
	hs_close(db->db);
	if (discard)
		remove_db(db->path);
	free(db->path);
	free(db->testbed);
	free(db);
}

const char *
hist_db_path(const struct hist_db *db)
{
	return db->path;
}

int
hist_db_found_version(const struct hist_db *db)
{
	return db->found_version;
}

/* ---------------------------------------------------------------- record */

/* Two independent 64-bit FNV-1a style hashes over the canonical content:
 * 128 bits identify "the same input". */
struct hasher {
	uint64_t a, b;
};

static void
hash_bytes(struct hasher *h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++) {
		h->a = (h->a ^ s[i]) * 0x100000001b3ULL;
		h->b = (h->b ^ s[i]) * 0x9e3779b97f4a7c15ULL;
		h->b ^= h->b >> 29;
	}
}

static void
hash_str(struct hasher *h, const char *s)
{
	hash_bytes(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

static void
input_hash(const struct bench_set *set, const char *extra, char out[33])
{
	struct hasher h = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL };

	if (extra != NULL)
		hash_str(&h, extra);
	for (size_t i = 0; i < set->n; i++) {
		const struct bench_entry *b = &set->v[i];
		uint64_t n = b->n, stat = (uint64_t)b->status;

		hash_str(&h, b->name);
		hash_str(&h, b->metric);
		hash_str(&h, b->unit);
		hash_bytes(&h, &n, sizeof n);
		hash_bytes(&h, &stat, sizeof stat);
		for (size_t j = 0; j < b->n; j++) {
			char num[32];

			snprintf(num, sizeof num, "%.17g", b->samples[j]);
			hash_str(&h, num);
		}
	}
	snprintf(out, 33, "%016" PRIx64 "%016" PRIx64, h.a, h.b);
}

static int
bench_id(struct hist_db *db, const struct bench_entry *b, int64_t *id,
	 struct pk_err *err)
{
	struct hs_stmt *st;
	int rc;

	st = prep(db, "INSERT INTO benchmarks (name, metric, unit, "
		  "higher_is_better) VALUES (?1, ?2, ?3, ?4) "
		  "ON CONFLICT (name, metric) DO UPDATE SET "
		  "unit = coalesce(excluded.unit, benchmarks.unit), "
		  "higher_is_better = excluded.higher_is_better", err);
	if (st == NULL)
		return -1;
	bind_text(st, 1, b->name);
	bind_text(st, 2, b->metric ? b->metric : "time");
	bind_text(st, 3, b->unit);
	hs_bind_int64(st, 4, b->dir == BENCH_HIGHER_IS_BETTER);
	rc = hs_step(st);
	hs_finalize(st);
	if (rc != HS_DONE)
		return db_fail(db, err, "storing a benchmark");
	st = prep(db, "SELECT id FROM benchmarks WHERE name = ?1 AND "
		  "metric = ?2", err);
	if (st == NULL)
		return -1;
	bind_text(st, 1, b->name);
	bind_text(st, 2, b->metric ? b->metric : "time");
	if (hs_step(st) != HS_ROW) {
		hs_finalize(st);
		return db_fail(db, err, "finding a benchmark");
	}
	*id = hs_col_int64(st, 0);
	hs_finalize(st);
	return 0;
}

/* 1 and *id when (commit, hash) is stored, 0 when not, -1 on error. */
static int
find_run(struct hist_db *db, const char *commit_sha, const char *hash,
	 int64_t *id, struct pk_err *err)
{
	struct hs_stmt *st = prep(db, "SELECT id FROM runs WHERE "
				  "commit_sha = ?1 AND input_hash = ?2", err);
	int rc;

	if (st == NULL)
		return -1;
	bind_text(st, 1, commit_sha);
	bind_text(st, 2, hash);
	rc = hs_step(st);
	if (rc == HS_ROW)
		*id = hs_col_int64(st, 0);
	hs_finalize(st);
	if (rc == HS_ERROR)
		return db_fail(db, err, "looking up the commit");
	return rc == HS_ROW;
}

static int
record_once(struct hist_db *db, const struct hist_meta *m,
	    const struct bench_set *set, int64_t *run_id, bool *existed,
	    struct pk_err *err)
{
	char hash[33];
	struct hs_stmt *st = NULL;
	bool own;
	int rc;

	*existed = false;
	*run_id = 0;
	if (m->commit == NULL || *m->commit == '\0') {
		pk_err_set(err, "no commit given (use --commit outside a git "
			   "checkout)");
		return -1;
	}
	for (size_t i = 0; i < set->n; i++)
		for (size_t j = 0; j < set->v[i].n; j++)
			if (!isfinite(set->v[i].samples[j])) {
				pk_err_set(err, "benchmark %s: sample %zu is "
					   "not a finite number",
					   set->v[i].name, j + 1);
				return -1;
			}
	for (size_t i = 0; i < set->n; i++)
		for (size_t j = i + 1; j < set->n; j++)
			if (strcmp(set->v[i].name, set->v[j].name) == 0 &&
			    strcmp(set->v[i].metric, set->v[j].metric) == 0) {
				pk_err_set(err, "benchmark %s (%s) appears "
					   "twice in one result set",
					   set->v[i].name, set->v[i].metric);
				return -1;
			}
	{
		/* the same bytes from two testbeds are two runs */
		char *extra = m->testbed && m->testbed[0]
				      ? pk_xasprintf("%s\ntestbed:%s",
						     m->hash_extra ? m->hash_extra
								   : "",
						     m->testbed)
				      : NULL;

		input_hash(set, extra ? extra : m->hash_extra, hash);
		free(extra);
	}
	own = !hs_in_tx(db->db);
	if ((own ? begin(db, err) : exec(db, "SAVEPOINT hist_record", err)) != 0)
		return -1;
	/* found: nothing to write (and no id used up) */
	rc = find_run(db, m->commit, hash, run_id, err);
	if (rc < 0)
		goto fail;
	if (rc > 0) {
		*existed = true;
		if ((own ? commit(db, err)
			 : exec(db, "RELEASE hist_record", err)) != 0)
			goto fail;
		return 0;
	}
	/* Insert or find: a concurrent writer of the same run (another
	 * connection to PostgreSQL) makes this wait for its commit, then
	 * find its row; the run is never stored twice. */
	st = prep(db, "INSERT INTO runs (commit_sha, branch, date, recorded, "
		  "hostname, cpu_model, cores, source, input_hash, testbed) "
		  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		  "ON CONFLICT (commit_sha, input_hash) DO NOTHING "
		  "RETURNING id", err);
	if (st == NULL)
		goto fail;
	bind_text(st, 1, m->commit);
	bind_text(st, 2, m->branch);
	hs_bind_int64(st, 3, m->date ? m->date : (int64_t)time(NULL));
	hs_bind_int64(st, 4, (int64_t)time(NULL));
	bind_text(st, 5, m->hostname);
	bind_text(st, 6, m->cpu_model);
	if (m->cores > 0)
		hs_bind_int64(st, 7, m->cores);
	else
		hs_bind_null_int(st, 7);
	bind_text(st, 8, m->source);
	bind_text(st, 9, hash);
	if (m->testbed != NULL) {
		bind_text(st, 10, m->testbed);
	} else {
		char *tb = hist_testbed_default(m->hostname, m->cpu_model,
						m->cores);

		bind_text(st, 10, tb);
		free(tb);
	}
	rc = hs_step(st);
	if (rc == HS_ROW)
		*run_id = hs_col_int64(st, 0);
	hs_finalize(st);
	if (rc == HS_ERROR) {
		db_fail(db, err, "storing the run");
		goto fail;
	}
	if (rc == HS_DONE) {
		/* stored meanwhile by a concurrent writer */
		if (find_run(db, m->commit, hash, run_id, err) <= 0) {
			if (err->msg == NULL)
				pk_err_set(err, "%s: a run vanished while "
					   "recording", db->path);
			goto fail;
		}
		*existed = true;
		if ((own ? commit(db, err)
			 : exec(db, "RELEASE hist_record", err)) != 0)
			goto fail;
		return 0;
	}

	st = prep(db, "INSERT INTO labels (run_id, key, value) VALUES "
		  "(?1, ?2, ?3)", err);
	if (st == NULL)
		goto fail;
	for (size_t i = 0; i < m->nlabels; i++) {
		hs_reset(st);
		hs_bind_int64(st, 1, *run_id);
		bind_text(st, 2, m->labels[i].key);
		bind_text(st, 3, m->labels[i].value);
		if (hs_step(st) != HS_DONE) {
			hs_finalize(st);
			db_fail(db, err, "storing a label");
			goto fail;
		}
	}
	hs_finalize(st);

	for (size_t i = 0; i < set->n; i++) {
		const struct bench_entry *b = &set->v[i];
		int64_t bid;

		if (bench_id(db, b, &bid, err) != 0)
			goto fail;
		st = prep(db, "INSERT INTO results (run_id, bench_id, status, "
			  "exit_code, tick) VALUES (?1, ?2, ?3, ?4, ?5)", err);
		if (st == NULL)
			goto fail;
		hs_bind_int64(st, 1, *run_id);
		hs_bind_int64(st, 2, bid);
		hs_bind_int64(st, 3, (int)b->status);
		hs_bind_int64(st, 4, b->exit_code);
		hs_bind_double(st, 5, b->tick);
		rc = hs_step(st);
		hs_finalize(st);
		if (rc != HS_DONE) {
			db_fail(db, err, "storing a result");
			goto fail;
		}
		st = prep(db, "INSERT INTO samples (run_id, bench_id, seq, "
			  "value) VALUES (?1, ?2, ?3, ?4)", err);
		if (st == NULL)
			goto fail;
		for (size_t j = 0; j < b->n; j++) {
			hs_reset(st);
			hs_bind_int64(st, 1, *run_id);
			hs_bind_int64(st, 2, bid);
			hs_bind_int64(st, 3, (int64_t)j);
			hs_bind_double(st, 4, b->samples[j]);
			if (hs_step(st) != HS_DONE) {
				hs_finalize(st);
				db_fail(db, err, "storing a sample");
				goto fail;
			}
		}
		hs_finalize(st);
	}
	if ((own ? commit(db, err) : exec(db, "RELEASE hist_record", err)) != 0)
		goto fail;
	return 0;
fail:
	if (own)
		rollback(db);
	else
		hs_exec(db->db, "ROLLBACK TO hist_record; "
			"RELEASE hist_record");
	*run_id = 0;
	return -1;
}

int
hist_record(struct hist_db *db, const struct hist_meta *m,
	    const struct bench_set *set, int64_t *run_id, bool *existed,
	    struct pk_err *err)
{
	bool own = !hs_in_tx(db->db);

	/* PostgreSQL: two writers upserting the same benchmarks in another
	 * order can deadlock; the server aborts one, which starts again */
	for (int attempt = 0;; attempt++) {
		if (record_once(db, m, set, run_id, existed, err) == 0)
			return 0;
		if (!own || attempt >= 8 || !hs_retryable(db->db))
			return -1;
		pk_err_clear(err);
		usleep((useconds_t)(1000 << attempt));
	}
}

/* ---------------------------------------------------------------- copy */

/* One table copied row by row: each row `select` yields goes into
 * `insert`.  cols has one letter per selected column: t text, i integer,
 * n integer or NULL, d real.  The leading parameters of both statements
 * are keys (a run id, a benchmark id); the columns follow them in insert.
 * row and rows name the data in messages ("storing a label", "reading
 * labels"). */
struct copy_table {
	const char *select, *insert, *cols, *row, *rows;
};

static const struct copy_table copy_labels_t = {
	"SELECT key, value FROM labels WHERE run_id = ?1 ORDER BY key",
	"INSERT INTO labels (run_id, key, value) VALUES (?1, ?2, ?3)",
	"tt", "a label", "labels",
};
static const struct copy_table copy_samples_t = {
	"SELECT seq, value FROM samples WHERE run_id = ?1 AND bench_id = ?2 "
	"ORDER BY seq",
	"INSERT INTO samples (run_id, bench_id, seq, value) "
	"VALUES (?1, ?2, ?3, ?4)",
	"id", "a sample", "samples",
};
static const struct copy_table copy_baselines_t = {
	"SELECT name, branch, commit_sha, set_at FROM baselines "
	"ORDER BY branch, name",
	"INSERT INTO baselines (name, branch, commit_sha, set_at) "
	"VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name, branch) "
	"DO UPDATE SET commit_sha = excluded.commit_sha, "
	"set_at = excluded.set_at",
	"ttti", "a baseline", "baselines",
};
/* acknowledged changes (prof-history ack) */
static const struct copy_table copy_acks_t = {
	"SELECT benchmark, commit_sha, commit_date, reason, acked_at FROM acks "
	"ORDER BY benchmark, commit_sha",
	"INSERT INTO acks (benchmark, commit_sha, commit_date, reason, "
	"acked_at) VALUES (?1, ?2, ?3, ?4, ?5) "
	"ON CONFLICT (benchmark, commit_sha) DO UPDATE SET "
	"commit_date = excluded.commit_date, "
	"reason = excluded.reason, acked_at = excluded.acked_at",
	"ttiti", "an acknowledgement", "acknowledgements",
};

/* Bind the columns of q's current row (from column first) to ins's
 * parameters from param on, by cols. */
static void
copy_bind(struct hs_stmt *ins, int param, struct hs_stmt *q, int first,
	  const char *cols)
{
	for (int i = 0; cols[i] != '\0'; i++) {
		int c = first + i, k = param + i;

		switch (cols[i]) {
		case 't': bind_text(ins, k, hs_col_text(q, c)); break;
		case 'i': hs_bind_int64(ins, k, hs_col_int64(q, c)); break;
		case 'd': hs_bind_double(ins, k, hs_col_double(q, c)); break;
		case 'n':
			if (hs_col_null(q, c))
				hs_bind_null_int(ins, k);
			else
				hs_bind_int64(ins, k, hs_col_int64(q, c));
			break;
		}
	}
}

/* Copy the rows of the prepared q (its keys bound) into ins, whose first
 * nkeys parameters get keys.  *n counts the rows (n may be NULL). */
static int
copy_rows(struct hist_db *from, struct hist_db *to, struct hs_stmt *q,
	  struct hs_stmt *ins, const struct copy_table *t,
	  const int64_t *keys, int nkeys, size_t *n, struct pk_err *err)
{
	char what[64];
	int rc;

	while ((rc = hs_step(q)) == HS_ROW) {
		hs_reset(ins);
		for (int k = 0; k < nkeys; k++)
			hs_bind_int64(ins, k + 1, keys[k]);
		copy_bind(ins, nkeys + 1, q, 0, t->cols);
		if (hs_step(ins) != HS_DONE) {
			snprintf(what, sizeof what, "storing %s", t->row);
			return db_fail(to, err, what);
		}
		if (n != NULL)
			(*n)++;
	}
	if (rc != HS_DONE) {
		snprintf(what, sizeof what, "reading %s", t->rows);
		return db_fail(from, err, what);
	}
	return 0;
}

/* The same preparing both statements: q's keys are from_keys, ins's
 * to_keys (nkeys of each). */
static int
copy_table(struct hist_db *from, struct hist_db *to,
	   const struct copy_table *t, const int64_t *from_keys,
	   const int64_t *to_keys, int nkeys, size_t *n, struct pk_err *err)
{
	struct hs_stmt *q, *ins;
	int ret = -1;

	if ((q = prep(from, t->select, err)) == NULL)
		return -1;
	if ((ins = prep(to, t->insert, err)) != NULL) {
		for (int k = 0; k < nkeys; k++)
			hs_bind_int64(q, k + 1, from_keys[k]);
		ret = copy_rows(from, to, q, ins, t, to_keys, nkeys, n, err);
	}
	hs_finalize(q);
	hs_finalize(ins);
	return ret;
}

/* Copy the results and samples of run `from_id` (of from) to run
 * `to_id` (of to); a benchmark gets its id in to. */
static int
copy_results(struct hist_db *from, struct hist_db *to, int64_t from_id,
	     int64_t to_id, struct pk_err *err)
{
	struct hs_stmt *q, *ins = NULL, *sq = NULL, *sins = NULL;
	int rc, ret = -1;

	q = prep(from, "SELECT b.name, b.metric, b.unit, b.higher_is_better, "
		 "x.status, x.exit_code, x.tick, x.bench_id FROM results x "
		 "JOIN benchmarks b ON b.id = x.bench_id WHERE x.run_id = ?1 "
		 "ORDER BY b.id", err);
	if (q == NULL)
		return -1;
	hs_bind_int64(q, 1, from_id);
	ins = prep(to, "INSERT INTO results (run_id, bench_id, status, "
		   "exit_code, tick) VALUES (?1, ?2, ?3, ?4, ?5)", err);
	sq = prep(from, copy_samples_t.select, err);
	sins = prep(to, copy_samples_t.insert, err);
	if (ins == NULL || sq == NULL || sins == NULL)
		goto out;
	while ((rc = hs_step(q)) == HS_ROW) {
		struct bench_entry b;
		int64_t keys[2] = { to_id, 0 };

		memset(&b, 0, sizeof b);
		b.name = (char *)hs_col_text(q, 0);
		b.metric = (char *)hs_col_text(q, 1);
		b.unit = (char *)hs_col_text(q, 2);
		b.dir = hs_col_int(q, 3) ? BENCH_HIGHER_IS_BETTER
					 : BENCH_LOWER_IS_BETTER;
		if (bench_id(to, &b, &keys[1], err) != 0)
			goto out;
		hs_reset(ins);
		hs_bind_int64(ins, 1, to_id);
		hs_bind_int64(ins, 2, keys[1]);
		copy_bind(ins, 3, q, 4, "iid");
		if (hs_step(ins) != HS_DONE) {
			db_fail(to, err, "storing a result");
			goto out;
		}
		hs_reset(sq);
		hs_bind_int64(sq, 1, from_id);
		hs_bind_int64(sq, 2, hs_col_int64(q, 7));
		if (copy_rows(from, to, sq, sins, &copy_samples_t, keys, 2,
			      NULL, err) != 0)
			goto out;
	}
	if (rc != HS_DONE) {
		db_fail(from, err, "reading results");
		goto out;
	}
	ret = 0;
out:
	hs_finalize(q);
	hs_finalize(ins);
	hs_finalize(sq);
	hs_finalize(sins);
	return ret;
}

int
hist_copy(struct hist_db *from, struct hist_db *to,
	  struct hist_copy_stats *stats, struct pk_err *err)
{
	struct hs_stmt *q = NULL, *ins = NULL;
	int rc;

	memset(stats, 0, sizeof *stats);
	if (hs_begin_read(from->db) != 0) {
		db_fail(from, err, "starting a read");
		return -1;
	}
	if (begin(to, err) != 0) {
		rollback(from);
		return -1;
	}
	q = prep(from, "SELECT id, commit_sha, branch, date, recorded, "
		 "hostname, cpu_model, cores, source, input_hash, testbed "
		 "FROM runs ORDER BY id", err);
	ins = prep(to, "INSERT INTO runs (commit_sha, branch, date, recorded, "
		   "hostname, cpu_model, cores, source, input_hash, testbed) "
		   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		   "ON CONFLICT (commit_sha, input_hash) DO NOTHING "
		   "RETURNING id", err);
	if (q == NULL || ins == NULL)
		goto fail;
	while ((rc = hs_step(q)) == HS_ROW) {
		int64_t from_id = hs_col_int64(q, 0), to_id = 0;

		hs_reset(ins);
		copy_bind(ins, 1, q, 1, "ttnnttnttt");
		rc = hs_step(ins);
		if (rc == HS_ERROR) {
			db_fail(to, err, "storing a run");
			goto fail;
		}
		if (rc == HS_DONE) {
			stats->existed++;
			continue;
		}
		to_id = hs_col_int64(ins, 0);
		if (copy_table(from, to, &copy_labels_t, &from_id, &to_id, 1,
			       NULL, err) != 0 ||
		    copy_results(from, to, from_id, to_id, err) != 0)
			goto fail;
		stats->runs++;
	}
	if (rc != HS_DONE) {
		db_fail(from, err, "reading runs");
		goto fail;
	}
	hs_finalize(q);
	hs_finalize(ins);
	q = ins = NULL;
	if (copy_table(from, to, &copy_baselines_t, NULL, NULL, 0,
		       &stats->baselines, err) != 0 ||
	    copy_table(from, to, &copy_acks_t, NULL, NULL, 0, NULL, err) != 0)
		goto fail;
	if (commit(to, err) != 0)
		goto fail;
	rollback(from);
	return 0;
fail:
	hs_finalize(q);
	hs_finalize(ins);
	rollback(to);
	rollback(from);
	return -1;
}

/* ---------------------------------------------------------------- reading */

void
hist_run_free(struct hist_run *r)
{
	free(r->commit);
	free(r->branch);
	free(r->hostname);
	free(r->cpu_model);
	free(r->source);
	labels_free(r->labels, r->nlabels);
	memset(r, 0, sizeof *r);
}

void
hist_runs_free(struct hist_run *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hist_run_free(&r[i]);
	free(r);
}

static int
run_labels(struct hist_db *db, struct hist_run *r, struct pk_err *err)
{
	struct hs_stmt *st = prep(db, "SELECT key, value FROM labels WHERE "
				"run_id = ?1 ORDER BY key", err);
	int rc;

	if (st == NULL)
		return -1;
	hs_bind_int64(st, 1, r->id);
	while ((rc = hs_step(st)) == HS_ROW) {
		r->labels = pk_xreallocarray(r->labels, r->nlabels + 1,
					     sizeof *r->labels);
		r->labels[r->nlabels].key = col_dup(st, 0);
		r->labels[r->nlabels].value = col_dup(st, 1);
		r->nlabels++;
	}
	hs_finalize(st);
	if (rc != HS_DONE)
		return db_fail(db, err, "reading labels");
	return 0;
}

int
hist_runs(struct hist_db *db, const char *branch, const char *commit,
	  size_t limit, struct hist_run **runs, size_t *n, struct pk_err *err)
{
	struct hs_stmt *st;
	struct hist_run *r = NULL;
	size_t cnt = 0;
	int rc;

	*runs = NULL;
	*n = 0;
	st = prep(db,
		  "SELECT * FROM (SELECT r.id, r.commit_sha, r.branch, r.date, "
		  "r.recorded, r.hostname, r.cpu_model, r.cores, r.source, "
		  "(SELECT count(*) FROM results x WHERE x.run_id = r.id), "
		  "(SELECT count(*) FROM samples s WHERE s.run_id = r.id) "
		  "FROM runs r WHERE (?1 IS NULL OR r.branch = ?1) AND "
		  "(?2 IS NULL OR r.commit_sha = ?2) "
		  "ORDER BY r.date DESC, r.id DESC LIMIT ?3) AS q "
		  "ORDER BY 4, 1", err);
	if (st == NULL)
		return -1;
	bind_text(st, 1, branch);
	bind_text(st, 2, commit);
	hs_bind_int64(st, 3, limit ? (int64_t)limit : INT64_MAX);
	while ((rc = hs_step(st)) == HS_ROW) {
		struct hist_run *x;

		r = pk_xreallocarray(r, cnt + 1, sizeof *r);
		x = &r[cnt++];
		memset(x, 0, sizeof *x);
		x->id = hs_col_int64(st, 0);
		x->commit = col_dup(st, 1);
		x->branch = col_dup(st, 2);
		x->date = hs_col_int64(st, 3);
		x->recorded = hs_col_int64(st, 4);
		x->hostname = col_dup(st, 5);
		x->cpu_model = col_dup(st, 6);
		x->cores = hs_col_int(st, 7);
		x->source = col_dup(st, 8);
		x->nbench = (size_t)hs_col_int64(st, 9);
		x->nsamples = (size_t)hs_col_int64(st, 10);
	}
	hs_finalize(st);
	if (rc != HS_DONE) {
		hist_runs_free(r, cnt);
		return db_fail(db, err, "reading runs");
	}
	for (size_t i = 0; i < cnt; i++)
		if (run_labels(db, &r[i], err) != 0) {
			hist_runs_free(r, cnt);
			return -1;
		}
	*runs = r;
	*n = cnt;
	return 0;
}

/* Fill set from rows (name, metric, unit, hib, status, exit, value, tick) where
 * value is NULL for a result without samples. */
static int
fill_set(struct hist_db *db, struct hs_stmt *st, struct bench_set *set,
	 struct pk_err *err)
{
	int rc;

	while ((rc = hs_step(st)) == HS_ROW) {
		const char *name = hs_col_text(st, 0);
		const char *metric = hs_col_text(st, 1);
		const char *unit = hs_col_text(st, 2);
		struct bench_entry *e;
		int status = hs_col_int(st, 4);

		e = hist_entry(set, name ? name : "", metric, unit,
			       hs_col_int(st, 3) != 0);
		if (status != BENCH_OK && e->status != BENCH_TIMEOUT) {
			e->status = status == BENCH_TIMEOUT ? BENCH_TIMEOUT
							    : BENCH_FAILED;
			e->exit_code = hs_col_int(st, 5);
		}
		if (!hs_col_null(st, 6))
			bench_entry_add(e, hs_col_double(st, 6));
		e->tick = hs_col_double(st, 7);
	}
	if (rc != HS_DONE)
		return db_fail(db, err, "reading samples");
	return 0;
}

int
hist_run_set(struct hist_db *db, int64_t run_id, struct bench_set *set,
	     struct pk_err *err)
{
	struct hs_stmt *st;
	int rc;

	st = prep(db, "SELECT b.name, b.metric, b.unit, b.higher_is_better, "
		  "x.status, x.exit_code, s.value, x.tick FROM results x "
		  "JOIN benchmarks b ON b.id = x.bench_id "
		  "LEFT JOIN samples s ON s.run_id = x.run_id AND "
		  "s.bench_id = x.bench_id WHERE x.run_id = ?1 "
		  "ORDER BY b.name, b.metric, s.seq", err);
	if (st == NULL)
		return -1;
	hs_bind_int64(st, 1, run_id);
	rc = fill_set(db, st, set, err);
	hs_finalize(st);
	return rc;
}

int
hist_commit_set(struct hist_db *db, const char *commit_sha,
		struct bench_set *set, struct pk_err *err)
{
	struct hs_stmt *st;
	int rc;

	st = prep(db, "SELECT b.name, b.metric, b.unit, b.higher_is_better, "
		  "x.status, x.exit_code, s.value, x.tick FROM runs r "
		  "JOIN results x ON x.run_id = r.id "
		  "JOIN benchmarks b ON b.id = x.bench_id "
		  "LEFT JOIN samples s ON s.run_id = x.run_id AND "
		  "s.bench_id = x.bench_id WHERE r.commit_sha = ?1 "
		  "AND (?2 IS NULL OR r.testbed = ?2 OR r.testbed = '') "
		  "ORDER BY b.name, b.metric, r.id, s.seq", err);
	if (st == NULL)
		return -1;
	bind_text(st, 1, commit_sha);
	bind_text(st, 2, db->testbed);
	rc = fill_set(db, st, set, err);
	hs_finalize(st);
	return rc;
}

int
hist_window_set(struct hist_db *db, const char *branch, size_t n,
		struct bench_set *set, size_t *nruns, char **newest,
		struct pk_err *err)
{
	struct hs_stmt *st;
	int64_t *ids = pk_xcalloc(n + 1, sizeof *ids);
	size_t k = 0;
	int rc;

	*nruns = 0;
	*newest = NULL;
	st = prep(db, "SELECT id, commit_sha FROM runs WHERE (?1 IS NULL OR "
		  "branch = ?1) AND (?2 IS NULL OR testbed = ?2 OR "
		  "testbed = '') ORDER BY date DESC, id DESC LIMIT ?3", err);
	if (st == NULL) {
		free(ids);
		return -1;
	}
	bind_text(st, 1, branch);
	bind_text(st, 2, db->testbed);
	hs_bind_int64(st, 3, (int64_t)n);
	while ((rc = hs_step(st)) == HS_ROW) {
		if (k == 0)
			*newest = col_dup(st, 1);
		ids[k++] = hs_col_int64(st, 0);
	}
	hs_finalize(st);
	if (rc != HS_DONE) {
		free(ids);
		free(*newest);
		*newest = NULL;
		return db_fail(db, err, "listing the runs of the window");
	}
	for (size_t i = 0; i < k; i++)
		if (hist_run_set(db, ids[i], set, err) != 0) {
			free(ids);
			free(*newest);
			*newest = NULL;
			return -1;
		}
	free(ids);
	*nruns = k;
	return 0;
}

int
hist_resolve_commit(struct hist_db *db, const char *prefix, char **out,
		    struct pk_err *err)
{
	struct hs_stmt *st;
	int rc;
	char *found = NULL;

	*out = NULL;
	if (prefix == NULL || *prefix == '\0') {
		pk_err_set(err, "empty commit");
		return -1;
	}
	/* an exact id comes first and wins over the longer ids it is a
	 * prefix of */
	st = prep(db, "SELECT commit_sha FROM runs WHERE "
		  "substr(commit_sha, 1, length(?1)) = ?1 GROUP BY commit_sha "
		  "ORDER BY commit_sha = ?1 DESC LIMIT 2", err);
	if (st == NULL)
		return -1;
	bind_text(st, 1, prefix);
	while ((rc = hs_step(st)) == HS_ROW) {
		if (found != NULL && strcmp(found, prefix) == 0) {
			rc = HS_DONE;
			break;
		}
		if (found != NULL) {
			free(found);
			hs_finalize(st);
			pk_err_set(err, "commit %s is ambiguous in %s", prefix,
				   db->path);
			return -1;
		}
		found = col_dup(st, 0);
	}
	hs_finalize(st);
	if (rc != HS_DONE) {
		free(found);
		return db_fail(db, err, "looking up a commit");
	}
	if (found == NULL) {
		pk_err_set(err, "commit %s is not in %s", prefix, db->path);
		return -1;
	}
	*out = found;
	return 0;
}

int
hist_latest_commit(struct hist_db *db, const char *branch, char **out,
		   struct pk_err *err)
{
	struct hs_stmt *st;
	int rc;

	*out = NULL;
	st = prep(db, "SELECT commit_sha FROM runs WHERE (?1 IS NULL OR "
		  "branch = ?1) ORDER BY date DESC, id DESC LIMIT 1", err);
	if (st == NULL)
		return -1;
	bind_text(st, 1, branch);
	rc = hs_step(st);
	if (rc == HS_ROW)
		*out = col_dup(st, 0);
	hs_finalize(st);
	if (rc == HS_ROW)
		return 0;
	if (rc != HS_DONE)
		return db_fail(db, err, "looking up the latest run");
	if (branch != NULL)
		pk_err_set(err, "no runs on branch %s in %s", branch,
			   db->path);
	else
		pk_err_set(err, "no runs in %s", db->path);
	return -1;
}

/* ---------------------------------------------------------------- baselines */

void
hist_baseline_free(struct hist_baseline *b)
{
	free(b->name);
	free(b->branch);
	free(b->commit);
	memset(b, 0, sizeof *b);
}

int
hist_baseline_set(struct hist_db *db, const char *name, const char *branch,
		  const char *commit_sha, struct hist_baseline *out,
		  struct pk_err *err)
{
	char *c = NULL;
	struct hs_stmt *st;
	int rc;
	int64_t now = (int64_t)time(NULL);

	memset(out, 0, sizeof *out);
	if (commit_sha != NULL) {
		if (hist_resolve_commit(db, commit_sha, &c, err) != 0)
			return -1;
	} else if (hist_latest_commit(db, branch, &c, err) != 0) {
		return -1;
	}
	st = prep(db, "INSERT INTO baselines (name, branch, commit_sha, "
		  "set_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name, branch) "
		  "DO UPDATE SET commit_sha = excluded.commit_sha, "
		  "set_at = excluded.set_at", err);
	if (st == NULL) {
		free(c);
		return -1;
	}
	bind_text(st, 1, name);
	bind_text(st, 2, branch ? branch : "");
	bind_text(st, 3, c);
	hs_bind_int64(st, 4, now);
	rc = hs_step(st);
	hs_finalize(st);
	if (rc != HS_DONE) {
		free(c);
		return db_fail(db, err, "storing the baseline");
	}
	out->name = pk_xstrdup(name);
	out->branch = pk_xstrdup(branch ? branch : "");
	out->commit = c;
	out->set_at = now;
	return 0;
}

int
hist_commit_date(struct hist_db *db, const char *sha, int64_t *date,
		 struct pk_err *err)
{
	struct hs_stmt *st;
	int rc;

	*date = 0;
	st = prep(db, "SELECT max(date) FROM runs WHERE commit_sha = ?1 AND "
		  "(?2 IS NULL OR testbed = ?2 OR testbed = '')", err);
	if (st == NULL)
		return -1;
	bind_text(st, 1, sha);
	bind_text(st, 2, db->testbed);
	rc = hs_step(st);
	if (rc == HS_ROW && !hs_col_null(st, 0)) {
		*date = hs_col_int64(st, 0);
		hs_finalize(st);
		return 0;
	}
	hs_finalize(st);
	if (rc != HS_ROW)
		return db_fail(db, err, "looking up a commit's date");
	pk_err_set(err, "commit %s is not in %s", sha, db->path);
	return -1;
}

int
hist_ack_add(struct hist_db *db, const char *bench, const char *commit_sha,
	     const char *reason, struct hist_ack *out, struct pk_err *err)
{
	char *c = NULL;
	int64_t date = 0, now = (int64_t)time(NULL);
	struct hs_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	if (commit_sha != NULL) {
		if (hist_resolve_commit(db, commit_sha, &c, err) != 0 ||
		    hist_commit_date(db, c, &date, err) != 0) {
			free(c);
			return -1;
		}
	}
	st = prep(db, "INSERT INTO acks (benchmark, commit_sha, "
		  "commit_date, reason, acked_at) VALUES (?1, ?2, ?3, ?4, ?5) "
		  "ON CONFLICT (benchmark, commit_sha) DO UPDATE SET "
		  "commit_date = excluded.commit_date, "
		  "reason = excluded.reason, acked_at = excluded.acked_at",
		  err);
	if (st == NULL) {
		free(c);
		return -1;
	}
	bind_text(st, 1, bench);
	bind_text(st, 2, c ? c : "");
	hs_bind_int64(st, 3, date);
	bind_text(st, 4, reason);
	hs_bind_int64(st, 5, now);
	rc = hs_step(st);
	hs_finalize(st);
	if (rc != HS_DONE) {
		free(c);
		return db_fail(db, err, "storing the acknowledgement");
	}
	out->bench = pk_xstrdup(bench);
	out->commit = c ? c : pk_xstrdup("");
	out->commit_date = date;
	out->reason = pk_xstrdup(reason);
	return 0;
}

void
hist_acks_free(struct hist_ack *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].bench);
		free(a[i].commit);
		free(a[i].reason);
	}
	free(a);
}

int
hist_acks_load(struct hist_db *db, struct hist_ack **out, size_t *n,
	       struct pk_err *err)
{
	struct hs_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	st = prep(db, "SELECT benchmark, commit_sha, commit_date, reason FROM "
		  "acks ORDER BY benchmark, commit_date", err);
	if (st == NULL)
		return -1;
	while ((rc = hs_step(st)) == HS_ROW) {
		struct hist_ack *a;

		*out = pk_xreallocarray(*out, *n + 1, sizeof **out);
		a = &(*out)[(*n)++];
		a->bench = col_dup(st, 0);
		a->commit = col_dup(st, 1);
		a->commit_date = hs_col_int64(st, 2);
		a->reason = col_dup(st, 3);
	}
	hs_finalize(st);
	if (rc != HS_DONE)
		return db_fail(db, err, "reading the acknowledgements");
	return 0;
}

const struct hist_ack *
hist_ack_find(const struct hist_ack *a, size_t n, const char *display,
	      int64_t after)
{
	for (size_t i = 0; i < n; i++)
		if (fnmatch(a[i].bench, display, 0) == 0 &&
		    (a[i].commit[0] == '\0' || a[i].commit_date >= after))
			return &a[i];
	return NULL;
}

int
hist_baseline_get(struct hist_db *db, const char *name, const char *branch,
		  struct hist_baseline *out, struct pk_err *err)
{
	struct hs_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	st = prep(db, "SELECT name, branch, commit_sha, set_at FROM baselines "
		  "WHERE name = ?1 AND branch = ?2", err);
	if (st == NULL)
		return -1;
	bind_text(st, 1, name);
	bind_text(st, 2, branch ? branch : "");
	rc = hs_step(st);
	if (rc == HS_ROW) {
		out->name = col_dup(st, 0);
		out->branch = col_dup(st, 1);
		out->commit = col_dup(st, 2);
		out->set_at = hs_col_int64(st, 3);
	}
	hs_finalize(st);
	if (rc == HS_ROW)
		return 1;
	if (rc == HS_DONE)
		return 0;
	return db_fail(db, err, "reading the baseline");
}

int
hist_baseline_reset(struct hist_db *db, const char *name, const char *branch,
		    struct pk_err *err)
{
	struct hs_stmt *st;
	int rc;

	st = prep(db, "DELETE FROM baselines WHERE name = ?1 AND branch = ?2",
		  err);
	if (st == NULL)
		return -1;
	bind_text(st, 1, name);
	bind_text(st, 2, branch ? branch : "");
	rc = hs_step(st);
	hs_finalize(st);
	if (rc != HS_DONE)
		return db_fail(db, err, "removing the baseline");
	return hs_changes(db->db) > 0 ? 1 : 0;
}

int
hist_baselines(struct hist_db *db, struct hist_baseline **out, size_t *n,
	       struct pk_err *err)
{
	struct hs_stmt *st;
	int rc;
	struct hist_baseline *b = NULL;
	size_t cnt = 0;

	*out = NULL;
	*n = 0;
	st = prep(db, "SELECT name, branch, commit_sha, set_at FROM baselines "
		  "ORDER BY branch, name", err);
	if (st == NULL)
		return -1;
	while ((rc = hs_step(st)) == HS_ROW) {
		b = pk_xreallocarray(b, cnt + 1, sizeof *b);
		b[cnt].name = col_dup(st, 0);
		b[cnt].branch = col_dup(st, 1);
		b[cnt].commit = col_dup(st, 2);
		b[cnt].set_at = hs_col_int64(st, 3);
		cnt++;
	}
	hs_finalize(st);
	if (rc != HS_DONE) {
		for (size_t i = 0; i < cnt; i++)
			hist_baseline_free(&b[i]);
		free(b);
		return db_fail(db, err, "reading baselines");
	}
	*out = b;
	*n = cnt;
	return 0;
}

/* ---------------------------------------------------------------- series */

/* The one median (stats.c), on v sorted in place: callers read the
 * extremes afterwards. */
double
hist_median(double *v, size_t n)
{
	stats_sort(v, n);
	return stats_median_sorted(v, n);
}

void
hist_series_free(struct hist_series *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].name);
		free(s[i].metric);
		free(s[i].unit);
		free(s[i].display);
		free(s[i].testbed);
		for (size_t j = 0; j < s[i].n; j++)
			free(s[i].p[j].commit);
		free(s[i].p);
		free(s[i].cp);
	}
	free(s);
}

int
hist_series_load(struct hist_db *db, const char *glob, const char *branch,
		 struct hist_series **out, size_t *nout, struct pk_err *err)
{
	struct hs_stmt *st;
	struct hist_series *s = NULL;
	size_t ns = 0;
	double *buf = NULL;
	size_t nbuf = 0, capbuf = 0;
	int64_t cur_run = -1, cur_bench = -1;
	int rc;

	*out = NULL;
	*nout = 0;
	/* one series per benchmark and testbed: never pooled */
	st = prep(db, "SELECT b.id, b.name, b.unit, b.higher_is_better, r.id, "
		  "r.date, r.commit_sha, s.value, b.metric, r.testbed "
		  "FROM samples s "
		  "JOIN benchmarks b ON b.id = s.bench_id "
		  "JOIN runs r ON r.id = s.run_id "
		  "WHERE (?1 IS NULL OR r.branch = ?1) "
		  "AND (?2 IS NULL OR r.testbed = ?2) "
		  "ORDER BY b.name, b.metric, r.testbed, r.date, r.id, s.seq",
		  err);
	if (st == NULL)
		return -1;
	bind_text(st, 1, branch);
	bind_text(st, 2, db->testbed);
	for (;;) {
		int64_t bid = 0, rid = 0;
		bool row, new_tb = false;

		rc = hs_step(st);
		row = rc == HS_ROW;
		if (row) {
			const char *name =
				hs_col_text(st, 1);
			const char *metric =
				hs_col_text(st, 8);
			char *disp = hist_display_name(name ? name : "",
						       metric);
			bool match = hist_glob(glob, disp);

			free(disp);
			if (!match)
				continue;
			bid = hs_col_int64(st, 0);
			rid = hs_col_int64(st, 4);
			if (ns > 0 && bid == cur_bench) {
				const char *tb = hs_col_text(st, 9);

				new_tb = strcmp(tb ? tb : "",
						s[ns - 1].testbed) != 0;
			}
		}
		/* close the current point */
		if (nbuf > 0 &&
		    (!row || bid != cur_bench || rid != cur_run || new_tb)) {
			struct hist_series *x = &s[ns - 1];
			struct hist_point *p = &x->p[x->n - 1];

			p->n = nbuf;
			p->median = hist_median(buf, nbuf);
			p->min = buf[0];
			p->max = buf[nbuf - 1];
			nbuf = 0;
		}
		if (!row)
			break;
		if (bid != cur_bench || new_tb) {
			s = pk_xreallocarray(s, ns + 1, sizeof *s);
			memset(&s[ns], 0, sizeof s[ns]);
			s[ns].testbed = col_dup(st, 9);
			if (s[ns].testbed == NULL)
				s[ns].testbed = pk_xstrdup("");
			s[ns].name = col_dup(st, 1);
			s[ns].metric = col_dup(st, 8);
			s[ns].unit = col_dup(st, 2);
			s[ns].display = hist_display_name(s[ns].name,
							  s[ns].metric);
			s[ns].higher_is_better = hs_col_int(st, 3);
			ns++;
			cur_bench = bid;
			cur_run = -1;
		}
		if (rid != cur_run) {
			struct hist_series *x = &s[ns - 1];
			struct hist_point *p;

			x->p = pk_xreallocarray(x->p, x->n + 1, sizeof *x->p);
			p = &x->p[x->n++];
			memset(p, 0, sizeof *p);
			p->run_id = rid;
			p->date = hs_col_int64(st, 5);
			p->commit = col_dup(st, 6);
			cur_run = rid;
		}
		if (nbuf == capbuf) {
			capbuf = capbuf ? 2 * capbuf : 64;
			buf = pk_xreallocarray(buf, capbuf, sizeof *buf);
		}
		buf[nbuf++] = hs_col_double(st, 7);
	}
	hs_finalize(st);
	free(buf);
	if (rc != HS_DONE) {
		hist_series_free(s, ns);
		return db_fail(db, err, "reading series");
	}
	/* several testbeds: say which series is which */
	for (size_t i = 1; i < ns; i++)
		if (strcmp(s[i].testbed, s[0].testbed) != 0) {
			for (size_t j = 0; j < ns; j++) {
				char *d = pk_xasprintf("%s @ %s", s[j].display,
						       s[j].testbed[0]
							       ? s[j].testbed
							       : "unknown testbed");

				free(s[j].display);
				s[j].display = d;
			}
			break;
		}
	*out = s;
	*nout = ns;
	return 0;
}

/* ---------------------------------------------------------------- export */

const char *
hist_status_name(int status)
{
	return status == BENCH_FAILED ? "failed"
	       : status == BENCH_TIMEOUT ? "timeout" : "ok";
}

#define status_name(s) hist_status_name((int)(s))

static void
csv_field(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

int
hist_export(struct hist_db *db, FILE *f, enum hist_export_format fmt,
	    struct pk_err *err)
{
	struct hist_run *runs;
	size_t nruns;
	struct jw w;
	char date[40];

	/* One read transaction: a consistent snapshot even while CI jobs
	 * keep recording. */
	if (hs_begin_read(db->db) != 0) {
		pk_err_set(err, "%s: %s", db->path, hs_errmsg(db->db));
		return -1;
	}
	if (hist_runs(db, NULL, NULL, 0, &runs, &nruns, err) != 0) {
		rollback(db);
		return -1;
	}
	if (fmt == HIST_EXPORT_CSV) {
		fputs("commit,branch,date,hostname,cpu_model,cores,benchmark,"
		      "metric,unit,higher_is_better,status,seq,value\n", f);
	} else {
		jw_init(&w, f, 1);
		jw_object_begin(&w);
		jw_kstring(&w, "format", "profkit-history");
		jw_kint(&w, "schema_version", HIST_SCHEMA_VERSION);
		jw_key(&w, "runs");
		jw_array_begin(&w);
	}
	for (size_t i = 0; i < nruns; i++) {
		struct hist_run *r = &runs[i];
		struct bench_set set;

		bench_set_init(&set);
		if (hist_run_set(db, r->id, &set, err) != 0) {
			hist_runs_free(runs, nruns);
			if (fmt == HIST_EXPORT_JSON)
				jw_free(&w);
			rollback(db);
			return -1;
		}
		hist_format_date(r->date, date, sizeof date);
		if (fmt == HIST_EXPORT_CSV) {
			for (size_t b = 0; b < set.n; b++) {
				const struct bench_entry *e = &set.v[b];

				for (size_t j = 0; j < e->n; j++) {
					csv_field(f, r->commit);
					putc(',', f);
					csv_field(f, r->branch);
					fprintf(f, ",%s,", date);
					csv_field(f, r->hostname);
					putc(',', f);
					csv_field(f, r->cpu_model);
					putc(',', f);
					if (r->cores > 0)
						fprintf(f, "%d", r->cores);
					putc(',', f);
					csv_field(f, e->name);
					putc(',', f);
					csv_field(f, e->metric);
					putc(',', f);
					csv_field(f, e->unit);
					fprintf(f, ",%d,%s,%zu,%.17g\n",
						e->dir == BENCH_HIGHER_IS_BETTER,
						status_name(e->status), j,
						e->samples[j]);
				}
			}
		} else {
			jw_object_begin(&w);
			jw_kstring(&w, "commit", r->commit);
			if (r->branch)
				jw_kstring(&w, "branch", r->branch);
			jw_kstring(&w, "date", date);
			jw_kint(&w, "date_unix", r->date);
			jw_key(&w, "machine");
			jw_object_begin(&w);
			if (r->hostname)
				jw_kstring(&w, "hostname", r->hostname);
			if (r->cpu_model)
				jw_kstring(&w, "cpu_model", r->cpu_model);
			if (r->cores > 0)
				jw_kint(&w, "cores", r->cores);
			jw_object_end(&w);
			if (r->source)
				jw_kstring(&w, "source", r->source);
			jw_key(&w, "labels");
			jw_object_begin(&w);
			for (size_t l = 0; l < r->nlabels; l++)
				jw_kstring(&w, r->labels[l].key,
					   r->labels[l].value);
			jw_object_end(&w);
			jw_key(&w, "benchmarks");
			jw_array_begin(&w);
			for (size_t b = 0; b < set.n; b++) {
				const struct bench_entry *e = &set.v[b];

				jw_object_begin(&w);
				jw_kstring(&w, "name", e->name);
				jw_kstring(&w, "metric", e->metric);
				if (e->unit)
					jw_kstring(&w, "unit", e->unit);
				jw_kbool(&w, "higher_is_better",
					 e->dir == BENCH_HIGHER_IS_BETTER);
				jw_kstring(&w, "status", status_name(e->status));
				jw_kdoubles(&w, "samples", e->samples, e->n);
				jw_object_end(&w);
			}
			jw_array_end(&w);
			jw_object_end(&w);
		}
		bench_set_free(&set);
	}
	if (fmt == HIST_EXPORT_JSON) {
		jw_array_end(&w);
		jw_object_end(&w);
		fputc('\n', f);
		jw_free(&w);
	}
	hist_runs_free(runs, nruns);
	rollback(db);
	return 0;
}
