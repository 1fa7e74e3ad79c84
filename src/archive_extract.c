/* archive_extract.c - safe extraction, listing and description of
 * bug-report tarballs; .tar.zst packing.  See archive_extract.h. */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_extract.h"
#include "cli.h"
#include "fdio.h"
#include "json_write.h"
#include "output.h"


/* libarchive's message, or one of ours when it has none (an archive cut
 * inside a compressed block leaves the string NULL: "(null)" otherwise) */
static const char *
arc_msg(struct archive *a)
{
	const char *m = archive_error_string(a);

	if (m != NULL && *m != '\0')
		return m;
	if (archive_errno(a) > 0)
		return strerror(archive_errno(a));
	return "the archive ends early or is corrupt (truncated?)";
}

static volatile sig_atomic_t stop_requested;

void
arc_request_stop(void)
{
	stop_requested = 1;
}

bool
arc_stop_requested(void)
{
	return stop_requested != 0;
}

void
arc_limits_default(struct arc_limits *lim)
{
	lim->max_total = 8ULL << 30;
	lim->max_file = 4ULL << 30;
	lim->max_entries = 50000;
	lim->max_ratio = 200.0;
	lim->ratio_floor = 1ULL << 20;
	lim->max_name = 1024;
	lim->max_depth = 32;
}

/* ---- reading ---------------------------------------------------------- */

static struct archive *
open_reader(const char *path, struct pk_err *err)
{
	struct archive *a = archive_read_new();

	if (a == NULL) {
		pk_err_set(err, "out of memory");
		return NULL;
	}
	/* Only what a bug report can be: tar (ustar, pax, GNU, v7) and the
	 * four compressions.  No cpio, zip, iso9660, rar, uuencode... */
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_filter_bzip2(a);
	if (archive_read_open_filename(a,
	    (path == NULL || strcmp(path, "-") == 0) ? NULL : path,
	    1 << 20) != ARCHIVE_OK) {
		pk_err_set(err, "%s: %s", path, arc_msg(a));
		archive_read_free(a);
		return NULL;
	}
	return a;
}

static const char *
in_name(const char *path)
{
	return (path == NULL || strcmp(path, "-") == 0) ? "<stdin>" : path;
}

/* ---- names ------------------------------------------------------------ */

const char *
arc_check_name(const char *name, const struct arc_limits *lim)
{
	const unsigned char *p;
	size_t depth = 0, clen = 0;
	const char *comp;

	if (name == NULL || *name == '\0')
		return "empty name";
	if (name[0] == '/')
		return "absolute name";
	if (strlen(name) > lim->max_name)
		return "name too long";
	for (p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "control character in name";
	comp = name;
	for (p = (const unsigned char *)name;; p++) {
		if (*p == '/' || *p == '\0') {
			clen = (size_t)((const char *)p - comp);
			if (clen == 2 && comp[0] == '.' && comp[1] == '.')
				return "'..' component in name";
			if (clen > 255)
				return "name component too long";
			if (clen > 0 && !(clen == 1 && comp[0] == '.'))
				depth++;
			if (*p == '\0')
				break;
			comp = (const char *)p + 1;
		}
	}
	if (depth == 0)
		return "name has no components";
	if (depth > lim->max_depth)
		return "name too deep";
	return NULL;
}

/* Split NAME into its components (skipping "" and "."), into a malloc'd
 * copy with NULs; returns the count. */
static size_t
split_name(const char *name, char **copy, char ***comps)
{
	char *s = pk_xstrdup(name), *tok, *save = NULL;
	size_t n = 0, cap = 8;
	char **v = pk_xreallocarray(NULL, cap, sizeof *v);

	for (tok = strtok_r(s, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (n == cap) {
			cap *= 2;
			v = pk_xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = tok;
	}
	*copy = s;
	*comps = v;
	return n;
}

/* ---- extraction ------------------------------------------------------- */

struct xstate {
	const char *path;
	const struct arc_limits *lim;
	unsigned flags;
	struct arc_stats *st;
	struct archive *a;
	int rootfd;
	char *cache_dir; /* relative path whose fd is cache_fd */
	int cache_fd;
};

/* Open (creating as needed) the directory made of comps[0..n) below the
 * root, never following a symbolic link.  Returns an fd or -1. */
static int
open_dir(struct xstate *x, char **comps, size_t n, const char *key,
	 const char *member, struct pk_err *err)
{
	int fd, next;
	size_t i;

	if (x->cache_dir != NULL && strcmp(x->cache_dir, key) == 0)
		return x->cache_fd;
	fd = x->rootfd;
	for (i = 0; i < n; i++) {
		next = openat(fd, comps[i],
			      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && errno == ENOENT) {
			if (mkdirat(fd, comps[i], 0755) != 0) {
				pk_err_set(err, "%s: member %s: cannot create "
					   "directory %s: %s", x->path, member,
					   comps[i], strerror(errno));
				goto fail;
			}
			x->st->dirs++;
			next = openat(fd, comps[i], O_RDONLY | O_DIRECTORY |
				      O_NOFOLLOW | O_CLOEXEC);
		}
		if (next < 0) {
			pk_err_set(err, "%s: member %s: %s is not a directory "
				   "we created: %s", x->path, member, comps[i],
				   strerror(errno));
			goto fail;
		}
		if (fd != x->rootfd)
			close(fd);
		fd = next;
	}
	if (x->cache_dir != NULL) {
		if (x->cache_fd != x->rootfd)
			close(x->cache_fd);
		free(x->cache_dir);
	}
	x->cache_dir = pk_xstrdup(key);
	x->cache_fd = fd;
	return fd;
fail:
	if (fd != x->rootfd)
		close(fd);
	return -1;
}

static int
check_ratio(struct xstate *x, const char *member, struct pk_err *err)
{
	int64_t raw;

	if (x->st->bytes < x->lim->ratio_floor || x->lim->max_ratio <= 0)
		return 0;
	raw = archive_filter_bytes(x->a, -1);
	if (raw <= 0)
		raw = 1;
	x->st->raw = (uint64_t)raw;
	if ((double)x->st->bytes > x->lim->max_ratio * (double)raw) {
		pk_err_set(err, "%s: member %s: expansion ratio above %g "
			   "(%llu bytes written from %lld compressed bytes); "
			   "refusing a decompression bomb (see --max-ratio)",
			   x->path, member, x->lim->max_ratio,
			   (unsigned long long)x->st->bytes, (long long)raw);
		return -1;
	}
	return 0;
}

/* May the member grow from pos to end bytes?  Holes of sparse members
 * count as written. */
static int
charge(struct xstate *x, const char *member, uint64_t pos, uint64_t end,
       struct pk_err *err)
{
	if (end > x->lim->max_file) {
		pk_err_set(err, "%s: member %s: larger than the "
			   "per-file limit of %llu bytes (see "
			   "--max-file-size)", x->path, member,
			   (unsigned long long)x->lim->max_file);
		return -1;
	}
	if (x->st->bytes + (end - pos) > x->lim->max_total) {
		pk_err_set(err, "%s: member %s: the archive expands "
			   "beyond the total limit of %llu bytes (see "
			   "--max-total)", x->path, member,
			   (unsigned long long)x->lim->max_total);
		return -1;
	}
	return 0;
}

/* esize: the entry's size, or -1 when the archive does not say */
static int
extract_file(struct xstate *x, int dirfd, const char *base,
	     const char *member, mode_t emode, int64_t esize,
	     struct pk_err *err)
{
	mode_t mode = (emode & 0111) ? 0755 : 0644;
	int fd, r;
	const void *buf;
	size_t size;
	la_int64_t off;
	uint64_t pos = 0, end;

	fd = openat(dirfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, mode);
	if (fd < 0) {
		if (errno == EEXIST)
			pk_err_set(err, "%s: member %s: appears twice in the "
				   "archive (refusing to replace it)",
				   x->path, member);
		else
			pk_err_set(err, "%s: member %s: cannot create: %s",
				   x->path, member, strerror(errno));
		return -1;
	}
	x->st->files++;
	for (;;) {
		if (stop_requested) {
			pk_err_set(err, "%s: interrupted", x->path);
			goto fail;
		}
		r = archive_read_data_block(x->a, &buf, &size, &off);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			pk_err_set(err, "%s: member %s: %s", x->path, member,
				   arc_msg(x->a));
			goto fail;
		}
		if (off < 0 || (uint64_t)off < pos) {
			pk_err_set(err, "%s: member %s: data blocks out of "
				   "order", x->path, member);
			goto fail;
		}
		end = (uint64_t)off + size;
		if (charge(x, member, pos, end, err) != 0)
			goto fail;
		if ((uint64_t)off > pos &&
		    lseek(fd, off, SEEK_SET) < 0) {
			pk_err_set(err, "%s: member %s: seek: %s", x->path,
				   member, strerror(errno));
			goto fail;
		}
		if (size > 0 && fd_write_all(fd, buf, size) != 0) {
			pk_err_set(err, "%s: member %s: write: %s", x->path,
				   member, strerror(errno));
			goto fail;
		}
		x->st->bytes += end - pos;
		pos = end;
		if (check_ratio(x, member, err) != 0)
			goto fail;
	}
	/* A sparse member's trailing hole has no data block: the entry's
	 * size (GNU.sparse.realsize) is where the file ends, as bsdtar has
	 * it.  An all-hole file has no block at all. */
	if (esize > 0 && (uint64_t)esize > pos) {
		end = (uint64_t)esize;
		if (charge(x, member, pos, end, err) != 0)
			goto fail;
		x->st->bytes += end - pos;
		pos = end;
		if (check_ratio(x, member, err) != 0)
			goto fail;
	}
	if (ftruncate(fd, (off_t)pos) != 0 || close(fd) != 0) {
		pk_err_set(err, "%s: member %s: %s", x->path, member,
			   strerror(errno));
		return -1;
	}
	return 0;
fail:
	close(fd);
	return -1;
}

/* A member's type in messages and as ls's letter in listings; the
 * first row is a hard link, the last an unknown type. */
static const struct member_type {
	unsigned type;
	const char *name;
	char letter;
} member_types[] = {
	{ 0, "hard link", 'h' },
	{ AE_IFREG, "file", '-' },
	{ AE_IFDIR, "directory", 'd' },
	{ AE_IFLNK, "symbolic link", 'l' },
	{ AE_IFCHR, "character device", 'c' },
	{ AE_IFBLK, "block device", 'b' },
	{ AE_IFIFO, "FIFO", 'p' },
	{ AE_IFSOCK, "socket", 's' },
	{ 0, "unknown member type", '?' },
};

static const struct member_type *
member_type(struct archive_entry *e)
{
	size_t n = sizeof member_types / sizeof *member_types;

	if (archive_entry_hardlink(e) != NULL)
		return &member_types[0];
	for (size_t i = 1; i + 1 < n; i++)
		if (member_types[i].type == (unsigned)archive_entry_filetype(e))
			return &member_types[i];
	return &member_types[n - 1];
}

static const char *
type_name(struct archive_entry *e)
{
	return member_type(e)->name;
}

/* NAME with control characters and backslashes as \ooo, for messages. */
static char *
shown_name(const char *name)
{
	char *s = pk_xmalloc(strlen(name) * 4 + 1), *q = s;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			q += sprintf(q, "\\%03o", *p);
		else
			*q++ = (char)*p;
	}
	*q = '\0';
	return s;
}

static int extract_entry1(struct xstate *x, struct archive_entry *e,
			  const char *raw, const char *name,
			  struct pk_err *err);

static int
extract_entry(struct xstate *x, struct archive_entry *e, struct pk_err *err)
{
	const char *raw = archive_entry_pathname(e);
	char *name;
	int rc;

	if (raw == NULL) {
		pk_err_set(err, "%s: member %llu: name cannot be decoded",
			   x->path, (unsigned long long)x->st->entries);
		return -1;
	}
	name = shown_name(raw);
	rc = extract_entry1(x, e, raw, name, err);
	free(name);
	return rc;
}

/* RAW is the name as stored, NAME the same for messages. */
static int
extract_entry1(struct xstate *x, struct archive_entry *e, const char *raw,
	       const char *name, struct pk_err *err)
{
	const char *why;
	char *copy = NULL, **comps = NULL, *key = NULL;
	size_t n, i, klen = 0;
	int dirfd, rc = -1;
	bool is_dir;

	if (archive_entry_filetype(e) == AE_IFDIR &&
	    archive_entry_hardlink(e) == NULL &&
	    raw[strspn(raw, "./")] == '\0' && strstr(raw, "..") == NULL)
		return 0; /* "./": the top directory itself */
	why = arc_check_name(raw, x->lim);
	if (why != NULL) {
		pk_err_set(err, "%s: member %s: %s", x->path, name, why);
		return -1;
	}
	if (archive_entry_hardlink(e) != NULL ||
	    (archive_entry_filetype(e) != AE_IFREG &&
	     archive_entry_filetype(e) != AE_IFDIR)) {
		if (x->flags & ARC_SKIP_LINKS) {
			if (!(x->flags & ARC_QUIET))
				pk_warn("%s: member %s: skipping a %s",
					x->path, name, type_name(e));
			x->st->skipped++;
			return 0;
		}
		pk_err_set(err, "%s: member %s: refusing a %s (only regular "
			   "files and directories are extracted; see "
			   "--skip-links)", x->path, name, type_name(e));
		return -1;
	}
	if (archive_entry_size_is_set(e) && archive_entry_size(e) > 0 &&
	    (uint64_t)archive_entry_size(e) > x->lim->max_file) {
		pk_err_set(err, "%s: member %s: declares %lld bytes, above the "
			   "per-file limit of %llu (see --max-file-size)",
			   x->path, name, (long long)archive_entry_size(e),
			   (unsigned long long)x->lim->max_file);
		return -1;
	}
	is_dir = archive_entry_filetype(e) == AE_IFDIR;
	n = split_name(raw, &copy, &comps);
	/* key: the parent directory's path, components joined by '/' */
	key = pk_xmalloc(strlen(raw) + 2);
	key[0] = '\0';
	for (i = 0; i + 1 < n; i++) {
		size_t l = strlen(comps[i]);

		memcpy(key + klen, comps[i], l);
		klen += l;
		key[klen++] = '/';
		key[klen] = '\0';
	}
	dirfd = open_dir(x, comps, n - 1, key, name, err);
	if (dirfd < 0)
		goto out;
	if (is_dir) {
		struct stat sb;

		if (mkdirat(dirfd, comps[n - 1], 0755) == 0) {
			x->st->dirs++;
		} else if (errno != EEXIST ||
			   fstatat(dirfd, comps[n - 1], &sb,
				   AT_SYMLINK_NOFOLLOW) != 0 ||
			   !S_ISDIR(sb.st_mode)) {
			pk_err_set(err, "%s: member %s: cannot create "
				   "directory: %s", x->path, name,
				   errno == EEXIST ? "a file of that name "
				   "exists" : strerror(errno));
			goto out;
		}
		rc = 0;
		goto out;
	}
	rc = extract_file(x, dirfd, comps[n - 1], name, archive_entry_perm(e),
			  archive_entry_size_is_set(e) ? archive_entry_size(e)
						       : -1, err);
out:
	free(key);
	free(comps);
	free(copy);
	return rc;
}

static int
rm_cb(const char *p, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb; (void)type; (void)ftw;
	remove(p);
	return 0;
}

static void
remove_tree(const char *dir)
{
	nftw(dir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

/* Extraction directories of our naming (".prof-extract.PID.XXXXXX") that
 * a killed run left in PARENT: removed once their process is gone and
 * they are old (see pk_temp_is_stale). */
#define ARC_TMP_PREFIX ".prof-extract."

static void
clean_stale_extracts(const char *parent)
{
	DIR *d = opendir(parent);
	struct dirent *de;

	while (d != NULL && (de = readdir(d)) != NULL) {
		char *p;

		if (!pk_temp_is_stale(parent, de->d_name, ARC_TMP_PREFIX))
			continue;
		p = pk_xasprintf("%s/%s", parent, de->d_name);
		remove_tree(p);
		free(p);
	}
	if (d != NULL)
		closedir(d);
}

static bool
dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	bool empty = true;

	if (d == NULL)
		return false;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			empty = false;
			break;
		}
	closedir(d);
	return empty;
}

int
arc_extract(const char *path, const char *dest, const struct arc_limits *lim,
	    unsigned flags, struct arc_stats *st, struct pk_err *err)
{
	struct arc_stats dummy;
	struct xstate x;
	struct archive_entry *e;
	struct stat sb;
	char *dcopy, *tmp;
	const char *parent;
	int r, rc = -1;

	if (st == NULL)
		st = &dummy;
	memset(st, 0, sizeof *st);
	if (lstat(dest, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode) || !dir_is_empty(dest)) {
			pk_err_set(err, "%s: already exists and is not an empty "
				   "directory", dest);
			return -1;
		}
	} else if (errno != ENOENT) {
		pk_err_set(err, "%s: %s", dest, strerror(errno));
		return -1;
	}
	memset(&x, 0, sizeof x);
	x.path = in_name(path);
	x.lim = lim;
	x.flags = flags;
	x.st = st;
	x.cache_fd = -1;
	/* the input first: one that cannot be opened leaves nothing behind */
	x.a = open_reader(path, err);
	if (x.a == NULL)
		return -1;
	dcopy = pk_xstrdup(dest);
	parent = dirname(dcopy);
	clean_stale_extracts(parent);
	tmp = pk_xasprintf("%s/" ARC_TMP_PREFIX "%ld.XXXXXX", parent,
			   (long)getpid());
	free(dcopy);
	if (mkdtemp(tmp) == NULL) {
		pk_err_set(err, "%s: cannot create a temporary directory: %s",
			   tmp, strerror(errno));
		archive_read_free(x.a);
		free(tmp);
		return -1;
	}
	x.rootfd = open(tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (x.rootfd < 0) {
		pk_err_set(err, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	(void)fchmod(x.rootfd, 0755); /* mkdtemp made it 0700 */
	for (;;) {
		r = archive_read_next_header(x.a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			pk_err_set(err, "%s: offset %lld: %s", x.path,
				   (long long)archive_filter_bytes(x.a, 0),
				   arc_msg(x.a));
			goto out;
		}
		if (stop_requested) {
			pk_err_set(err, "%s: interrupted", x.path);
			goto out;
		}
		if (++st->entries > lim->max_entries) {
			pk_err_set(err, "%s: more than %llu members (see "
				   "--max-entries)", x.path,
				   (unsigned long long)lim->max_entries);
			goto out;
		}
		if (extract_entry(&x, e, err) != 0)
			goto out;
	}
	st->raw = (uint64_t)archive_filter_bytes(x.a, -1);
	if (st->entries == 0) {
		pk_err_set(err, "%s: not a tar archive, or an empty one",
			   x.path);
		goto out;
	}
	rc = 0;
out:
	if (x.a != NULL)
		archive_read_free(x.a);
	if (x.cache_dir != NULL && x.cache_fd != x.rootfd)
		close(x.cache_fd);
	free(x.cache_dir);
	if (x.rootfd >= 0)
		close(x.rootfd);
	if (rc == 0 && rename(tmp, dest) != 0) {
		pk_err_set(err, "%s: cannot move the extracted report into "
			   "place: %s", dest, strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		remove_tree(tmp);
	free(tmp);
	return rc;
}

/* ---- listing ---------------------------------------------------------- */

static char
type_char(struct archive_entry *e)
{
	return member_type(e)->letter;
}

static void
print_name(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			fprintf(out, "\\%03o", *p);
		else
			fputc(*p, out);
	}
}

int
arc_list(const char *path, FILE *out, struct pk_err *err)
{
	struct archive *a = open_reader(path, err);
	struct archive_entry *e;
	int r;

	if (a == NULL)
		return -1;
	while ((r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		const char *name = archive_entry_pathname(e);

		if (r < ARCHIVE_WARN) {
			pk_err_set(err, "%s: offset %lld: %s", in_name(path),
				   (long long)archive_filter_bytes(a, 0),
				   arc_msg(a));
			archive_read_free(a);
			return -1;
		}
		/* a member extraction refuses outright is not listed as
		 * "? 0000 0 ?": the listing fails like the extraction */
		if (name == NULL || *name == '\0' || type_char(e) == '?') {
			char *shown = shown_name(name ? name : "");

			pk_err_set(err, "%s: offset %lld: member '%s': %s "
				   "(extraction refuses this archive)",
				   in_name(path),
				   (long long)archive_filter_bytes(a, 0), shown,
				   name == NULL || *name == '\0'
					   ? "no name" : type_name(e));
			free(shown);
			archive_read_free(a);
			return -1;
		}
		fprintf(out, "%c %04o %12lld ", type_char(e),
			(unsigned)archive_entry_perm(e),
			(long long)archive_entry_size(e));
		print_name(out, name);
		if (archive_entry_hardlink(e) != NULL) {
			fputs(" link to ", out);
			print_name(out, archive_entry_hardlink(e));
		} else if (archive_entry_symlink(e) != NULL) {
			fputs(" -> ", out);
			print_name(out, archive_entry_symlink(e));
		}
		fputc('\n', out);
	}
	archive_read_free(a);
	return 0;
}

/* ---- report scripts --------------------------------------------------- */

/* Options of kore-exec that take no value. */
static const char *const flag_opts[] = {
	"--version", "--help", "--no-logic-simplification", "--debug",
	"--no-simplification", "--enable-moving-average", "--search", NULL,
};

static bool
is_flag_opt(const char *name)
{
	for (size_t i = 0; flag_opts[i]; i++)
		if (strcmp(flag_opts[i], name) == 0)
			return true;
	return false;
}

struct tokbuf {
	char *s;
	size_t len, cap;
};

static void
tb_add(struct tokbuf *t, char c)
{
	if (t->len + 2 > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->s = pk_xrealloc(t->s, t->cap);
	}
	t->s[t->len++] = c;
	t->s[t->len] = '\0';
}

static void
push_word(char ***v, size_t *n, size_t *cap, char *w)
{
	if (w == NULL)
		w = pk_xstrdup(""); /* a word of nothing but a backslash */
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = pk_xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[(*n)++] = w;
}

int
arc_script_parse(const char *text, size_t len, const char *name,
		 struct arc_script *sc, struct pk_err *err)
{
	char **words = NULL;
	size_t nw = 0, cw = 0, i = 0, line = 1, cmd_line = 0;
	struct tokbuf t = { 0 };
	bool in_word = false, at_line_start = true, have_cmd = false;
	size_t start = 0;

	memset(sc, 0, sizeof *sc);
	/* Tokenize the first command line (a logical line joined by
	 * backslash-newlines) that is not a comment or an assignment. */
	while (i < len) {
		char c = text[i];

		if (at_line_start && !in_word) {
			size_t j = i;

			while (j < len && (text[j] == ' ' || text[j] == '\t'))
				j++;
			if (j < len && text[j] == '#') {
				while (j < len && text[j] != '\n')
					j++;
				i = j;
				continue;
			}
			at_line_start = false;
		}
		if (c == '\n') {
			line++;
			if (in_word) {
				push_word(&words, &nw, &cw, t.s);
				t.s = NULL; t.len = t.cap = 0;
				in_word = false;
			}
			i++;
			at_line_start = true;
			if (nw > 0) {
				/* "set -e" and the like: keep looking */
				if (strcmp(words[0], "exec") == 0 ||
				    strchr(words[0], '=') == NULL) {
					if (strcmp(words[0], "set") != 0 &&
					    strcmp(words[0], "cd") != 0) {
						have_cmd = true;
						break;
					}
				}
				for (size_t k = 0; k < nw; k++)
					free(words[k]);
				nw = 0;
			}
			continue;
		}
		if (c == ' ' || c == '\t' || c == ';') {
			if (in_word) {
				push_word(&words, &nw, &cw, t.s);
				t.s = NULL; t.len = t.cap = 0;
				in_word = false;
			}
			i++;
			continue;
		}
		if (nw == 0 && !in_word)
			cmd_line = line;
		if (!in_word)
			start = i;
		in_word = true;
		if (c == '\\') {
			if (i + 1 < len && text[i + 1] == '\n') {
				line++;
				i += 2;
				if (t.len == 0 && start + 2 == i)
					in_word = false; /* a lone "\" */
				continue;
			}
			if (i + 1 < len)
				tb_add(&t, text[i + 1]);
			i += 2;
			continue;
		}
		if (c == '\'') {
			i++;
			while (i < len && text[i] != '\'') {
				if (text[i] == '\n')
					line++;
				tb_add(&t, text[i++]);
			}
			if (i >= len) {
				pk_err_set(err, "%s:%zu: unterminated quote",
					   name, line);
				goto fail;
			}
			if (t.len == 0)
				tb_add(&t, '\0'), t.len = 0;
			i++;
			continue;
		}
		if (c == '"') {
			size_t q0 = i;

			i++;
			while (i < len && text[i] != '"') {
				if (text[i] == '\\' && i + 1 < len &&
				    text[i + 1] != '\0' &&
				    strchr("$`\"\\\n", text[i + 1])) {
					if (text[i + 1] != '\n')
						tb_add(&t, text[i + 1]);
					else
						line++;
					i += 2;
					continue;
				}
				if (text[i] == '\n')
					line++;
				tb_add(&t, text[i++]);
			}
			if (i >= len) {
				pk_err_set(err, "%s:%zu: unterminated quote",
					   name, line);
				goto fail;
			}
			i++;
			if (i - q0 == 4 && memcmp(text + q0, "\"$@\"", 4) == 0 &&
			    t.len == 2 && memcmp(t.s, "$@", 2) == 0) {
				/* mark "$@" by a sentinel word */
				free(t.s);
				t.s = pk_xstrdup("\"$@\"");
				t.len = 4; t.cap = 5;
			} else if (t.len == 0) {
				tb_add(&t, '\0'), t.len = 0;
			}
			continue;
		}
		tb_add(&t, c);
		i++;
	}
	if (in_word) {
		push_word(&words, &nw, &cw, t.s);
		t.s = NULL;
	}
	if (!have_cmd && nw > 0)
		have_cmd = true;
	if (!have_cmd) {
		pk_err_set(err, "%s:%zu: no command found", name, line);
		goto fail;
	}
	i = 0;
	if (strcmp(words[0], "exec") == 0)
		i = 1;
	if (i >= nw) {
		pk_err_set(err, "%s:%zu: 'exec' without a command", name,
			   cmd_line);
		goto fail;
	}
	sc->command = pk_xstrdup(words[i]);
	sc->argv = pk_xreallocarray(NULL, nw + 1, sizeof *sc->argv);
	for (i++; i < nw; i++) {
		if (strcmp(words[i], "\"$@\"") == 0) {
			sc->passes_args = true;
			continue;
		}
		sc->argv[sc->argc++] = pk_xstrdup(words[i]);
	}
	sc->argv[sc->argc] = NULL;
	/* options as data */
	sc->opts = pk_xreallocarray(NULL, sc->argc + 1, sizeof *sc->opts);
	for (i = 0; i < sc->argc; i++) {
		const char *a = sc->argv[i];
		struct arc_option *o = &sc->opts[sc->nopts++];
		const char *eq;

		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			o->name = NULL;
			o->value = pk_xstrdup(a);
		} else if ((eq = strchr(a, '=')) != NULL) {
			o->name = pk_xstrndup(a, (size_t)(eq - a));
			o->value = pk_xstrdup(eq + 1);
		} else {
			o->name = pk_xstrdup(a);
			o->value = NULL;
			if (!is_flag_opt(a) && i + 1 < sc->argc &&
			    strncmp(sc->argv[i + 1], "--", 2) != 0)
				o->value = pk_xstrdup(sc->argv[++i]);
		}
	}
	for (i = 0; i < nw; i++)
		free(words[i]);
	free(words);
	free(t.s);
	return 0;
fail:
	for (i = 0; i < nw; i++)
		free(words[i]);
	free(words);
	free(t.s);
	arc_script_free(sc);
	return -1;
}

void
arc_script_free(struct arc_script *sc)
{
	size_t i;

	for (i = 0; i < sc->argc; i++)
		free(sc->argv[i]);
	free(sc->argv);
	for (i = 0; i < sc->nopts; i++) {
		free(sc->opts[i].name);
		free(sc->opts[i].value);
	}
	free(sc->opts);
	free(sc->command);
	memset(sc, 0, sizeof *sc);
}

const char *
arc_script_get(const struct arc_script *sc, const char *name)
{
	for (size_t i = 0; i < sc->nopts; i++)
		if (sc->opts[i].name && strcmp(sc->opts[i].name, name) == 0)
			return sc->opts[i].value ? sc->opts[i].value : "";
	return NULL;
}

static const char *
script_mode(const struct arc_script *sc)
{
	if (arc_script_get(sc, "--prove"))
		return "prove";
	if (arc_script_get(sc, "--searchType") || arc_script_get(sc, "--search"))
		return "search";
	if (arc_script_get(sc, "--bmc"))
		return "bmc";
	if (arc_script_get(sc, "--merge-rules"))
		return "merge-rules";
	return "execute";
}

/* A value as a JSON number when it is one, else a string. */
static void
kvalue(struct jw *w, const char *key, const char *v)
{
	long long n;

	if (v == NULL)
		return;
	if (pk_parse_ll(v, &n) == 0)
		jw_kint(w, key, n);
	else
		jw_kstring(w, key, v);
}

/* The script as data: command, arguments, options, and the well-known
 * kore-exec settings. */
static void
script_json(struct jw *w, const struct arc_script *sc)
{
	size_t i;
	const char *definition = NULL;

	jw_kstring(w, "command", sc->command);
	jw_kbool(w, "passes_arguments", sc->passes_args);
	jw_key(w, "arguments");
	jw_array_begin(w);
	for (i = 0; i < sc->argc; i++)
		jw_string(w, sc->argv[i]);
	jw_array_end(w);
	jw_key(w, "options");
	jw_array_begin(w);
	for (i = 0; i < sc->nopts; i++) {
		jw_object_begin(w);
		if (sc->opts[i].name)
			jw_kstring(w, "name", sc->opts[i].name);
		else if (definition == NULL)
			definition = sc->opts[i].value;
		if (sc->opts[i].value)
			kvalue(w, "value", sc->opts[i].value);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_kstring(w, "mode", script_mode(sc));
	if (definition)
		jw_kstring(w, "definition", definition);
	kvalue(w, "module", arc_script_get(sc, "--module"));
	kvalue(w, "pattern", arc_script_get(sc, "--pattern"));
	kvalue(w, "output", arc_script_get(sc, "--output"));
	kvalue(w, "depth", arc_script_get(sc, "--depth"));
	kvalue(w, "breadth", arc_script_get(sc, "--breadth"));
	jw_key(w, "smt");
	jw_object_begin(w);
	for (i = 0; i < sc->nopts; i++) {
		const char *n = sc->opts[i].name;

		if (n && strncmp(n, "--smt", 5) == 0) {
			if (n[5] == '\0')
				kvalue(w, "solver", sc->opts[i].value ?
				       sc->opts[i].value : "");
			else if (n[5] == '-')
				kvalue(w, n + 6, sc->opts[i].value ?
				       sc->opts[i].value : "");
		}
	}
	jw_object_end(w);
}

struct member {
	char *name;
	char type;
	int64_t size;
};

static bool
top_level(const char *name, const char *base)
{
	if (strncmp(name, "./", 2) == 0)
		name += 2;
	return strcmp(name, base) == 0;
}

static const char *
strip_dot(const char *name)
{
	while (strncmp(name, "./", 2) == 0)
		name += 2;
	return name;
}

int
arc_describe(const char *path, FILE *out, struct pk_err *err)
{
	struct archive *a = open_reader(path, err);
	struct archive_entry *e;
	struct member *m = NULL;
	size_t n = 0, cap = 0, i;
	char *script = NULL, *script_name = NULL;
	size_t slen = 0;
	bool rpc = false;
	struct arc_script sc;
	bool have_sc = false;
	struct jw w;
	int r, rc = -1;

	if (a == NULL)
		return -1;
	while ((r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		const char *name;

		if (r < ARCHIVE_WARN) {
			pk_err_set(err, "%s: offset %lld: %s", in_name(path),
				   (long long)archive_filter_bytes(a, 0),
				   arc_msg(a));
			goto out;
		}
		name = archive_entry_pathname(e);
		if (name == NULL)
			name = "?";
		if (*strip_dot(name) == '\0' || strcmp(name, ".") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			m = pk_xreallocarray(m, cap, sizeof *m);
		}
		m[n].name = pk_xstrdup(strip_dot(name));
		m[n].type = type_char(e);
		m[n].size = archive_entry_size(e);
		n++;
		if (top_level(name, "server_instance.json"))
			rpc = true;
		if (m[n - 1].type == '-' && script == NULL &&
		    (top_level(name, "kore-exec.sh") ||
		     (strchr(strip_dot(name), '/') == NULL &&
		      strlen(name) > 3 &&
		      strcmp(name + strlen(name) - 3, ".sh") == 0))) {
			size_t cap2 = 0;
			const void *buf;
			size_t sz;
			la_int64_t off;

			script_name = pk_xstrdup(strip_dot(name));
			while ((r = archive_read_data_block(a, &buf, &sz,
			    &off)) == ARCHIVE_OK) {
				if (slen + sz > (1u << 20))
					break; /* a script is not that long */
				if (slen + sz + 1 > cap2) {
					cap2 = (slen + sz + 1) * 2;
					script = pk_xrealloc(script, cap2);
				}
				memcpy(script + slen, buf, sz);
				slen += sz;
			}
			if (script == NULL)
				script = pk_xstrdup("");
			script[slen] = '\0';
		}
	}
	if (script != NULL) {
		if (arc_script_parse(script, slen, script_name, &sc, err) != 0)
			goto out;
		have_sc = true;
	}
	jw_init(&w, out, 2);
	jw_object_begin(&w);
	jw_kstring(&w, "archive", in_name(path));
	jw_kstring(&w, "flavour", script_name &&
		   strcmp(script_name, "kore-exec.sh") == 0 ? "exec" :
		   rpc ? "rpc" : script_name ? "exec" : "unknown");
	if (script_name)
		jw_kstring(&w, "script", script_name);
	if (have_sc) {
		jw_key(&w, "invocation");
		jw_object_begin(&w);
		script_json(&w, &sc);
		jw_object_end(&w);
	}
	jw_key(&w, "inputs");
	jw_array_begin(&w);
	for (i = 0; have_sc && i < n; i++) {
		const char *opt = NULL;
		bool used = false;

		for (size_t k = 0; k < sc.nopts; k++)
			if (sc.opts[k].value &&
			    strcmp(strip_dot(sc.opts[k].value), m[i].name) == 0) {
				used = true;
				opt = sc.opts[k].name;
				break;
			}
		if (!used)
			continue;
		jw_object_begin(&w);
		jw_kstring(&w, "name", m[i].name);
		jw_kint(&w, "size", m[i].size);
		if (opt)
			jw_kstring(&w, "option", opt);
		else
			jw_kstring(&w, "option", "(positional)");
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_key(&w, "members");
	jw_array_begin(&w);
	for (i = 0; i < n; i++) {
		char t[2] = { m[i].type, 0 };

		jw_object_begin(&w);
		jw_kstring(&w, "name", m[i].name);
		jw_kstring(&w, "type", t[0] == '-' ? "file" : t[0] == 'd' ?
			   "directory" : t[0] == 'l' ? "symlink" : t[0] == 'h'
			   ? "hardlink" : "other");
		jw_kint(&w, "size", m[i].size);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	fputc('\n', out);
	jw_free(&w);
	rc = 0;
out:
	if (have_sc)
		arc_script_free(&sc);
	for (i = 0; i < n; i++)
		free(m[i].name);
	free(m);
	free(script);
	free(script_name);
	archive_read_free(a);
	return rc;
}

static char *
slurp_small(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL)
		return NULL;
	buf = pk_xmalloc(max + 1);
	n = fread(buf, 1, max, f);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int
arc_describe_dir(const char *dir, char **script, const char **flavour,
		 struct arc_script *sc, struct pk_err *err)
{
	char *p = pk_xasprintf("%s/kore-exec.sh", dir), *text;
	struct stat sb;
	size_t len;
	DIR *d;
	struct dirent *de;

	memset(sc, 0, sizeof *sc);
	*script = NULL;
	*flavour = "unknown";
	if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode)) {
		*script = pk_xstrdup("kore-exec.sh");
		*flavour = "exec";
	} else if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name);

			if (strcmp(de->d_name, "server_instance.json") == 0)
				*flavour = "rpc";
			if (*script == NULL && l > 3 &&
			    strcmp(de->d_name + l - 3, ".sh") == 0)
				*script = pk_xstrdup(de->d_name);
		}
		closedir(d);
		if (*script && strcmp(*flavour, "unknown") == 0)
			*flavour = "exec";
	}
	free(p);
	if (*script == NULL) {
		pk_err_set(err, "%s: no reproduction script (kore-exec.sh or "
			   "*.sh) in the report", dir);
		return -1;
	}
	p = pk_xasprintf("%s/%s", dir, *script);
	text = slurp_small(p, 1 << 20, &len);
	if (text == NULL) {
		pk_err_set(err, "%s: %s", p, strerror(errno));
		free(p);
		return -1;
	}
	if (arc_script_parse(text, len, p, sc, err) != 0) {
		free(text);
		free(p);
		return -1;
	}
	free(text);
	free(p);
	return 0;
}

/* ---- packing ---------------------------------------------------------- */

int
arc_pack_zst(const char *path, const char *const *files,
	     const char *const *names, size_t n, unsigned outflags,
	     struct pk_err *err)
{
	struct pk_out *out = pk_out_open(path, outflags, err);
	struct archive *a;
	struct archive_entry *e;
	char buf[65536];
	size_t i;

	if (out == NULL)
		return -1;
	a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	archive_write_add_filter_zstd(a);
	archive_write_set_bytes_in_last_block(a, 1); /* no padding after the frame */
	if (archive_write_open_FILE(a, pk_out_file(out)) != ARCHIVE_OK) {
		pk_err_set(err, "%s: %s", path, arc_msg(a));
		goto fail;
	}
	for (i = 0; i < n; i++) {
		const char *name;
		struct stat sb;
		int fd = open(files[i], O_RDONLY | O_CLOEXEC);
		ssize_t r;

		if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			pk_err_set(err, "%s: %s", files[i],
				   fd < 0 ? strerror(errno) : "not a file");
			if (fd >= 0)
				close(fd);
			goto fail;
		}
		if (names != NULL && names[i] != NULL) {
			name = names[i];
		} else {
			name = strrchr(files[i], '/');
			name = name ? name + 1 : files[i];
		}
		e = archive_entry_new();
		archive_entry_set_pathname(e, name);
		archive_entry_set_size(e, sb.st_size);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_mtime(e, sb.st_mtime, 0);
		if (archive_write_header(a, e) != ARCHIVE_OK) {
			pk_err_set(err, "%s: %s", path, arc_msg(a));
			archive_entry_free(e);
			close(fd);
			goto fail;
		}
		archive_entry_free(e);
		while ((r = read(fd, buf, sizeof buf)) > 0)
			if (archive_write_data(a, buf, (size_t)r) != r) {
				pk_err_set(err, "%s: %s", path,
					   arc_msg(a));
				close(fd);
				goto fail;
			}
		close(fd);
		if (r < 0) {
			pk_err_set(err, "%s: %s", files[i], strerror(errno));
			goto fail;
		}
	}
	if (archive_write_close(a) != ARCHIVE_OK) {
		pk_err_set(err, "%s: %s", path, arc_msg(a));
		goto fail;
	}
	archive_write_free(a);
	return pk_out_commit(out, err);
fail:
	archive_write_free(a);
	pk_out_abort(out);
	return -1;
}
