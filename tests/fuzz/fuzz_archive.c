/* fuzz_archive.c - safe extraction (arc_extract) of arbitrary bytes as a
 * tarball, with small budgets.  The oracle: whatever the input, nothing
 * appears in the scratch directory except the target, and the target
 * appears only on success, holding only regular files and directories
 * without setuid bits. */
#define _GNU_SOURCE
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
check_cb(const char *p, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)p; (void)ftw;
	if (type == FTW_SL || (!S_ISREG(sb->st_mode) && !S_ISDIR(sb->st_mode)))
		abort();
	if (sb->st_mode & (S_ISUID | S_ISGID | S_ISVTX))
		abort();
	return 0;
}

static int
rm_cb(const char *p, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb; (void)type; (void)ftw;
	remove(p);
	return 0;
}

static char scratch[64];

static void
cleanup(void)
{
	rmdir(scratch);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[80], target[96];
	struct arc_limits lim;
	struct pk_err err = { 0 };
	DIR *d;
	struct dirent *de;
	int fd, rc, others = 0;
	bool have_target = false;

	if (scratch[0] == '\0') {
		const char *t = getenv("TMPDIR");

		snprintf(scratch, sizeof scratch, "%s/fuzz-archive.XXXXXX",
			 t && *t && strlen(t) < 40 ? t : "/tmp");
		if (mkdtemp(scratch) == NULL)
			abort();
		atexit(cleanup);
	}
	fd = memfd_create("fuzz.tar", 0);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(in, sizeof in, "/proc/self/fd/%d", fd);
	snprintf(target, sizeof target, "%s/x", scratch);
	arc_limits_default(&lim);
	lim.max_total = 1 << 20;
	lim.max_file = 1 << 19;
	lim.max_entries = 1000;
	lim.ratio_floor = 1 << 16;
	rc = arc_extract(in, target, &lim, ARC_QUIET, NULL, &err);
	close(fd);
	d = opendir(scratch);
	while (d && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (strcmp(de->d_name, "x") == 0)
			have_target = true;
		else
			others++;
	}
	if (d)
		closedir(d);
	if (others != 0 || have_target != (rc == 0) ||
	    (rc != 0 && err.msg == NULL))
		abort();
	if (have_target) {
		nftw(target, check_cb, 16, FTW_PHYS);
		nftw(target, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
	}
	pk_err_clear(&err);
	return 0;
}
