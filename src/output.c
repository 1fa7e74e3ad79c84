/* output.c - atomic output files (temporary file + rename). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
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
	bool in_place; /* a device, FIFO, ...: written directly */
	struct pk_out *next; /* list of pending outputs for cleanup */
};

/* Pending temporary files: the front end removes them at exit and on a
 * fatal signal (pk_out_remove_pending). */
static struct pk_out *pending;

void
pk_out_remove_pending(void)
{
	for (struct pk_out *o = pending; o != NULL; o = o->next)
		if (o->tmp != NULL)
			unlink(o->tmp);
}

/* NAME in DIR is PREFIX + "PID.XXXXXX", a regular file or directory of
 * ours, its process is gone and it is older than PK_OUT_STALE_AGE. */
bool
pk_temp_is_stale(const char *dir, const char *name, const char *prefix)
{
	size_t pl = strlen(prefix), i;
	const char *p = name + pl;
	char *path, *end;
	struct stat st;
	long pid;
	bool stale;

	if (strncmp(name, prefix, pl) != 0 || *p < '1' || *p > '9')
		return false;
	errno = 0;
	pid = strtol(p, &end, 10);
	if (errno != 0 || pid <= 0 || *end != '.' || strlen(end + 1) != 6)
		return false;
	for (i = 1; i <= 6; i++)
		if (!isalnum((unsigned char)end[i]))
			return false;
	/* a process that still runs (or that we may not signal) owns it */
	if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
		return false;
	path = *dir ? pk_xasprintf("%s%s%s", dir,
				   dir[strlen(dir) - 1] == '/' ? "" : "/", name)
		    : pk_xstrdup(name);
	stale = lstat(path, &st) == 0 &&
		(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) &&
		st.st_uid == geteuid() &&
		time(NULL) - st.st_mtime > PK_OUT_STALE_AGE;
	free(path);
	return stale;
}

/* Remove the temporary files a killed run left beside PATH (dir ends in
 * '/' or is empty for the current directory). */
static void
clean_stale(const char *dir, const char *base)
{
	char *prefix = pk_xasprintf(".%s.tmp.", base);
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *de;

	while (d != NULL && (de = readdir(d)) != NULL) {
		char *path;
		struct stat st;

		if (!pk_temp_is_stale(dir, de->d_name, prefix))
			continue;
		path = pk_xasprintf("%s%s", dir, de->d_name);
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
			unlink(path);
		free(path);
	}
	if (d != NULL)
		closedir(d);
	free(prefix);
}

/* A target that is not a regular file (device, FIFO, socket, a symlink
 * to one, /dev/stdout and the like) is written in place, never replaced. */
static bool
in_place(const char *path)
{
	struct stat st;
	char link[64];
	ssize_t n;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode))
		return true;
	if (strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0)
		return true;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (n = readlink(path, link, sizeof link - 1)) > 0) {
		link[n] = '\0';
		return strncmp(link, "/proc/", 6) == 0 ||
		       strncmp(link, "/dev/", 5) == 0;
	}
	return false;
}

static struct pk_out *
open_in_place(struct pk_out *out, const char *path, struct pk_err *err)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC);

	if (fd < 0 || (out->f = fdopen(fd, "w")) == NULL) {
		pk_err_set(err, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(out);
		return NULL;
	}
	out->path = pk_xstrdup(path);
	out->in_place = true;
	return out;
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
	if (in_place(path))
		return open_in_place(out, path, err);
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
	{
		char *dir = pk_xstrndup(path, slash ? (size_t)(slash - path + 1)
					: 0);

		clean_stale(dir, base);
		out->tmp = pk_xasprintf("%s.%s.tmp.%ld.XXXXXX", dir, base,
					(long)getpid());
		free(dir);
	}
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
	if (out->in_place) {
		out_free(out);
		return rc;
	}
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
		if (out->tmp != NULL)
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
