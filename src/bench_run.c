/* bench_run.c - run a timed suite against builds, interleaved (see
 * bench_run.h). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "bench_private.h"
#include "bench_run.h"
#include "fdio.h"
#include "input.h"
#include "json_write.h"
#include "run.h"

#define BR_MAX_BUILDS 64

/* ---- suites ------------------------------------------------------- */

void
br_suite_free(struct br_suite *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].command);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

int
br_suite_add(struct br_suite *s, const char *name, const char *command,
	     struct pk_err *err)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0) {
			pk_err_set(err, "test '%s' twice in the suite", name);
			return -1;
		}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = pk_xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n].name = pk_xstrdup(name);
	s->v[s->n].command = pk_xstrdup(command);
	s->n++;
	return 0;
}

char *
br_kevm_name(const char *cmd)
{
	return bench_kevm_test_id(cmd); /* the reader's rule, the same ids */
}

static char *
trim(char *s)
{
	char *e = s + strlen(s);

	while (*s == ' ' || *s == '\t')
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
br_suite_read(const char *path, struct br_suite *s, struct pk_err *err)
{
	char *buf, *line, *next;
	size_t len;
	unsigned long lineno = 0;
	int rc = 0;

	if (pk_in_slurp_file(path, &buf, &len, err) != 0)
		return -1;
	if (memchr(buf, '\0', len) != NULL) {
		pk_err_set(err, "%s: binary data, not a suite file", path);
		free(buf);
		return -1;
	}
	for (line = buf; line != NULL && rc == 0; line = next) {
		char *tab, *name, *cmd, *kn = NULL;
		struct pk_err e = {0};

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (*trim(line) == '\0' || *trim(line) == '#')
			continue;
		tab = strchr(line, '\t');
		if (tab != NULL) {
			*tab = '\0';
			name = trim(line);
			cmd = trim(tab + 1);
			if (*name == '\0' || *cmd == '\0') {
				pk_err_line(err, path, lineno,
					    "want NAME<TAB>COMMAND or COMMAND");
				rc = -1;
				break;
			}
		} else {
			cmd = trim(line);
			name = kn = br_kevm_name(cmd);
		}
		if (br_suite_add(s, name, cmd, &e) != 0) {
			pk_err_line(err, path, lineno, "%s", e.msg);
			pk_err_clear(&e);
			rc = -1;
		}
		free(kn);
	}
	if (rc == 0 && s->n == 0) {
		pk_err_set(err, "%s: no tests in the suite", path);
		rc = -1;
	}
	free(buf);
	return rc;
}

/* ---- globbing with "**" ------------------------------------------- */

struct strv {
	char **v;
	size_t n, cap;
};

static void
strv_add(struct strv *a, char *s)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		a->v = pk_xreallocarray(a->v, a->cap, sizeof *a->v);
	}
	a->v[a->n++] = s;
}

static int
strv_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every directory under dir (itself included), depth first. */
static void
walk_dirs(const char *dir, struct strv *out, int depth)
{
	DIR *d;
	struct dirent *de;

	strv_add(out, pk_xstrdup(dir));
	if (depth > 64 || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		struct stat sb;
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = strcmp(dir, ".") == 0 ? pk_xstrdup(de->d_name)
					  : pk_xasprintf("%s/%s", dir, de->d_name);
		if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
			walk_dirs(p, out, depth + 1);
		free(p);
	}
	closedir(d);
}

static char *
shell_quote(const char *s)
{
	size_t n = 3;
	char *r, *o;
	bool plain = *s != '\0';

	for (const char *p = s; *p; p++) {
		if (!isalnum((unsigned char)*p) && !strchr("/._-+,:=@%", *p))
			plain = false;
		n += *p == '\'' ? 4 : 1;
	}
	if (plain)
		return pk_xstrdup(s);
	r = o = pk_xmalloc(n);
	*o++ = '\'';
	for (const char *p = s; *p; p++) {
		if (*p == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *p;
		}
	}
	*o++ = '\'';
	*o = '\0';
	return r;
}

static char *
fill_template(const char *tmpl, const char *path)
{
	char *q = shell_quote(path), *r;
	size_t n = 1, ql = strlen(q);
	char *o;

	for (const char *p = tmpl; *p; p++)
		n += (p[0] == '{' && p[1] == '}') ? ql : 1;
	r = o = pk_xmalloc(n);
	for (const char *p = tmpl; *p; p++) {
		if (p[0] == '{' && p[1] == '}') {
			memcpy(o, q, ql);
			o += ql;
			p++;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	free(q);
	return r;
}

int
br_suite_glob(const char *pattern, const char *tmpl, struct br_suite *s,
	      struct pk_err *err)
{
	const char *dd = strstr(pattern, "**");
	struct strv paths = {0}, dirs = {0};
	int rc = 0;

	if (strstr(tmpl, "{}") == NULL) {
		pk_err_set(err, "command template '%s' has no {}", tmpl);
		return -1;
	}
	if (dd == NULL) {
		strv_add(&dirs, NULL);
	} else {
		/* PREFIX, "**", SUFFIX: every directory under PREFIX,
		 * then DIR/SUFFIX (the "/" after "**" optional) */
		char *prefix = pk_xstrndup(pattern, (size_t)(dd - pattern));
		size_t pl = strlen(prefix);

		if (pl > 0 && prefix[pl - 1] == '/')
			prefix[pl - 1] = '\0';
		if (strchr(prefix, '*') || strchr(prefix, '?') ||
		    strchr(prefix, '[')) {
			pk_err_set(err, "--glob: '**' must come before any "
				   "other wildcard: '%s'", pattern);
			free(prefix);
			return -1;
		}
		walk_dirs(*prefix ? prefix : ".", &dirs, 0);
		free(prefix);
	}
	for (size_t i = 0; i < dirs.n; i++) {
		glob_t g;
		char *pat;
		int grc;

		if (dirs.v[i] == NULL) {
			pat = pk_xstrdup(pattern);
		} else {
			const char *suf = dd + 2;

			if (*suf == '/')
				suf++;
			pat = strcmp(dirs.v[i], ".") == 0 && dd == pattern
				      ? pk_xstrdup(suf)
				      : pk_xasprintf("%s/%s", dirs.v[i], suf);
		}
		grc = glob(pat, 0, NULL, &g);
		if (grc == 0)
			for (size_t k = 0; k < g.gl_pathc; k++)
				strv_add(&paths, pk_xstrdup(g.gl_pathv[k]));
		if (grc == 0 || grc == GLOB_NOMATCH)
			globfree(&g);
		free(pat);
		free(dirs.v[i]);
	}
	free(dirs.v);
	if (paths.n == 0) {
		pk_err_set(err, "--glob: nothing matches '%s'", pattern);
		free(paths.v);
		return -1;
	}
	qsort(paths.v, paths.n, sizeof *paths.v, strv_cmp);
	for (size_t i = 0; i < paths.n; i++) {
		if (rc == 0 && (i == 0 || strcmp(paths.v[i], paths.v[i - 1]))) {
			char *cmd = fill_template(tmpl, paths.v[i]);
			char *name = br_kevm_name(cmd);

			/* "kevm prove {}" names the test KEVM's way; any
			 * other template by the path */
			rc = br_suite_add(s, strcmp(name, cmd) ? name
					  : paths.v[i], cmd, err);
			free(name);
			free(cmd);
		}
	}
	for (size_t i = 0; i < paths.n; i++)
		free(paths.v[i]);
	free(paths.v);
	return rc;
}

/* ---- build environments ------------------------------------------- */

static void
apply_env(const struct br_build *b, char ***saved)
{
	*saved = pk_xcalloc(b->nenv + 1, sizeof **saved);
	for (size_t i = 0; i < b->nenv; i++) {
		const char *eq = strchr(b->env[i], '=');
		char *var = pk_xstrndup(b->env[i], (size_t)(eq - b->env[i]));
		const char *old = getenv(var);

		(*saved)[i] = old ? pk_xasprintf("%s=%s", var, old)
				  : pk_xstrdup(var);
		setenv(var, eq + 1, 1);
		free(var);
	}
}

static void
restore_env(const struct br_build *b, char **saved)
{
	for (size_t i = b->nenv; i-- > 0;) {
		char *eq = strchr(saved[i], '=');

		if (eq != NULL) {
			*eq = '\0';
			setenv(saved[i], eq + 1, 1);
		} else {
			unsetenv(saved[i]);
		}
		free(saved[i]);
	}
	free(saved);
}

int
br_build_version(const struct br_build *b, const char *cmd, double timeout,
		 char **text, struct pk_err *err)
{
	char tmpl[] = "/tmp/prof-bench-version.XXXXXX";
	int fd = mkstemp(tmpl);
	struct run_opts o;
	struct run_result r;
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};
	char **saved, *buf = NULL;
	size_t len;
	int rc = -1;

	*text = NULL;
	if (fd < 0) {
		pk_err_set(err, "temporary file: %s", strerror(errno));
		return -1;
	}
	close(fd);
	run_opts_default(&o);
	o.argv = argv;
	o.log = tmpl;
	o.path_prepend = b->dir;
	o.timeout = timeout;
	o.grace = 2;
	o.kill_after = 2;
	o.quiet = true;
	o.no_forward = true;
	o.no_probe = true;
	o.no_json = true;
	o.stdin_null = true;
	apply_env(b, &saved);
	if (run_execute(&o, &r, err) == 0) {
		if (r.status != 0) {
			pk_err_set(err, "build %s: --version-cmd '%s' failed "
				   "(status %d)", b->name, cmd, r.status);
		} else if (pk_in_slurp_file(tmpl, &buf, &len, err) == 0) {
			if (len > 65536)
				buf[len = 65536] = '\0';
			while (len > 0 && (buf[len - 1] == '\n' ||
					   buf[len - 1] == '\r'))
				buf[--len] = '\0';
			*text = buf;
			rc = 0;
		}
	} else {
		char *m = err->msg;

		err->msg = NULL;
		pk_err_set(err, "build %s: --version-cmd: %s", b->name,
			   m ? m : "cannot run");
		free(m);
	}
	restore_env(b, saved);
	run_result_free(&r);
	unlink(tmpl);
	return rc;
}

/* ---- the plan ----------------------------------------------------- */

struct job {
	size_t test;
	unsigned round;
	size_t builds[BR_MAX_BUILDS];
	size_t nb;
};

static uint64_t
splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static struct job *
make_plan(const struct br_opts *o, size_t *njobs)
{
	size_t nt = o->suite->n, nb = o->nbuilds, k = 0, pair = 0;
	unsigned nr = o->rounds + o->warmup;
	size_t cap = o->order == BR_SEQUENTIAL ? nt * nb * nr : nt * nr;
	struct job *v = pk_xcalloc(cap ? cap : 1, sizeof *v);
	size_t *perm = pk_xcalloc(nt ? nt : 1, sizeof *perm);

	if (o->order == BR_SEQUENTIAL) {
		/* the old workflow: every round of every test with the
		 * first build, then with the next */
		for (size_t b = 0; b < nb; b++)
			for (unsigned r = 0; r < nr; r++)
				for (size_t t = 0; t < nt; t++) {
					v[k].test = t;
					v[k].round = r;
					v[k].builds[0] = b;
					v[k].nb = 1;
					k++;
				}
		free(perm);
		*njobs = k;
		return v;
	}
	for (unsigned r = 0; r < nr; r++) {
		{
			uint64_t st = o->seed ^ ((uint64_t)(r + 1) << 32);

			for (size_t t = 0; t < nt; t++)
				perm[t] = t;
			for (size_t t = nt; t > 1; t--) {
				size_t j = (size_t)(splitmix(&st) % t), x;

				x = perm[t - 1];
				perm[t - 1] = perm[j];
				perm[j] = x;
			}
		}
		for (size_t t = 0; t < nt; t++, pair++) {
			v[k].test = perm[t];
			v[k].round = r;
			v[k].nb = nb;
			/* AB, BA, AB, ...: the order alternates */
			for (size_t b = 0; b < nb; b++)
				v[k].builds[b] = pair % 2 ? nb - 1 - b : b;
			k++;
		}
	}
	free(perm);
	*njobs = k;
	return v;
}

/* A fingerprint of everything that decides what the journal means. */
static char *
plan_fingerprint(const struct br_opts *o)
{
	uint64_t h = 1469598103934665603ULL;
	char buf[64];

#define MIX(s)                                                      \
	do {                                                        \
		for (const char *p_ = (s); p_ && *p_; p_++)         \
			h = (h ^ (unsigned char)*p_) * 1099511628211ULL; \
		h = (h ^ 0xff) * 1099511628211ULL;                 \
	} while (0)
	for (size_t i = 0; i < o->suite->n; i++) {
		MIX(o->suite->v[i].name);
		MIX(o->suite->v[i].command);
	}
	for (size_t i = 0; i < o->nbuilds; i++) {
		MIX(o->builds[i].name);
		MIX(o->builds[i].dir);
		for (size_t k = 0; k < o->builds[i].nenv; k++)
			MIX(o->builds[i].env[k]);
	}
	snprintf(buf, sizeof buf, "%u/%u/%llu/%d", o->rounds, o->warmup,
		 (unsigned long long)o->seed, (int)o->order);
	MIX(buf);
#undef MIX
	snprintf(buf, sizeof buf, "%016llx", (unsigned long long)h);
	return pk_xstrdup(buf);
}

/* ---- results ------------------------------------------------------ */

static void
res_add(struct br_result *res, const struct br_sample *s)
{
	if (res->n == res->cap) {
		res->cap = res->cap ? 2 * res->cap : 64;
		res->v = pk_xreallocarray(res->v, res->cap, sizeof *res->v);
	}
	res->v[res->n] = *s;
	res->v[res->n].started_at =
		pk_xstrdup(s->started_at ? s->started_at : "");
	res->n++;
}

void
br_result_free(struct br_result *res)
{
	for (size_t i = 0; i < res->n; i++)
		free(res->v[i].started_at);
	free(res->v);
	free(res->stamp);
	memset(res, 0, sizeof *res);
}

static void
write_sample_json(struct jw *w, const struct br_opts *o,
		  const struct br_sample *s)
{
	jw_object_begin(w);
	jw_kstring(w, "test", o->suite->v[s->test].name);
	jw_kstring(w, "build", o->builds[s->build].name);
	jw_kuint(w, "round", s->round);
	jw_kbool(w, "warmup", s->warmup);
	jw_kuint(w, "seq", s->seq);
	jw_kint(w, "status", s->status);
	jw_kbool(w, "timed_out", s->timed_out);
	jw_kint(w, "signal", s->term_signal);
	jw_kdouble(w, "wall", s->wall);
	jw_kdouble(w, "user", s->user);
	jw_kdouble(w, "sys", s->sys);
	jw_kint(w, "max_rss_kb", s->max_rss_kb);
	jw_kstring(w, "started_at", s->started_at ? s->started_at : "");
	jw_object_end(w);
}

static size_t
find_name(const char *name, const void *base, size_t n, size_t stride)
{
	for (size_t i = 0; i < n; i++) {
		const char *const *p =
			(const char *const *)((const char *)base + i * stride);

		if (strcmp(*p, name) == 0)
			return i;
	}
	return (size_t)-1;
}

static int
journal_path_read(const struct br_opts *o, const char *path,
		  const char *fp, struct br_result *res, struct pk_err *err)
{
	char *buf, *line, *next;
	size_t len;
	unsigned long lineno = 0;

	if (pk_in_slurp_file(path, &buf, &len, err) != 0)
		return -1;
	for (line = buf; line != NULL && *line; line = next) {
		json_error_t je;
		json_t *j;
		struct br_sample s;
		const char *tn, *bn;

		next = strchr(line, '\n');
		if (next == NULL) {
			/* cut off mid-write (a killed run): not a finished
			 * line; cut it so that appending starts clean */
			if (truncate(path, (off_t)(line - buf)) != 0) {
				pk_err_set(err, "%s: %s", path,
					   strerror(errno));
				free(buf);
				return -1;
			}
			break;
		}
		*next++ = '\0';
		lineno++;
		j = json_loads(line, 0, &je);
		if (j == NULL) {
			pk_err_line(err, path, lineno, "bad journal line: %s",
				    je.text);
			free(buf);
			return -1;
		}
		if (lineno == 1) {
			const char *jfp = json_string_value(
				json_object_get(j, "plan"));
			const char *st = json_string_value(
				json_object_get(j, "stamp"));

			if (jfp == NULL || st == NULL) {
				pk_err_line(err, path, 1,
					    "not a prof-bench journal");
				json_decref(j);
				free(buf);
				return -1;
			}
			if (strcmp(jfp, fp) != 0) {
				pk_err_line(err, path, 1,
					    "the suite, builds, rounds, warmup, "
					    "seed or order differ from the "
					    "interrupted run's; give the same "
					    "options to --resume");
				json_decref(j);
				free(buf);
				return -1;
			}
			free(res->stamp);
			res->stamp = pk_xstrdup(st);
			json_decref(j);
			continue;
		}
		memset(&s, 0, sizeof s);
		tn = json_string_value(json_object_get(j, "test"));
		bn = json_string_value(json_object_get(j, "build"));
		s.test = tn ? find_name(tn, o->suite->v, o->suite->n,
					sizeof *o->suite->v)
			    : (size_t)-1;
		s.build = bn ? find_name(bn, o->builds, o->nbuilds,
					 sizeof *o->builds)
			     : (size_t)-1;
		if (s.test == (size_t)-1 || s.build == (size_t)-1) {
			pk_err_line(err, path, lineno,
				    "unknown test or build in the journal");
			json_decref(j);
			free(buf);
			return -1;
		}
		s.round = (unsigned)json_integer_value(
			json_object_get(j, "round"));
		s.warmup = json_is_true(json_object_get(j, "warmup"));
		s.seq = (unsigned)json_integer_value(json_object_get(j, "seq"));
		s.status = (int)json_integer_value(json_object_get(j, "status"));
		s.timed_out = json_is_true(json_object_get(j, "timed_out"));
		s.term_signal = (int)json_integer_value(
			json_object_get(j, "signal"));
		s.gnu_x = s.status;
		s.wall = json_number_value(json_object_get(j, "wall"));
		s.user = json_number_value(json_object_get(j, "user"));
		s.sys = json_number_value(json_object_get(j, "sys"));
		s.max_rss_kb = (long)json_integer_value(
			json_object_get(j, "max_rss_kb"));
		s.started_at = (char *)json_string_value(
			json_object_get(j, "started_at"));
		/* a run journaled twice (its job was cut off mid-journal and
		 * ran again): the later one counts */
		for (size_t i = 0; i < res->n; i++)
			if (res->v[i].test == s.test &&
			    res->v[i].build == s.build &&
			    res->v[i].round == s.round) {
				free(res->v[i].started_at);
				memmove(&res->v[i], &res->v[i + 1],
					(res->n - i - 1) * sizeof *res->v);
				res->n--;
				break;
			}
		res_add(res, &s);
		json_decref(j);
	}
	free(buf);
	return 0;
}

/* ---- workers ------------------------------------------------------ */

enum { MSG_SAMPLE, MSG_DONE, MSG_INTERRUPTED };

struct msg {
	int kind;
	uint32_t job;
	struct br_sample s;
	char started[32];
};

struct worker {
	pid_t pid;
	int cmd, res;   /* write jobs, read messages */
	long job;       /* -1: idle */
	struct br_sample *buf;
	size_t nbuf;
	bool interrupted;
};

static char *
safe_name(const char *s)
{
	char *r = pk_xstrdup(*s ? s : "_");

	for (char *p = r; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._-+", *p))
			*p = '_';
	if (r[0] == '.')
		r[0] = '_';
	return r;
}

static void
log_path(const struct br_opts *o, size_t test, size_t build, char **dir,
	 char **file)
{
	char *b = safe_name(o->builds[build].name);
	char *t = safe_name(o->suite->v[test].name);

	*dir = pk_xasprintf("%s/logs/%s", o->outdir, b);
	*file = pk_xasprintf("%s/%s.log", *dir, t);
	free(b);
	free(t);
}

/* Where the run stands: ndone of njobs jobs (ndone0 of them from the
 * journal) after el seconds; the ETA assumes the rest go at the pace of
 * this session's jobs. */
static void
progress_now(struct br_progress *p, size_t ndone, size_t ndone0,
	     size_t njobs, size_t runs, size_t failed, double el)
{
	memset(p, 0, sizeof *p);
	p->done = ndone;
	p->total = njobs;
	p->runs_done = runs;
	p->failed = failed;
	p->elapsed = el;
	p->eta = ndone > ndone0
		? el / (double)(ndone - ndone0) * (double)(njobs - ndone)
		: -1;
	p->resumed = ndone0 > 0;
}

static bool
stop_pending(void)
{
	sigset_t p;

	sigpending(&p);
	return sigismember(&p, SIGINT) || sigismember(&p, SIGTERM) ||
	       sigismember(&p, SIGHUP);
}

static void
run_one(const struct br_opts *o, const struct job *jb, size_t build,
	struct msg *m)
{
	const struct br_build *b = &o->builds[build];
	const char *cmd = o->suite->v[jb->test].command;
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};
	char *ldir, *lfile, **saved;
	struct run_opts ro;
	struct run_result r;
	struct pk_err err = {0};
	int rc;

	log_path(o, jb->test, build, &ldir, &lfile);
	mkdir(ldir, 0755);
	run_opts_default(&ro);
	ro.argv = argv;
	ro.log = lfile;
	ro.path_prepend = b->dir;
	ro.timeout = o->timeout;
	ro.grace = o->grace;
	ro.kill_after = o->kill_after;
	ro.quiet = true;
	ro.no_probe = true;
	ro.no_json = true;
	ro.stdin_null = true;
	apply_env(b, &saved);
	rc = run_execute(&ro, &r, &err);
	restore_env(b, saved);
	memset(m, 0, sizeof *m);
	m->kind = r.interrupted ? MSG_INTERRUPTED : MSG_SAMPLE;
	m->s.test = jb->test;
	m->s.build = build;
	m->s.round = jb->round;
	m->s.warmup = jb->round < o->warmup;
	if (rc != 0) {
		/* not found, cannot execute: as the shell would say */
		m->s.status = m->s.gnu_x = r.status;
	} else if (r.timed_out) {
		m->s.status = m->s.gnu_x = PK_EXIT_TIMEOUT;
		m->s.timed_out = true;
	} else if (r.exited) {
		m->s.status = m->s.gnu_x = r.exit_code;
	} else {
		/* killed by a signal: what timeout(1) around it returns */
		m->s.term_signal = r.term_signal;
		m->s.status = m->s.gnu_x = 128 + r.term_signal;
	}
	m->s.wall = r.wall;
	m->s.user = r.user;
	m->s.sys = r.sys;
	m->s.max_rss_kb = r.max_rss_kb;
	snprintf(m->started, sizeof m->started, "%s",
		 r.started_at ? r.started_at : "");
	if (o->output_cap > 0) {
		struct stat sb;

		if (stat(lfile, &sb) == 0 && (size_t)sb.st_size > o->output_cap)
			if (truncate(lfile, (off_t)o->output_cap) != 0)
				(void)0;
	}
	run_result_free(&r);
	pk_err_clear(&err);
	free(ldir);
	free(lfile);
}

static void
worker_main(const struct br_opts *o, const struct job *jobs, int cmd,
	    int res)
{
	sigset_t block;
	uint32_t j;

	setpgid(0, 0); /* the terminal's ^C goes to the parent only */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, NULL);
	signal(SIGPIPE, SIG_IGN);
	while (fd_read_all(cmd, &j, sizeof j) == 0) {
		const struct job *jb = &jobs[j];
		struct msg m;

		for (size_t k = 0; k < jb->nb; k++) {
			if (stop_pending()) {
				memset(&m, 0, sizeof m);
				m.kind = MSG_INTERRUPTED;
				m.job = j;
				(void)fd_write_all(res, &m, sizeof m);
				_exit(0);
			}
			run_one(o, jb, jb->builds[k], &m);
			m.job = j;
			if (fd_write_all(res, &m, sizeof m) != 0)
				_exit(1);
			if (m.kind == MSG_INTERRUPTED)
				_exit(0);
		}
		memset(&m, 0, sizeof m);
		m.kind = MSG_DONE;
		m.job = j;
		if (fd_write_all(res, &m, sizeof m) != 0)
			_exit(1);
	}
	_exit(0);
}

static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
br_opts_default(struct br_opts *o)
{
	memset(o, 0, sizeof *o);
	o->rounds = 1;
	o->jobs = 1;
	o->seed = 20261204;
	o->timeout = 600;
	o->grace = 30;
	o->kill_after = 5;
	o->output_cap = 64 * 1024;
}

static void
journal_line(FILE *jf, const struct br_opts *o, const struct br_sample *s)
{
	struct jw w;

	jw_init(&w, jf, 0);
	write_sample_json(&w, o, s);
	jw_free(&w);
	fputc('\n', jf);
}

int
br_run(const struct br_opts *o, struct br_result *res, struct pk_err *err)
{
	size_t njobs, ndone = 0, nworkers, pending_i = 0, runs = 0,
		failed = 0, active = 0, ndone0 = 0;
	struct job *jobs;
	bool *done;
	char *fp, *jpath;
	FILE *jf = NULL;
	struct worker *w = NULL;
	struct pollfd *pfd = NULL;
	size_t *map = NULL;
	double t0 = mono(), last_tick = t0;
	unsigned seq = 0;
	bool stopping = false, *running;
	int rc = 0;
	struct stat sb;

	memset(res, 0, sizeof *res);
	if (o->nbuilds == 0 || o->nbuilds > BR_MAX_BUILDS) {
		pk_err_set(err, "want 1 to %d builds", BR_MAX_BUILDS);
		return -1;
	}
	jobs = make_plan(o, &njobs);
	done = pk_xcalloc(njobs + 1, sizeof *done);
	running = pk_xcalloc(o->suite->n + 1, sizeof *running);
	fp = plan_fingerprint(o);
	jpath = pk_xasprintf("%s/journal.jsonl", o->outdir);
	res->jobs_total = njobs;
	if (o->resume && stat(jpath, &sb) == 0) {
		if (journal_path_read(o, jpath, fp, res, err) != 0) {
			rc = -1;
			goto out;
		}
	} else if (o->resume) {
		pk_err_set(err, "%s: no journal to resume from", jpath);
		rc = -1;
		goto out;
	}
	/* jobs whose every run is in the journal are done */
	for (size_t k = 0; k < njobs; k++) {
		size_t have = 0;

		for (size_t i = 0; i < res->n; i++)
			if (res->v[i].test == jobs[k].test &&
			    res->v[i].round == jobs[k].round)
				for (size_t b = 0; b < jobs[k].nb; b++)
					if (res->v[i].build == jobs[k].builds[b])
						have++;
		if (have >= jobs[k].nb) {
			done[k] = true;
			ndone++;
		}
	}
	/* runs of a job cut off mid-journal (a killed prof-bench) are
	 * dropped: the job runs again, whole */
	{
		size_t out = 0;

		for (size_t i = 0; i < res->n; i++) {
			bool keep = false;

			for (size_t k = 0; k < njobs && !keep; k++)
				if (done[k] && jobs[k].test == res->v[i].test &&
				    jobs[k].round == res->v[i].round)
					for (size_t b = 0; b < jobs[k].nb; b++)
						if (jobs[k].builds[b] ==
						    res->v[i].build)
							keep = true;
			if (keep)
				res->v[out++] = res->v[i];
			else
				free(res->v[i].started_at);
		}
		res->n = out;
	}
	for (size_t i = 0; i < res->n; i++)
		if (res->v[i].seq >= seq)
			seq = res->v[i].seq + 1;
	if (res->stamp == NULL)
		res->stamp = pk_xutc_now("%Y%m%d-%H%M%S");
	if (mkdir(o->outdir, 0755) != 0 && errno != EEXIST) {
		pk_err_set(err, "%s: %s", o->outdir, strerror(errno));
		rc = -1;
		goto out;
	}
	{
		char *ld = pk_xasprintf("%s/logs", o->outdir);

		mkdir(ld, 0755);
		free(ld);
	}
	jf = fopen(jpath, o->resume ? "a" : "w");
	if (jf == NULL) {
		pk_err_set(err, "%s: %s", jpath, strerror(errno));
		rc = -1;
		goto out;
	}
	if (!o->resume) {
		fprintf(jf, "{\"prof-bench-journal\":1,\"stamp\":\"%s\","
			"\"plan\":\"%s\"}\n", res->stamp, fp);
		fflush(jf);
	}
	res->jobs_done = ndone;
	ndone0 = ndone;
	if (o->progress) {
		struct br_progress p;

		memset(&p, 0, sizeof p);
		p.done = ndone;
		p.total = njobs;
		p.eta = -1;
		p.resumed = ndone > 0;
		o->progress(o->ctx, &p);
	}
	nworkers = o->jobs ? o->jobs : 1;
	if (nworkers > njobs - ndone)
		nworkers = njobs - ndone;
	w = pk_xcalloc(nworkers + 1, sizeof *w);
	pfd = pk_xcalloc(nworkers + 1, sizeof *pfd);
	map = pk_xcalloc(nworkers + 1, sizeof *map);
	fflush(NULL);
	for (size_t i = 0; i < nworkers; i++) {
		int cp[2], rp[2];

		if (pipe2(cp, O_CLOEXEC) != 0 || pipe2(rp, O_CLOEXEC) != 0) {
			pk_err_set(err, "pipe: %s", strerror(errno));
			rc = -1;
			nworkers = i;
			break;
		}
		w[i].pid = fork();
		if (w[i].pid < 0) {
			pk_err_set(err, "fork: %s", strerror(errno));
			rc = -1;
			nworkers = i;
			break;
		}
		if (w[i].pid == 0) {
			close(cp[1]);
			close(rp[0]);
			for (size_t k = 0; k < i; k++) {
				close(w[k].cmd);
				close(w[k].res);
			}
			fclose(jf);
			worker_main(o, jobs, cp[0], rp[1]);
		}
		setpgid(w[i].pid, w[i].pid);
		close(cp[0]);
		close(rp[1]);
		w[i].cmd = cp[1];
		w[i].res = rp[0];
		w[i].job = -1;
		w[i].buf = pk_xcalloc(o->nbuilds, sizeof *w[i].buf);
	}
	active = nworkers;
	while (active > 0) {
		nfds_t np = 0;

		if (!stopping && o->stop && *o->stop) {
			stopping = true;
			for (size_t i = 0; i < nworkers; i++)
				if (w[i].pid > 0 && w[i].job >= 0)
					kill(w[i].pid, SIGINT);
		}
		/* hand out jobs: the next whose test is not running */
		for (size_t i = 0; i < nworkers && !stopping && rc == 0; i++) {
			uint32_t j32;
			size_t k;

			if (w[i].pid <= 0 || w[i].job >= 0)
				continue;
			while (pending_i < njobs && done[pending_i])
				pending_i++;
			for (k = pending_i; k < njobs; k++)
				if (!done[k] && !running[jobs[k].test])
					break;
			if (k >= njobs)
				continue;
			done[k] = true; /* taken */
			running[jobs[k].test] = true;
			w[i].job = (long)k;
			w[i].nbuf = 0;
			j32 = (uint32_t)k;
			if (fd_write_all(w[i].cmd, &j32, sizeof j32) != 0) {
				pk_err_set(err, "worker %ld: %s",
					   (long)w[i].pid, strerror(errno));
				rc = -1;
			}
		}
		/* idle workers with nothing left to do: let them go */
		for (size_t i = 0; i < nworkers; i++) {
			if (w[i].pid > 0 && w[i].job < 0 && w[i].cmd >= 0) {
				bool left = false;

				for (size_t k = pending_i; k < njobs && !stopping &&
				     rc == 0; k++)
					if (!done[k]) {
						left = true;
						break;
					}
				if (!left) {
					close(w[i].cmd);
					w[i].cmd = -1;
				}
			}
		}
		for (size_t i = 0; i < nworkers; i++)
			if (w[i].res >= 0) {
				pfd[np].fd = w[i].res;
				pfd[np].events = POLLIN;
				map[np++] = i;
			}
		if (np == 0)
			break;
		if (poll(pfd, np, 200) <= 0) {
			if (o->progress && mono() - last_tick >= 1) {
				struct br_progress p;

				progress_now(&p, ndone, ndone0, njobs, runs,
					     failed, mono() - t0);
				p.tick = true;
				last_tick = mono();
				o->progress(o->ctx, &p);
			}
			continue;
		}
		for (nfds_t q = 0; q < np; q++) {
			struct worker *wk = &w[map[q]];
			struct msg m;

			if (!(pfd[q].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (fd_read_all(wk->res, &m, sizeof m) != 0) {
				/* the worker is gone */
				close(wk->res);
				wk->res = -1;
				if (wk->cmd >= 0)
					close(wk->cmd);
				wk->cmd = -1;
				if (wk->job >= 0) {
					running[jobs[wk->job].test] = false;
					if (!stopping && !wk->interrupted) {
						pk_err_set(err, "a worker died "
							   "running test %s",
							   o->suite->v[jobs[wk->job].test].name);
						rc = -1;
					}
					done[wk->job] = false;
					wk->job = -1;
				}
				waitpid(wk->pid, NULL, 0);
				wk->pid = 0;
				active--;
				continue;
			}
			if (m.kind == MSG_SAMPLE) {
				m.s.started_at = NULL;
				wk->buf[wk->nbuf] = m.s;
				wk->buf[wk->nbuf].started_at =
					pk_xstrdup(m.started);
				wk->nbuf++;
				continue;
			}
			if (m.kind == MSG_INTERRUPTED) {
				/* the job's runs so far are dropped */
				for (size_t b = 0; b < wk->nbuf; b++)
					free(wk->buf[b].started_at);
				wk->nbuf = 0;
				wk->interrupted = true;
				done[wk->job] = false;
				running[jobs[wk->job].test] = false;
				wk->job = -1;
				continue;
			}
			/* MSG_DONE: journal the job's runs, then count it */
			for (size_t b = 0; b < wk->nbuf; b++) {
				wk->buf[b].seq = seq++;
				journal_line(jf, o, &wk->buf[b]);
				runs++;
				if (wk->buf[b].status != 0)
					failed++;
			}
			fflush(jf);
			fsync(fileno(jf));
			{
				size_t first = res->n;

				for (size_t b = 0; b < wk->nbuf; b++) {
					res_add(res, &wk->buf[b]);
					free(wk->buf[b].started_at);
				}
				ndone++;
				res->jobs_done = ndone;
				if (o->progress) {
					struct br_progress p;

					progress_now(&p, ndone, ndone0, njobs,
						     runs, failed, mono() - t0);
					p.last = &res->v[first];
					p.nlast = res->n - first;
					o->progress(o->ctx, &p);
				}
			}
			wk->nbuf = 0;
			running[jobs[wk->job].test] = false;
			wk->job = -1;
		}
	}
	for (size_t i = 0; i < nworkers; i++) {
		if (w[i].cmd >= 0)
			close(w[i].cmd);
		if (w[i].res >= 0)
			close(w[i].res);
		if (w[i].pid > 0)
			waitpid(w[i].pid, NULL, 0);
		for (size_t b = 0; b < w[i].nbuf; b++)
			free(w[i].buf[b].started_at);
		free(w[i].buf);
	}
	res->stopped = ndone < njobs;
out:
	if (jf != NULL && fclose(jf) != 0 && rc == 0) {
		pk_err_set(err, "%s: %s", jpath, strerror(errno));
		rc = -1;
	}
	free(w);
	free(pfd);
	free(map);
	free(jobs);
	free(done);
	free(running);
	free(fp);
	free(jpath);
	return rc;
}

/* ---- writers ------------------------------------------------------ */

/* GNU time's "%ld.%02ld": seconds and truncated hundredths. */
static void
gnu_secs(FILE *f, double v)
{
	long long cs = v > 0 ? (long long)floor(v * 100 + 1e-6) : 0;

	fprintf(f, "%lld.%02llds", cs / 100, cs % 100);
}

static const struct br_sample *
find_sample(const struct br_result *res, size_t test, size_t build,
	    unsigned round)
{
	for (size_t i = 0; i < res->n; i++)
		if (res->v[i].test == test && res->v[i].build == build &&
		    res->v[i].round == round)
			return &res->v[i];
	return NULL;
}

void
br_write_kevm(FILE *f, const struct br_opts *o, const struct br_result *res,
	      size_t build)
{
	const struct br_build *b = &o->builds[build];

	if (b->version != NULL && *b->version)
		fprintf(f, "%s\n", b->version);
	for (unsigned r = o->warmup; r < o->warmup + o->rounds; r++)
		for (size_t t = 0; t < o->suite->n; t++) {
			const struct br_sample *s =
				find_sample(res, t, build, r);

			if (s == NULL)
				continue;
			if (s->gnu_x != 0)
				fprintf(f, "Command exited with non-zero "
					"status %d\n", s->gnu_x);
			fprintf(f, "%d ", s->gnu_x);
			gnu_secs(f, s->wall);
			fputc(' ', f);
			gnu_secs(f, s->user);
			fputc(' ', f);
			gnu_secs(f, s->sys);
			fprintf(f, " %ldKB %s\n", s->max_rss_kb,
				o->suite->v[t].command);
		}
}

char *
br_kevm_file_name(const struct br_result *res, const struct br_build *b)
{
	char *s = safe_name(b->name), *r;

	r = pk_xasprintf("KEVM-timing-%s-%s.data", res->stamp, s);
	free(s);
	return r;
}

int
br_write_json(FILE *f, const struct br_opts *o, const struct br_result *res,
	      struct pk_err *err)
{
	struct jw w;

	jw_init(&w, f, 1);
	jw_object_begin(&w);
	jw_kstring(&w, "tool", "prof-bench");
	jw_kstring(&w, "profkit_version", PACKAGE_VERSION);
	jw_kstring(&w, "stamp", res->stamp);
	jw_kstring(&w, "order", o->order == BR_SEQUENTIAL ? "sequential"
							  : "interleaved");
	jw_kuint(&w, "rounds", o->rounds);
	jw_kuint(&w, "warmup", o->warmup);
	jw_kuint(&w, "seed", o->seed);
	jw_kuint(&w, "jobs", o->jobs);
	jw_kdouble(&w, "timeout", o->timeout);
	jw_kbool(&w, "complete", res->jobs_done == res->jobs_total);
	jw_key(&w, "builds");
	jw_array_begin(&w);
	for (size_t i = 0; i < o->nbuilds; i++) {
		const struct br_build *b = &o->builds[i];

		jw_object_begin(&w);
		jw_kstring(&w, "name", b->name);
		if (b->dir)
			jw_kstring(&w, "path", b->dir);
		jw_key(&w, "env");
		jw_array_begin(&w);
		for (size_t k = 0; k < b->nenv; k++)
			jw_string(&w, b->env[k]);
		jw_array_end(&w);
		if (b->version)
			jw_kstring(&w, "version", b->version);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_key(&w, "tests");
	jw_array_begin(&w);
	for (size_t i = 0; i < o->suite->n; i++) {
		jw_object_begin(&w);
		jw_kstring(&w, "name", o->suite->v[i].name);
		jw_kstring(&w, "command", o->suite->v[i].command);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_key(&w, "samples");
	jw_array_begin(&w);
	for (size_t i = 0; i < res->n; i++)
		write_sample_json(&w, o, &res->v[i]);
	jw_array_end(&w);
	jw_object_end(&w);
	jw_free(&w);
	fputc('\n', f);
	if (ferror(f)) {
		pk_err_set(err, "write error");
		return -1;
	}
	return 0;
}
