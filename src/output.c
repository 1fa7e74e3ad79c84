/* output.c - atomic output files (temporary file + rename). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"

struct pk_out {
	FILE *f;
	char *path; /* target, NULL for stdout */
	char *tmp;  /* temporary file beside it */
	unsigned flags;
	struct pk_out *next; /* list of pending outputs for cleanup */
};

/* Pending temporary files, removed at exit or on a fatal signal. */
static struct pk_out *pending;
static bool cleanup_installed;

static void
remove_pending(void)
{
	for (struct pk_out *o = pending; o != NULL; o = o->next)
		if (o->tmp != NULL)
			unlink(o->tmp);
}

static void
on_signal(int sig)
{
	remove_pending();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
install_cleanup(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

	if (cleanup_installed)
		return;
	cleanup_installed = true;
	atexit(remove_pending);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction sa, old;

		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

static void
unlist(struct pk_out *out)
{
	for (struct pk_out **pp = &pending; *pp != NULL; pp = &(*pp)->next)
		if (*pp == out) {
			*pp = out->next;
			break;
		}
}

static void
out_free(struct pk_out *out)
{
	unlist(out);
	free(out->path);
	free(out->tmp);
	free(out);
}

struct pk_out *
pk_out_open(const char *path, unsigned flags, struct pk_err *err)
{
	struct pk_out *out = pk_xcalloc(1, sizeof *out);
	const char *slash, *base;
	struct stat st;
	mode_t mask;
	int fd;

	out->flags = flags;
	if (path == NULL || strcmp(path, "-") == 0) {
		out->f = stdout;
		return out;
	}
	if (!(flags & PK_OUT_FORCE) && lstat(path, &st) == 0) {
		pk_err_set(err, "%s: already exists (use --force to replace it)",
			   path);
		free(out);
		return NULL;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		pk_err_set(err, "%s: is a directory", path);
		free(out);
		return NULL;
	}
	out->path = pk_xstrdup(path);
	slash = strrchr(path, '/');
	base = slash ? slash + 1 : path;
	out->tmp = pk_xasprintf("%.*s.%s.tmpXXXXXX",
				(int)(slash ? slash - path + 1 : 0), path, base);
	install_cleanup();
	fd = mkostemp(out->tmp, O_CLOEXEC);
	if (fd < 0) {
		pk_err_set(err, "%s: cannot create: %s", path, strerror(errno));
		free(out->tmp);
		out->tmp = NULL;
		out_free(out);
		return NULL;
	}
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	out->f = fdopen(fd, "w");
	if (out->f == NULL) {
		pk_err_set(err, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(out->tmp);
		out_free(out);
		return NULL;
	}
	out->next = pending;
	pending = out;
	return out;
}

FILE *
pk_out_file(struct pk_out *out)
{
	return out->f;
}

const char *
pk_out_name(const struct pk_out *out)
{
	return out->path ? out->path : "<stdout>";
}

/* For file systems without hard links: rename unless the target exists. */
static bool
rename_if_absent(struct pk_out *out)
{
	struct stat st;

	if (lstat(out->path, &st) == 0) {
		errno = EEXIST;
		return false;
	}
	return rename(out->tmp, out->path) == 0;
}

int
pk_out_commit(struct pk_out *out, struct pk_err *err)
{
	int rc = 0;

	if (out->path == NULL) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			pk_err_set(err, "<stdout>: write error: %s",
				   strerror(errno));
			rc = -1;
		}
		out_free(out);
		return rc;
	}
	if (fflush(out->f) != 0 || ferror(out->f)) {
		pk_err_set(err, "%s: write error: %s", out->path,
			   strerror(errno));
		rc = -1;
	}
	if (fclose(out->f) != 0 && rc == 0) {
		pk_err_set(err, "%s: write error: %s", out->path,
			   strerror(errno));
		rc = -1;
	}
	out->f = NULL;
	if (rc == 0) {
		if (out->flags & PK_OUT_FORCE) {
			if (rename(out->tmp, out->path) != 0) {
				pk_err_set(err, "%s: cannot rename into place: %s",
					   out->path, strerror(errno));
				rc = -1;
			}
		} else if (link(out->tmp, out->path) != 0 &&
			   (errno == EEXIST || !rename_if_absent(out))) {
			/* link() never replaces: a file that appeared
			 * meanwhile is left alone. */
			pk_err_set(err, "%s: %s", out->path,
				   errno == EEXIST ?
				   "already exists (use --force to replace it)" :
				   strerror(errno));
			rc = -1;
		}
	}
	unlink(out->tmp);
	out_free(out);
	return rc;
}

void
pk_out_abort(struct pk_out *out)
{
	if (out == NULL)
		return;
	if (out->path != NULL) {
		if (out->f != NULL)
			fclose(out->f);
		unlink(out->tmp);
	}
	out_free(out);
}

int
pk_close_stdout(struct pk_err *err)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (errno == EPIPE)
			return 0;
		pk_err_set(err, "<stdout>: write error: %s", strerror(errno));
		return -1;
	}
	return 0;
}
