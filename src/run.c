/* run.c - time-limited execution of a profiled program; see run.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "archive_extract.h"
#include "eventlog.h"
#include "fdio.h"
#include "hp.h"
#include "input.h"
#include "json_write.h"
#include "output.h"
#include "prof.h"
#include "run.h"

extern char **environ;

static const struct {
	const char *name;
	const char *rts;
} modes[RUN_NMODES] = {
	[RUN_EVENTLOG] = { "eventlog", "-l" },
	[RUN_PROF] = { "prof", "-p -l-au" },
	[RUN_PROF_JSON] = { "prof-json", "-pj" },
	[RUN_HEAP] = { "heap", "-hc -l -i0.1" },
	[RUN_INFOTABLES] = { "infotables", "-hi -l -i0.1" },
	[RUN_PLAIN] = { "plain", "" },
};

const char *
run_mode_name(enum run_mode m)
{
	return m < RUN_NMODES ? modes[m].name : "?";
}

const char *
run_mode_rts(enum run_mode m)
{
	return m < RUN_NMODES ? modes[m].rts : "";
}

int
run_mode_parse(const char *s, enum run_mode *m)
{
	for (int i = 0; i < RUN_NMODES; i++)
		if (strcmp(s, modes[i].name) == 0) {
			*m = (enum run_mode)i;
			return 0;
		}
	return -1;
}

void
run_opts_default(struct run_opts *o)
{
	memset(o, 0, sizeof *o);
	o->mode = RUN_PLAIN;
	o->timeout = 240;
	o->grace = 30;
	o->kill_after = 5;
}

void
run_result_free(struct run_result *r)
{
	for (size_t i = 0; i < r->nartifacts; i++) {
		free(r->artifacts[i].name);
		free(r->artifacts[i].path);
		free(r->artifacts[i].reason);
	}
	free(r->artifacts);
	free(r->skip_reason);
	free(r->error);
	free(r->ghcrts);
	free(r->rts_flags);
	free(r->name);
	free(r->ghc_program);
	free(r->ghc_version);
	free(r->rts_way);
	free(r->started_at);
	memset(r, 0, sizeof *r);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- PATH ------------------------------------------------------------- */

char *
run_which(const char *name, const char *path, const char *dir)
{
	const char *p, *colon;
	struct stat sb;

	if (strchr(name, '/') != NULL) {
		char *full = (name[0] == '/' || dir == NULL ||
			      strcmp(dir, ".") == 0) ? pk_xstrdup(name)
			: pk_xasprintf("%s/%s", dir, name[0] == '.' &&
				       name[1] == '/' ? name + 2 : name);

		if (stat(full, &sb) == 0)
			return full;
		free(full);
		return NULL;
	}
	if (path == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = colon + 1) {
		char *full;
		size_t l;

		colon = strchr(p, ':');
		l = colon ? (size_t)(colon - p) : strlen(p);
		if (l == 0)
			full = pk_xasprintf("%s/%s", dir ? dir : ".", name);
		else
			full = pk_xasprintf("%.*s/%s", (int)l, p, name);
		if (stat(full, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    access(full, X_OK) == 0)
			return full;
		free(full);
		if (colon == NULL)
			return NULL;
	}
}

/* PREPEND (":"-separated, made absolute: the child runs elsewhere) before
 * our PATH. */
static char *
merged_path(const char *prepend)
{
	const char *old = getenv("PATH");
	char *s, *tok, *save = NULL, *res = NULL;

	if (old == NULL)
		old = "/usr/local/bin:/usr/bin:/bin";
	if (prepend == NULL || *prepend == '\0')
		return pk_xstrdup(old);
	s = pk_xstrdup(prepend);
	for (tok = strtok_r(s, ":", &save); tok; tok = strtok_r(NULL, ":", &save)) {
		char *abs = realpath(tok, NULL), *t;

		t = pk_xasprintf("%s%s%s", res ? res : "", res ? ":" : "",
				 abs ? abs : tok);
		free(abs);
		free(res);
		res = t;
	}
	free(s);
	s = pk_xasprintf("%s:%s", res ? res : "", old);
	free(res);
	return s;
}

/* ---- GHC version ------------------------------------------------------ */

int
run_version_cmp(const char *v, int major, int minor)
{
	long a = 0, b = 0;
	char *end;

	a = strtol(v, &end, 10);
	if (*end == '.')
		b = strtol(end + 1, NULL, 10);
	if (a != major)
		return a < major ? -1 : 1;
	if (b != minor)
		return b < minor ? -1 : 1;
	return 0;
}

static char *
info_field(const char *text, const char *key)
{
	char *pat = pk_xasprintf("(\"%s\",", key);
	const char *p = strstr(text, pat), *e;

	free(pat);
	if (p == NULL)
		return NULL;
	p += strlen(key) + 4;
	while (*p == ' ')
		p++;
	if (*p++ != '"')
		return NULL;
	e = strchr(p, '"');
	return e ? pk_xstrndup(p, (size_t)(e - p)) : NULL;
}

static bool
is_elf(const char *path)
{
	unsigned char m[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool elf;

	if (fd < 0)
		return false;
	elf = read(fd, m, 4) == 4 && memcmp(m, "\177ELF", 4) == 0;
	close(fd);
	return elf;
}

int
run_ghc_info(const char *program, char **version, char **way,
	     struct pk_err *err)
{
	int pfd[2];
	pid_t pid;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	double deadline = now() + 10;
	int st;

	*version = *way = NULL;
	if (!is_elf(program)) {
		pk_err_set(err, "%s: not an executable GHC program", program);
		return -1;
	}
	if (pipe2(pfd, O_CLOEXEC) != 0) {
		pk_err_set(err, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		pk_err_set(err, "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDWR);

		setpgid(0, 0);
		dup2(devnull, 0);
		dup2(pfd[1], 1);
		dup2(devnull, 2);
		unsetenv("GHCRTS");
		execl(program, program, "+RTS", "--info", "-RTS", (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		struct pollfd pf = { pfd[0], POLLIN, 0 };
		double left = deadline - now();
		ssize_t n;

		if (left <= 0 || poll(&pf, 1, (int)(left * 1000) + 1) == 0) {
			kill(-pid, SIGKILL);
			break;
		}
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			if (cap > (1 << 20))
				break;
			buf = pk_xrealloc(buf, cap);
		}
		n = read(pfd[0], buf + len, cap - len - 1);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(pfd[0]);
	kill(-pid, SIGKILL);
	waitpid(pid, &st, 0);
	if (buf == NULL) {
		pk_err_set(err, "%s +RTS --info: no output", program);
		return -1;
	}
	buf[len] = '\0';
	*version = info_field(buf, "GHC version");
	*way = info_field(buf, "RTS way");
	free(buf);
	if (*version == NULL) {
		pk_err_set(err, "%s +RTS --info: no GHC version", program);
		free(*way);
		*way = NULL;
		return -1;
	}
	return 0;
}

/* The command a report script execs, found in PATH, if an executable. */
static char *
script_program(const char *script, const char *shown, const char *path,
	       const char *dir)
{
	char buf[1 << 16];
	ssize_t n;
	int fd = open(script, O_RDONLY | O_CLOEXEC);
	struct arc_script sc;
	struct pk_err e = { 0 };
	char *r = NULL;

	n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if (arc_script_parse(buf, (size_t)n, shown, &sc, &e) == 0) {
		r = run_which(sc.command, path, dir);
		arc_script_free(&sc);
		if (r != NULL && !is_elf(r)) {
			free(r);
			r = NULL;
		}
	}
	pk_err_clear(&e);
	return r;
}

/* The GHC program behind the command: the command itself when it is an
 * executable, or what a report script execs (run directly, or as
 * "sh SCRIPT"). */
static char *
find_ghc_program(const struct run_opts *o, const char *path,
		 const char *dir)
{
	char *prog = run_which(o->argv[0], path, dir), *r;
	const char *base;

	if (prog == NULL)
		return NULL;
	if (!is_elf(prog)) {
		r = script_program(prog, o->argv[0], path, dir);
		free(prog);
		return r;
	}
	base = strrchr(prog, '/');
	base = base ? base + 1 : prog;
	if ((strcmp(base, "sh") == 0 || strcmp(base, "bash") == 0 ||
	     strcmp(base, "dash") == 0) && o->argv[1] != NULL &&
	    o->argv[1][0] != '-') {
		char *script = o->argv[1][0] == '/' || dir == NULL ?
			pk_xstrdup(o->argv[1]) :
			pk_xasprintf("%s/%s", dir, o->argv[1]);

		free(prog);
		r = script_program(script, o->argv[1], path, dir);
		free(script);
		return r;
	}
	return prog;
}

/* ---- artifacts -------------------------------------------------------- */

/* Up to n bytes from the start (tail false) or the end of a file, NUL
 * terminated; NULL when it cannot be read. */
static char *
read_part(const char *path, size_t n, bool tail, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	char *buf;
	off_t off = 0;
	ssize_t r;

	if (fd < 0 || fstat(fd, &sb) != 0) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (tail && sb.st_size > (off_t)n)
		off = sb.st_size - (off_t)n;
	buf = pk_xmalloc(n + 1);
	r = pread(fd, buf, n, off);
	close(fd);
	if (r < 0) {
		free(buf);
		return NULL;
	}
	buf[r] = '\0';
	*len = (size_t)r;
	return buf;
}

/* The prof area's reader (text and -pj JSON): a profile that ended early
 * or has a garbled line is partial. */
static void
check_prof_reader(const char *path, bool *complete, char **reason)
{
	struct pk_err e = { 0 };
	struct prof *p = prof_read_file(path, &e);

	if (p == NULL) {
		*reason = pk_xstrdup(e.msg ? e.msg : "not a profile");
	} else if (p->problem != NULL) {
		*reason = pk_xstrdup(p->problem);
	} else {
		*complete = true;
	}
	if (p)
		prof_free(p);
	pk_err_clear(&e);
}

static void
check_prof(const char *path, bool *complete, char **reason)
{
	size_t len;
	char *head = read_part(path, 1 << 16, false, &len);

	if (head == NULL || len == 0) {
		*reason = pk_xstrdup("empty: the program did not shut down in "
				     "an orderly way (.prof is written only on "
				     "exit or SIGINT)");
		free(head);
		return;
	}
	free(head);
	check_prof_reader(path, complete, reason);
}

static void
check_prof_json(const char *path, bool *complete, char **reason)
{
	json_error_t je;
	json_t *j = json_load_file(path, 0, &je);

	if (j == NULL) {
		*reason = pk_xasprintf("not valid JSON (line %d: %s)", je.line,
				       je.text);
		return;
	}
	if (json_object_get(j, "profile") == NULL ||
	    json_object_get(j, "cost_centres") == NULL)
		*reason = pk_xstrdup("JSON without profile/cost_centres");
	json_decref(j);
	if (*reason == NULL)
		check_prof_reader(path, complete, reason);
}

static void
check_hp(const char *path, bool *complete, char **reason)
{
	size_t len, i;
	char *tail = read_part(path, 1 << 16, true, &len);
	char *lines[3] = { NULL, NULL, NULL };
	int nl = 0;
	char *p;
	bool has_begin;

	if (tail == NULL || len == 0) {
		*reason = pk_xstrdup("empty");
		free(tail);
		return;
	}
	has_begin = strstr(tail, "BEGIN_SAMPLE") != NULL;
	/* the last three non-empty lines, last first */
	i = len;
	while (i > 0 && nl < 3) {
		while (i > 0 && (tail[i - 1] == '\n' || tail[i - 1] == '\r'))
			tail[--i] = '\0';
		if (i == 0)
			break;
		while (i > 0 && tail[i - 1] != '\n')
			i--;
		lines[nl++] = tail + i;
	}
	p = lines[0];
	if (!has_begin) {
		*reason = pk_xstrdup("header only: no sample");
	} else if (p == NULL || strncmp(p, "END_SAMPLE", 10) != 0) {
		*reason = pk_xstrdup("the last sample is not closed "
				     "(no END_SAMPLE)");
	} else if (lines[1] == NULL ||
		   strncmp(lines[1], "BEGIN_SAMPLE", 12) != 0 ||
		   strcmp(lines[1] + 5, p + 3) != 0) {
		*reason = pk_xstrdup("no final empty sample: the program did "
				     "not exit normally");
	} else {
		/* every line read, a few buckets kept: memory does not
		 * grow with the length of the run */
		struct pk_err e = { 0 };
		struct pk_in *in = pk_in_open(path, &e);
		struct hp_profile *hp = in ? hp_read_max(in, 16, &e) : NULL;

		if (in)
			pk_in_close(in);
		if (hp == NULL)
			*reason = pk_xstrdup(e.msg ? e.msg : "not a heap profile");
		else if (hp->truncated)
			*reason = pk_xstrdup("ends inside a sample");
		else if (hp->raw_samples < 2)
			*reason = pk_xstrdup("no sample after the initial one "
					     "(the program did not reach a "
					     "census or its exit)");
		else
			*complete = true;
		if (hp)
			hp_free(hp);
		pk_err_clear(&e);
	}
	free(tail);
}

/* Every event through the eventlog area's reader. */
static void
check_eventlog_reader(const char *path, bool *complete, char **reason)
{
	struct pk_err e = { 0 };
	struct pk_in *in = pk_in_open(path, &e);
	struct el_reader *r = in ? el_open(in, &e) : NULL;
	struct el_event ev;
	uint64_t n = 0;
	int k = -1;

	if (r != NULL) {
		while ((k = el_next(r, &ev, &e)) == 1)
			n++;
	}
	if (r == NULL || k < 0)
		*reason = pk_xstrdup(e.msg ? e.msg : "unreadable");
	else if (el_truncated(r))
		*reason = pk_xasprintf("cut short after %llu events",
				       (unsigned long long)n);
	else if (n == 0)
		*reason = pk_xstrdup("header only: no events");
	else
		*complete = true;
	if (r)
		el_close(r);
	if (in)
		pk_in_close(in);
	pk_err_clear(&e);
}

static void
check_eventlog(const char *path, bool *complete, char **reason)
{
	size_t hlen, tlen;
	char *head = read_part(path, 1 << 20, false, &hlen);
	char *tail;
	const char *datb = NULL;
	struct stat sb;

	if (head == NULL || hlen < 8 || memcmp(head, "hdrb", 4) != 0) {
		*reason = pk_xstrdup(hlen == 0 ? "empty" : "not an eventlog");
		free(head);
		return;
	}
	for (size_t i = 0; i + 8 <= hlen; i++)
		if (memcmp(head + i, "hdredatb", 8) == 0) {
			datb = head + i + 8;
			break;
		}
	if (stat(path, &sb) != 0)
		sb.st_size = 0;
	if (datb == NULL) {
		*reason = pk_xstrdup("truncated inside the header");
		free(head);
		return;
	}
	if ((uint64_t)sb.st_size <= (uint64_t)(datb - head) + 2) {
		*reason = pk_xstrdup("header only: no events (the program was "
				     "killed before the first flush)");
		free(head);
		return;
	}
	free(head);
	tail = read_part(path, 2, true, &tlen);
	if (tail == NULL || tlen < 2 || (unsigned char)tail[0] != 0xff ||
	    (unsigned char)tail[1] != 0xff)
		*reason = pk_xstrdup("no end-of-data marker: cut short");
	else
		check_eventlog_reader(path, complete, reason);
	free(tail);
}

void
run_check_artifact(const char *path, const char *kind, bool *complete,
		   char **reason)
{
	*complete = false;
	*reason = NULL;
	if (strcmp(kind, "prof") == 0)
		check_prof(path, complete, reason);
	else if (strcmp(kind, "prof-json") == 0)
		check_prof_json(path, complete, reason);
	else if (strcmp(kind, "hp") == 0)
		check_hp(path, complete, reason);
	else if (strcmp(kind, "eventlog") == 0)
		check_eventlog(path, complete, reason);
	else
		*complete = true;
}

/* ---- copying ---------------------------------------------------------- */

static int
copy_file(const char *src, const char *dst, mode_t mode, struct pk_err *err)
{
	int in = open(src, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), out;

	if (in < 0) {
		pk_err_set(err, "%s: %s", src, strerror(errno));
		return -1;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		   mode);
	if (out < 0) {
		pk_err_set(err, "%s: %s", dst, strerror(errno));
		close(in);
		return -1;
	}
	if (fd_copy(in, out) != 0) {
		pk_err_set(err, "copying %s to %s: %s", src, dst,
			   strerror(errno));
		close(in);
		close(out);
		return -1;
	}
	close(in);
	if (close(out) != 0) {
		pk_err_set(err, "%s: %s", dst, strerror(errno));
		return -1;
	}
	return 0;
}

int
run_copy_tree(const char *src, const char *dst, struct pk_err *err)
{
	DIR *d = opendir(src);
	struct dirent *de;
	int rc = 0;

	if (d == NULL) {
		pk_err_set(err, "%s: %s", src, strerror(errno));
		return -1;
	}
	if (mkdir(dst, 0755) != 0 && errno != EEXIST) {
		pk_err_set(err, "%s: %s", dst, strerror(errno));
		closedir(d);
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		char *s, *t;
		struct stat sb;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		s = pk_xasprintf("%s/%s", src, de->d_name);
		t = pk_xasprintf("%s/%s", dst, de->d_name);
		if (lstat(s, &sb) != 0) {
			pk_err_set(err, "%s: %s", s, strerror(errno));
			rc = -1;
		} else if (S_ISDIR(sb.st_mode)) {
			rc = run_copy_tree(s, t, err);
		} else if (S_ISREG(sb.st_mode)) {
			rc = copy_file(s, t, (sb.st_mode & 0111) ? 0755 : 0644,
				       err);
		}
		free(s);
		free(t);
	}
	closedir(d);
	return rc;
}

static int
move_file(const char *src, const char *dst, bool force, struct pk_err *err)
{
	struct stat sb;

	if (!force && lstat(dst, &sb) == 0) {
		pk_err_set(err, "%s: already exists (use --force to replace it)",
			   dst);
		return -1;
	}
	if (rename(src, dst) == 0)
		return 0;
	if (errno != EXDEV) {
		pk_err_set(err, "moving %s to %s: %s", src, dst, strerror(errno));
		return -1;
	}
	if (force)
		unlink(dst);
	if (copy_file(src, dst, 0644, err) != 0)
		return -1;
	unlink(src);
	return 0;
}

/* ---- signals ---------------------------------------------------------- */

static const char *
sig_name(int sig)
{
	switch (sig) {
	case SIGINT: return "SIGINT";
	case SIGTERM: return "SIGTERM";
	case SIGKILL: return "SIGKILL";
	case SIGHUP: return "SIGHUP";
	case SIGQUIT: return "SIGQUIT";
	case SIGSEGV: return "SIGSEGV";
	case SIGABRT: return "SIGABRT";
	case SIGBUS: return "SIGBUS";
	case SIGPIPE: return "SIGPIPE";
	case SIGALRM: return "SIGALRM";
	case SIGUSR1: return "SIGUSR1";
	case SIGUSR2: return "SIGUSR2";
	case SIGFPE: return "SIGFPE";
	case SIGILL: return "SIGILL";
	default: return NULL;
	}
}

static void
send_group(struct run_result *r, pid_t pgid, int sig, double t0,
	   const char *reason, bool quiet)
{
	if (kill(-pgid, sig) != 0)
		return;
	if (sig != SIGKILL)
		kill(-pgid, SIGCONT); /* a stopped process gets it too */
	if (r->nsignals < RUN_MAX_SIGNALS) {
		r->signals[r->nsignals].sig = sig;
		r->signals[r->nsignals].at = now() - t0;
		r->signals[r->nsignals].reason = reason;
		r->nsignals++;
	}
	if (!quiet)
		pk_warn("%s: sent %s to process group %ld after %.1f s",
			reason, sig_name(sig), (long)pgid, now() - t0);
}

/* Reap every child that has exited; note the main one. */
static void
reap(pid_t main_pid, bool *main_done, int *main_status, struct rusage *ru)
{
	int st;
	pid_t p;
	struct rusage u;

	while ((p = wait4(-1, &st, WNOHANG, &u)) > 0) {
		if (p == main_pid) {
			*main_done = true;
			*main_status = st;
			*ru = u;
		}
	}
}

static bool
group_alive(pid_t pgid)
{
	return kill(-pgid, 0) == 0 || errno == EPERM;
}

/* Processes that left the group (setsid, setpgid) but descend from it come
 * back to us as orphans (we are a subreaper): none may outlive the run.
 * Kill our remaining children until there are none. */
static void
kill_escaped(struct run_result *r, double t0, bool quiet)
{
	pid_t self = getpid();
	bool noted = false;

	for (int round = 0; round < 50; round++) {
		DIR *d;
		struct dirent *de;
		int found = 0;

		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
			return; /* no children at all */
		d = opendir("/proc");
		while (d && (de = readdir(d)) != NULL) {
			char path[64], buf[512], *p;
			long ppid;
			FILE *f;
			pid_t pid = (pid_t)strtol(de->d_name, &p, 10);

			if (*p != '\0' || pid <= 0 || pid == self)
				continue;
			snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
			if ((f = fopen(path, "r")) == NULL)
				continue;
			p = fgets(buf, sizeof buf, f) ? strrchr(buf, ')') : NULL;
			fclose(f);
			/* ") S PPID ..." */
			if (p && sscanf(p + 1, " %*c %ld", &ppid) == 1 &&
			    ppid == (long)self) {
				kill(pid, SIGKILL);
				found++;
			}
		}
		if (d)
			closedir(d);
		if (found && !noted) {
			noted = true;
			if (r->nsignals < RUN_MAX_SIGNALS) {
				r->signals[r->nsignals].sig = SIGKILL;
				r->signals[r->nsignals].at = now() - t0;
				r->signals[r->nsignals].reason = "escaped";
				r->nsignals++;
			}
			if (!quiet)
				pk_warn("escaped: sent SIGKILL to %d process%s that "
					"left the process group", found,
					found == 1 ? "" : "es");
		}
		if (!found)
			return; /* children that are not ours to kill */
		usleep(100000);
	}
}

/* ---- the run ---------------------------------------------------------- */

static const char *
artifact_kind(const char *name, enum run_mode mode)
{
	size_t l = strlen(name);

#define ENDS(s) (l > strlen(s) && strcmp(name + l - strlen(s), s) == 0)
	if (ENDS(".prof"))
		return mode == RUN_PROF_JSON ? "prof-json" : "prof";
	if (ENDS(".hp"))
		return "hp";
	if (ENDS(".eventlog"))
		return "eventlog";
#undef ENDS
	return NULL;
}

static void
add_artifact(struct run_result *r, const char *name, const char *path,
	     const char *kind)
{
	struct run_artifact *a;
	struct stat sb;

	r->artifacts = pk_xreallocarray(r->artifacts, r->nartifacts + 1,
					sizeof *r->artifacts);
	a = &r->artifacts[r->nartifacts++];
	memset(a, 0, sizeof *a);
	a->name = pk_xstrdup(name);
	a->path = pk_xstrdup(path);
	a->kind = kind;
	a->size = stat(path, &sb) == 0 ? (uint64_t)sb.st_size : 0;
	run_check_artifact(path, kind, &a->complete, &a->reason);
}

/* The profiling outputs the run left in DIR (new since T_START). */
static int
collect(const struct run_opts *o, struct run_result *r, const char *dir,
	time_t t_start, struct pk_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;

	if (d == NULL) {
		pk_err_set(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		const char *kind = artifact_kind(de->d_name, o->mode);
		char *src;
		struct stat sb;

		size_t nl = strlen(r->name);

		/* only our pinned names: NAME.prof, NAME.hp, NAME.eventlog
		 * (an input of the same suffix is not an artifact) */
		if (kind == NULL || strncmp(de->d_name, r->name, nl) != 0 ||
		    de->d_name[nl] != '.' ||
		    strchr(de->d_name + nl + 1, '.') != NULL)
			continue;
		src = pk_xasprintf("%s/%s", dir, de->d_name);
		if (lstat(src, &sb) != 0 || !S_ISREG(sb.st_mode) ||
		    sb.st_mtime < t_start - 1) {
			free(src);
			continue;
		}
		if (o->outdir != NULL) {
			char *dst = pk_xasprintf("%s/%s", o->outdir, de->d_name);

			if (strcmp(src, dst) != 0 &&
			    move_file(src, dst, o->force, err) != 0) {
				rc = -1;
				free(dst);
				free(src);
				continue;
			}
			add_artifact(r, de->d_name, dst, kind);
			free(dst);
		} else {
			add_artifact(r, de->d_name, src, kind);
		}
		free(src);
	}
	closedir(d);
	return rc;
}

/* Our RTS flags for this run, output names pinned. */
static char *
rts_flags(const struct run_opts *o, const char *name)
{
	const char *m = run_mode_rts(o->mode);
	char *s;

	if (o->mode == RUN_PLAIN)
		s = pk_xstrdup("");
	else if (o->mode == RUN_PROF || o->mode == RUN_PROF_JSON ||
		 o->mode == RUN_HEAP || o->mode == RUN_INFOTABLES)
		s = pk_xasprintf("%s -po%s -ol%s.eventlog", m, name, name);
	else
		s = pk_xasprintf("%s -ol%s.eventlog", m, name);
	if (o->rts != NULL && *o->rts != '\0') {
		char *t = pk_xasprintf("%s%s%s", s, *s ? " " : "", o->rts);

		free(s);
		s = t;
	}
	return s;
}

static void
set_error(struct run_result *r, int status, struct pk_err *err)
{
	r->status = status;
	if (err->msg != NULL)
		r->error = pk_xstrdup(err->msg);
}

static const char *
json_path(const struct run_opts *o, char **owned)
{
	*owned = NULL;
	if (o->run_json != NULL)
		return o->run_json;
	if (o->outdir != NULL)
		return *owned = pk_xasprintf("%s/run.json", o->outdir);
	if (o->workdir != NULL)
		return *owned = pk_xasprintf("%s/run.json", o->workdir);
	return "run.json";
}

static void
finish_json(const struct run_opts *o, struct run_result *r)
{
	char *owned;
	const char *p;
	struct pk_err e = { 0 };

	if (o->no_json)
		return;
	p = json_path(o, &owned);
	if (run_write_json(o, r, p, &e) != 0) {
		pk_warn("%s", e.msg);
		pk_err_clear(&e);
		if (r->status == 0)
			r->status = PK_EXIT_RUNNER;
	}
	free(owned);
}

int
run_execute(const struct run_opts *o, struct run_result *r,
	    struct pk_err *err)
{
	char *path = NULL, *ghcrts = NULL, *jp_owned = NULL;
	const char *old, *dir = o->workdir ? o->workdir : ".";
	sigset_t block, oldmask;
	int epipe[2] = { -1, -1 }, logfd = -1, main_status = 0, e_errno = 0;
	pid_t pid = -1;
	double t0, deadline, next_at = 0;
	int stage = 0; /* 0 running, 1 SIGINT sent, 2 SIGTERM, 3 SIGKILL */
	bool main_done = false, stragglers = false;
	struct rusage ru;
	time_t t_start;
	struct stat sb;
	ssize_t n;

	memset(r, 0, sizeof *r);
	memset(&ru, 0, sizeof ru);
	r->started_at = pk_xutc_now("%Y-%m-%dT%H:%M:%SZ");
	r->status = PK_EXIT_RUNNER;
	if (o->argv == NULL || o->argv[0] == NULL) {
		pk_err_set(err, "no command to run");
		set_error(r, PK_EXIT_RUNNER, err);
		return -1;
	}
	/* the working directory: fresh copy when asked */
	if (o->copy_from != NULL) {
		if (lstat(dir, &sb) == 0) {
			DIR *d = opendir(dir);
			struct dirent *de;
			int cnt = 0;

			while (d && (de = readdir(d)) != NULL)
				cnt++;
			if (d)
				closedir(d);
			if (cnt > 2) {
				pk_err_set(err, "%s: work directory exists and "
					   "is not empty (it must be a fresh "
					   "copy)", dir);
				set_error(r, PK_EXIT_RUNNER, err);
				finish_json(o, r);
				return -1;
			}
		}
		if (run_copy_tree(o->copy_from, dir, err) != 0) {
			set_error(r, PK_EXIT_RUNNER, err);
			finish_json(o, r);
			return -1;
		}
	}
	if (o->outdir != NULL && mkdir(o->outdir, 0755) != 0 &&
	    errno != EEXIST) {
		pk_err_set(err, "%s: %s", o->outdir, strerror(errno));
		set_error(r, PK_EXIT_RUNNER, err);
		return -1;
	}
	path = merged_path(o->path_prepend);
	/* which GHC program, which version */
	r->ghc_program = o->no_probe ? NULL
		: o->ghc_program ? run_which(o->ghc_program, path, dir)
		: find_ghc_program(o, path, dir);
	if (r->ghc_program != NULL) {
		struct pk_err e = { 0 };

		if (run_ghc_info(r->ghc_program, &r->ghc_version, &r->rts_way,
				 &e) != 0 && !o->quiet && o->mode != RUN_PLAIN)
			pk_warn("cannot tell the GHC version: %s", e.msg);
		pk_err_clear(&e);
	}
	r->name = pk_xstrdup(o->name ? o->name : r->ghc_program ?
			     strrchr(r->ghc_program, '/') + 1 :
			     strrchr(o->argv[0], '/') ?
			     strrchr(o->argv[0], '/') + 1 : o->argv[0]);
	if (o->name == NULL && r->ghc_program == NULL) {
		/* "x.sh": the stem without the suffix */
		char *dot = strrchr(r->name, '.');

		if (dot && strcmp(dot, ".sh") == 0)
			*dot = '\0';
	}
	/* the stem goes into GHCRTS, which splits at spaces */
	for (char *c = r->name; *c; c++)
		if (*c == ' ' || *c == '\t' || *c == '/')
			*c = '_';
	if (o->mode == RUN_INFOTABLES && r->ghc_version != NULL &&
	    run_version_cmp(r->ghc_version, 9, 2) < 0) {
		r->skipped = true;
		r->skip_reason = pk_xasprintf("infotables (-hi) needs GHC >= "
					      "9.2; %s was built with GHC %s",
					      r->ghc_program, r->ghc_version);
		pk_err_set(err, "%s", r->skip_reason);
		set_error(r, PK_EXIT_RUNNER, err);
		finish_json(o, r);
		free(path);
		return -1;
	}
	r->rts_flags = rts_flags(o, r->name);
	old = getenv("GHCRTS");
	if (old != NULL && *old != '\0')
		ghcrts = pk_xasprintf("%s%s%s", old, *r->rts_flags ? " " : "",
				      r->rts_flags);
	else
		ghcrts = pk_xstrdup(r->rts_flags);
	r->ghcrts = pk_xstrdup(ghcrts);
	if (o->log != NULL) {
		logfd = open(o->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			     0644);
		if (logfd < 0) {
			pk_err_set(err, "%s: %s", o->log, strerror(errno));
			goto runner_fail;
		}
	}
	if (!o->force && !o->no_json && o->outdir != NULL) {
		char *jp;
		const char *p = json_path(o, &jp);

		if (lstat(p, &sb) == 0) {
			pk_err_set(err, "%s: already exists (use --force to "
				   "replace it)", p);
			free(jp);
			goto runner_fail;
		}
		free(jp);
	}
	if (pipe2(epipe, O_CLOEXEC) != 0) {
		pk_err_set(err, "pipe: %s", strerror(errno));
		goto runner_fail;
	}
	/* orphans of the group come back to us, so none escapes reaping */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	if (!o->no_forward) {
		sigaddset(&block, SIGINT);
		sigaddset(&block, SIGTERM);
		sigaddset(&block, SIGHUP);
	}
	sigprocmask(SIG_BLOCK, &block, &oldmask);
	t_start = time(NULL);
	t0 = now();
	pid = fork();
	if (pid < 0) {
		pk_err_set(err, "fork: %s", strerror(errno));
		sigprocmask(SIG_SETMASK, &oldmask, NULL);
		goto runner_fail;
	}
	if (pid == 0) {
		int e;

		setpgid(0, 0);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		sigprocmask(SIG_SETMASK, &oldmask, NULL);
		/* whatever the caller blocks, the command gets our
		 * signals (prof-bench's workers keep them blocked) */
		sigprocmask(SIG_UNBLOCK, &block, NULL);
		if (logfd >= 0) {
			dup2(logfd, 1);
			dup2(logfd, 2);
		}
		if (o->stdin_null) {
			int nfd = open("/dev/null", O_RDONLY);

			if (nfd >= 0 && nfd != 0) {
				dup2(nfd, 0);
				close(nfd);
			}
		}
		if (chdir(dir) != 0 || setenv("PATH", path, 1) != 0 ||
		    setenv("GHCRTS", ghcrts, 1) != 0) {
			e = errno;
			n = write(epipe[1], &e, sizeof e);
			_exit(125);
		}
		if (*ghcrts == '\0')
			unsetenv("GHCRTS");
		execvp(o->argv[0], o->argv);
		e = errno;
		n = write(epipe[1], &e, sizeof e);
		(void)n;
		_exit(e == ENOENT ? 127 : 126);
	}
	setpgid(pid, pid);
	close(epipe[1]);
	epipe[1] = -1;
	if (logfd >= 0)
		close(logfd);
	logfd = -1;
	n = read(epipe[0], &e_errno, sizeof e_errno);
	close(epipe[0]);
	epipe[0] = -1;
	if (n == (ssize_t)sizeof e_errno) {
		waitpid(pid, &main_status, 0);
		sigprocmask(SIG_SETMASK, &oldmask, NULL);
		pk_err_set(err, "%s: %s", o->argv[0], strerror(e_errno));
		set_error(r, e_errno == ENOENT ? PK_EXIT_NOTFOUND :
			  (e_errno == EACCES || e_errno == ENOEXEC ||
			   e_errno == EISDIR || e_errno == EPERM) ?
			  PK_EXIT_NOEXEC : PK_EXIT_RUNNER, err);
		finish_json(o, r);
		free(path);
		free(ghcrts);
		return -1;
	}
	r->started = true;
	deadline = o->timeout > 0 ? t0 + o->timeout : 0;
	for (;;) {
		siginfo_t si;
		struct timespec ts;
		double wake = 0, t;
		int sig;

		reap(pid, &main_done, &main_status, &ru);
		if (main_done && !group_alive(pid))
			break;
		if (main_done && !stragglers && stage == 0) {
			/* the command is done, but left processes behind:
			 * none may survive us */
			stragglers = true;
			send_group(r, pid, SIGTERM, t0, "stragglers", o->quiet);
			stage = 2;
			next_at = now() + o->kill_after;
		}
		t = now();
		if (stage == 0 && deadline > 0 && t >= deadline) {
			r->timed_out = true;
			send_group(r, pid, SIGINT, t0, "timeout", o->quiet);
			stage = 1;
			next_at = t + o->grace;
		} else if (stage == 1 && t >= next_at) {
			send_group(r, pid, SIGTERM, t0, "grace", o->quiet);
			stage = 2;
			next_at = t + o->kill_after;
		} else if (stage == 2 && t >= next_at) {
			send_group(r, pid, SIGKILL, t0, "kill", o->quiet);
			stage = 3;
			next_at = t + 1;
		} else if (stage == 3 && t >= next_at) {
			/* SIGKILL again for anything forked meanwhile */
			kill(-pid, SIGKILL);
			next_at = t + 1;
		}
		if (stage == 0)
			wake = deadline;
		else
			wake = next_at;
		t = now();
		if (wake > 0) {
			double left = wake - t;

			if (left < 0)
				left = 0;
			if (left > 1)
				left = 1; /* poll the group regularly */
			ts.tv_sec = (time_t)left;
			ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		} else {
			ts.tv_sec = 1;
			ts.tv_nsec = 0;
		}
		sig = sigtimedwait(&block, &si, &ts);
		if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
			r->interrupted = true;
			/* SIGINT once; a repeated request escalates */
			if (stage == 0) {
				send_group(r, pid, sig, t0, "forwarded",
					   o->quiet);
				stage = sig == SIGINT ? 1 : 2;
				next_at = now() + (sig == SIGINT ? o->grace
						   : o->kill_after);
			} else if (stage < 3) {
				int s2 = stage == 1 ? SIGTERM : SIGKILL;

				send_group(r, pid, s2, t0, "forwarded",
					   o->quiet);
				stage++;
				next_at = now() + o->kill_after;
			}
		}
	}
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
	kill_escaped(r, t0, o->quiet);
	r->wall = now() - t0;
	r->user = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
	r->sys = (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	r->max_rss_kb = ru.ru_maxrss;
	if (WIFEXITED(main_status)) {
		r->exited = true;
		r->exit_code = WEXITSTATUS(main_status);
		r->status = r->exit_code;
	} else if (WIFSIGNALED(main_status)) {
		r->term_signal = WTERMSIG(main_status);
		r->status = 128 + r->term_signal;
	}
	if (r->timed_out)
		r->status = PK_EXIT_TIMEOUT;
	if (collect(o, r, dir, t_start, err) != 0) {
		pk_warn("%s", err->msg);
		pk_err_clear(err);
		if (r->status == 0)
			r->status = PK_EXIT_RUNNER;
	}
	finish_json(o, r);
	free(path);
	free(ghcrts);
	free(jp_owned);
	return 0;
runner_fail:
	set_error(r, PK_EXIT_RUNNER, err);
	if (logfd >= 0)
		close(logfd);
	finish_json(o, r);
	free(path);
	free(ghcrts);
	return -1;
}

/* ---- run.json --------------------------------------------------------- */

int
run_write_json(const struct run_opts *o, const struct run_result *r,
	       const char *path, struct pk_err *err)
{
	struct pk_out *out = pk_out_open(path, PK_OUT_FORCE, err);
	struct jw w;
	size_t i;

	if (out == NULL)
		return -1;
	jw_init(&w, pk_out_file(out), 2);
	jw_object_begin(&w);
	jw_key(&w, "command");
	jw_array_begin(&w);
	for (i = 0; o->argv && o->argv[i]; i++)
		jw_string(&w, o->argv[i]);
	jw_array_end(&w);
	jw_kstring(&w, "mode", run_mode_name(o->mode));
	jw_kstring(&w, "rts_flags", r->rts_flags ? r->rts_flags : "");
	jw_kstring(&w, "ghcrts", r->ghcrts ? r->ghcrts : "");
	jw_kstring(&w, "workdir", o->workdir ? o->workdir : ".");
	if (r->name)
		jw_kstring(&w, "name", r->name);
	jw_key(&w, "ghc");
	if (r->ghc_program) {
		jw_object_begin(&w);
		jw_kstring(&w, "program", r->ghc_program);
		if (r->ghc_version)
			jw_kstring(&w, "version", r->ghc_version);
		else
			jw_key(&w, "version"), jw_null(&w);
		if (r->rts_way)
			jw_kstring(&w, "rts_way", r->rts_way);
		jw_object_end(&w);
	} else {
		jw_null(&w);
	}
	jw_kstring(&w, "started_at", r->started_at ? r->started_at : "");
	jw_kdouble(&w, "timeout_s", o->timeout);
	jw_kdouble(&w, "grace_s", o->grace);
	jw_kdouble(&w, "kill_after_s", o->kill_after);
	jw_kbool(&w, "started", r->started);
	jw_kbool(&w, "skipped", r->skipped);
	if (r->skip_reason)
		jw_kstring(&w, "skip_reason", r->skip_reason);
	if (r->error && !r->skipped)
		jw_kstring(&w, "error", r->error);
	jw_key(&w, "exit_status");
	if (r->exited)
		jw_int(&w, r->exit_code);
	else
		jw_null(&w);
	jw_key(&w, "signal");
	if (r->term_signal) {
		const char *n = sig_name(r->term_signal);

		if (n)
			jw_string(&w, n);
		else
			jw_int(&w, r->term_signal);
	} else {
		jw_null(&w);
	}
	jw_kint(&w, "status", r->status);
	jw_kbool(&w, "timed_out", r->timed_out);
	jw_kbool(&w, "interrupted", r->interrupted);
	jw_key(&w, "signals_sent");
	jw_array_begin(&w);
	for (i = 0; i < r->nsignals; i++) {
		jw_object_begin(&w);
		jw_kstring(&w, "signal", sig_name(r->signals[i].sig));
		jw_kdouble(&w, "at_s", (double)(int64_t)(r->signals[i].at * 1000)
			   / 1000);
		jw_kstring(&w, "reason", r->signals[i].reason);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_kdouble(&w, "wall_s", (double)(int64_t)(r->wall * 1000) / 1000);
	jw_kdouble(&w, "user_s", (double)(int64_t)(r->user * 1000) / 1000);
	jw_kdouble(&w, "sys_s", (double)(int64_t)(r->sys * 1000) / 1000);
	jw_kint(&w, "max_rss_kb", r->max_rss_kb);
	jw_key(&w, "artifacts");
	jw_array_begin(&w);
	for (i = 0; i < r->nartifacts; i++) {
		const struct run_artifact *a = &r->artifacts[i];

		jw_object_begin(&w);
		jw_kstring(&w, "name", a->name);
		jw_kstring(&w, "kind", a->kind);
		jw_kuint(&w, "size", a->size);
		jw_kbool(&w, "complete", a->complete);
		if (a->reason)
			jw_kstring(&w, "partial_reason", a->reason);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	fputc('\n', pk_out_file(out));
	jw_free(&w);
	return pk_out_commit(out, err);
}
