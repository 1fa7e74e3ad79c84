/* replay.c - run a fuzz target's entry point over files, without libFuzzer.
 *
 *   replay_NAME FILE|DIR...
 *
 * Every regular file (directories are walked one level) is fed to
 * LLVMFuzzerTestOneInput once.  `make check` runs it over the target's
 * corpus in tests/fuzz/corpus/NAME/ and over the real fixtures, under the
 * sanitizers the build was configured with: a crash or sanitizer report
 * fails the test.  Prints TAP: one line per input.  A path that does not
 * exist, a directory that cannot be read and a run over no input at all
 * fail too (exit 1): a moved corpus must not pass as an empty one.
 */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int n, failed;

static void
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, r;

	if (f == NULL) {
		printf("not ok %d - %s (cannot open)\n", ++n, path);
		failed++;
		return;
	}
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
		}
		r = fread(buf + len, 1, cap - len, f);
		len += r;
	} while (r > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	printf("ok %d - %s\n", ++n, path);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;

		if (stat(argv[i], &st) != 0) {
			printf("not ok %d - %s (missing)\n", ++n, argv[i]);
			failed++;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			run_file(argv[i]);
			continue;
		}
		if ((d = opendir(argv[i])) == NULL) {
			printf("not ok %d - %s (cannot read)\n", ++n, argv[i]);
			failed++;
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			char *p;

			if (e->d_name[0] == '.')
				continue;
			if (asprintf(&p, "%s/%s", argv[i], e->d_name) < 0)
				abort();
			if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
				run_file(p);
			free(p);
		}
		closedir(d);
	}
	if (n == 0) {
		printf("not ok %d - no input to replay\n", ++n);
		failed++;
	}
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
