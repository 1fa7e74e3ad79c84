/* test_core.c - unit tests of the core modules. */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include <cmocka.h>
#include <zlib.h>
#include <zstd.h>

#include "cli.h"
#include "fe.h"
#include "input.h"
#include "json_write.h"
#include "output.h"

static char tmpdir[] = "/tmp/pk-unit-XXXXXX";

static char *
mem_json(void (*fn)(struct jw *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct jw w;

	jw_init(&w, f, 0);
	fn(&w);
	jw_free(&w);
	fclose(f);
	return buf;
}

static void
doc_escapes(struct jw *w)
{
	jw_object_begin(w);
	jw_kstring(w, "q", "a\"b\\c\n\x01");
	jw_key(w, "bad");
	jw_stringn(w, "x\xff\xc0\xafy\xe2\x82\xac", 8);
	jw_kint(w, "neg", INT64_MIN);
	jw_kuint(w, "big", UINT64_MAX);
	jw_kdouble(w, "d", 0.1);
	jw_key(w, "a");
	jw_array_begin(w);
	jw_int(w, 1);
	jw_int(w, -2);
	jw_array_begin(w);
	jw_array_end(w);
	jw_array_end(w);
	jw_object_end(w);
}

static void
test_json_escapes(void **state)
{
	char *s = mem_json(doc_escapes);

	assert_string_equal(s,
		"{\"q\":\"a\\\"b\\\\c\\n\\u0001\","
		"\"bad\":\"x\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdy\xe2\x82\xac\","
		"\"neg\":-9223372036854775808,\"big\":18446744073709551615,"
		"\"d\":0.1,\"a\":[1,-2,[]]}");
	free(s);
}

static void
test_utf8_seq(void **state)
{
	assert_int_equal(pk_utf8_seq((const unsigned char *)"\xed\xa0\x80", 3), 0);
	assert_int_equal(pk_utf8_seq((const unsigned char *)"\xf4\x90\x80\x80", 4), 0);
	assert_int_equal(pk_utf8_seq((const unsigned char *)"\xf0\x9f\x98\x80", 4), 4);
	assert_int_equal(pk_utf8_seq((const unsigned char *)"\xe2\x82", 2), 0);
}

static char *
write_file(const char *name, const void *data, size_t n)
{
	char *path = pk_xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
	return path;
}

static const char text[] = "line one\r\nline two\n\nlast without newline";

static void
check_lines_in(struct pk_in *in)
{
	struct pk_err err = { 0 };
	char *line = NULL;
	size_t cap = 0;

	assert_non_null(in);
	assert_int_equal(pk_in_getline(in, &line, &cap, &err), 8);
	assert_string_equal(line, "line one");
	assert_int_equal(pk_in_getline(in, &line, &cap, &err), 8);
	assert_string_equal(line, "line two");
	assert_int_equal(pk_in_getline(in, &line, &cap, &err), 0);
	assert_int_equal(pk_in_getline(in, &line, &cap, &err), 20);
	assert_string_equal(line, "last without newline");
	assert_int_equal(pk_in_getline(in, &line, &cap, &err), -1);
	assert_int_equal(pk_in_offset(in), sizeof text - 1);
	free(line);
	pk_in_close(in);
}

static void
check_lines(const char *path)
{
	struct pk_err err = { 0 };

	check_lines_in(pk_in_open(path, &err));
}

/* pk_in_memopen: the same bytes from memory, plain and compressed; the
 * caller's buffer may go away at once */
static void
check_lines_mem(const void *data, size_t n)
{
	struct pk_err err = { 0 };
	unsigned char *copy = pk_xmalloc(n);
	struct pk_in *in;

	memcpy(copy, data, n);
	in = pk_in_memopen(copy, n, "mem", &err);
	memset(copy, 0, n);
	free(copy);
	assert_non_null(in);
	assert_string_equal(pk_in_name(in), "mem");
	check_lines_in(in);
}

static void
test_input_plain_gzip_zstd(void **state)
{
	unsigned char gz[256], zs[256];
	z_stream z = { 0 };
	size_t zn;
	char *p;

	p = write_file("plain.txt", text, sizeof text - 1);
	check_lines(p);
	free(p);
	check_lines_mem(text, sizeof text - 1);

	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8,
				      Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (unsigned char *)text;
	z.avail_in = sizeof text - 1;
	z.next_out = gz;
	z.avail_out = sizeof gz;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	p = write_file("text.gz", gz, z.total_out);
	check_lines(p);
	free(p);
	check_lines_mem(gz, z.total_out);
	{
		/* a cut stream from memory is cut too; nothing at all reads
		 * as an empty input */
		struct pk_err err = { 0 };
		struct pk_in *in = pk_in_memopen(gz, z.total_out - 6, "m", &err);
		char *buf = NULL;
		size_t len;

		assert_int_equal(pk_in_slurp(in, &buf, &len, &err), 0);
		assert_true(pk_in_cut(in, NULL));
		free(buf);
		pk_in_close(in);
		in = pk_in_memopen(NULL, 0, "empty", &err);
		assert_int_equal(pk_in_slurp(in, &buf, &len, &err), 0);
		assert_int_equal(len, 0);
		free(buf);
		pk_in_close(in);
	}
	/* a truncated gzip stream ends where it was cut, like a cut raw
	 * file, and says so through pk_in_cut (readers warn with it) */
	p = write_file("trunc.gz", gz, z.total_out - 6);
	{
		struct pk_err err = { 0 };
		struct pk_in *in = pk_in_open(p, &err);
		char *buf = NULL;
		size_t len;
		uint64_t raw = 0;

		assert_non_null(in);
		assert_false(pk_in_cut(in, NULL));
		assert_int_equal(pk_in_slurp(in, &buf, &len, &err), 0);
		assert_true(len <= sizeof text - 1);
		assert_memory_equal(buf, text, len);
		assert_true(pk_in_cut(in, &raw));
		assert_int_equal(raw, z.total_out - 6);
		free(buf);
		pk_in_close(in);
	}
	free(p);
	/* the whole stream is not cut */
	p = write_file("whole.gz", gz, z.total_out);
	{
		struct pk_err err = { 0 };
		struct pk_in *in = pk_in_open(p, &err);
		char *buf = NULL;
		size_t len;

		assert_int_equal(pk_in_slurp(in, &buf, &len, &err), 0);
		assert_false(pk_in_cut(in, NULL));
		free(buf);
		pk_in_close(in);
	}
	free(p);
	deflateEnd(&z);

	zn = ZSTD_compress(zs, sizeof zs, text, sizeof text - 1, 3);
	assert_false(ZSTD_isError(zn));
	p = write_file("text.zst", zs, zn);
	check_lines(p);
	free(p);
	check_lines_mem(zs, zn);
}

/*
 * A stream many times the decoder's chunk ring (1 MiB), so the worker
 * thread blocks on a full ring, wraps around, and hands over the end and
 * the errors in the right order.
 */
#define BIG_N (5u * 1024 * 1024 + 12345)

static unsigned char *
big_data(void)
{
	unsigned char *d = pk_xmalloc(BIG_N);
	uint32_t x = 1;

	for (size_t i = 0; i < BIG_N; i++) {
		x = x * 1103515245u + 12345u;
		d[i] = (i % 97 == 96) ? '\n' : (unsigned char)('a' + (x >> 16) % 4);
	}
	return d;
}

static void
test_input_large_zstd(void **state)
{
	unsigned char *d = big_data(), *z, *back = pk_xmalloc(BIG_N + 1);
	size_t zn = ZSTD_compressBound(BIG_N), got = 0, step = 1;
	struct pk_err err = { 0 };
	struct pk_in *in;
	char *p, *line = NULL;
	size_t cap = 0, lines = 0;
	ssize_t r;

	z = pk_xmalloc(zn);
	zn = ZSTD_compress(z, zn, d, BIG_N, 1);
	assert_false(ZSTD_isError(zn));
	p = write_file("big.zst", z, zn);

	/* odd-sized reads, from 1 byte up to 64 KiB, give back every byte */
	in = pk_in_open(p, &err);
	assert_non_null(in);
	while ((r = pk_in_read(in, back + got, step, &err)) > 0) {
		got += (size_t)r;
		step = step * 7 % 65521 + 1;
		if (got + step > BIG_N + 1)
			step = BIG_N + 1 - got;
	}
	assert_int_equal(r, 0);
	assert_int_equal(got, BIG_N);
	assert_memory_equal(back, d, BIG_N);
	assert_int_equal(pk_in_offset(in), BIG_N);
	assert_int_equal(pk_in_raw_bytes(in), zn);
	pk_in_close(in);

	/* lines */
	in = pk_in_open(p, &err);
	while (pk_in_getline(in, &line, &cap, &err) >= 0)
		lines++;
	assert_int_equal(lines, (BIG_N + 96) / 97);
	pk_in_close(in);
	free(line);

	/* closing early, with the worker blocked on a full ring */
	in = pk_in_open(p, &err);
	assert_int_equal(pk_in_read_full(in, back, 10, &err), 10);
	usleep(20000);
	pk_in_close(in);
	free(p);

	/* truncated: every byte that was there, then the end, and
	 * pk_in_cut says it was cut */
	p = write_file("big-trunc.zst", z, zn / 2);
	in = pk_in_open(p, &err);
	got = 0;
	while ((r = pk_in_read(in, back + got, BIG_N - got, &err)) > 0)
		got += (size_t)r;
	assert_int_equal(r, 0);
	assert_true(pk_in_cut(in, NULL));
	assert_true(got > 0 && got < BIG_N);
	assert_memory_equal(back, d, got);
	pk_err_clear(&err);
	/* the error is not forgotten: the stream stays ended */
	assert_int_equal(pk_in_read(in, back, 16, &err), 0);
	pk_in_close(in);
	free(p);

	/* the same through the direct path */
	setenv("PROFKIT_THREADS", "0", 1);
	p = write_file("big.zst", z, zn);
	in = pk_in_open(p, &err);
	assert_int_equal(pk_in_read_full(in, back, BIG_N + 1, &err), BIG_N);
	assert_memory_equal(back, d, BIG_N);
	pk_in_close(in);
	unsetenv("PROFKIT_THREADS");
	free(p);
	free(z);
	free(back);
	free(d);
}

/* A compressed pipe whose writer stalls, neither writing nor closing:
 * closing the input must not wait for it (the decoder thread sits in
 * read(2)).  alarm() turns a hang into a failure. */
static void
test_input_stalled_pipe(void **state)
{
	unsigned char *d = big_data(), *z, buf[100];
	size_t zn = ZSTD_compressBound(BIG_N);
	struct pk_err err = { 0 };
	struct pk_in *in;
	int fds[2];

	(void)state;
	z = pk_xmalloc(zn);
	zn = ZSTD_compress(z, zn, d, BIG_N, 1);
	assert_false(ZSTD_isError(zn));
	alarm(10);
	assert_int_equal(pipe(fds), 0);
	/* a first piece only (whole zstd blocks, so it decodes to something):
	 * the stream goes on, the writer stays open */
	assert_true(fcntl(fds[1], F_SETPIPE_SZ, 256 * 1024) >= 64 * 1024);
	assert_true(zn > 64 * 1024);
	assert_int_equal(write(fds[1], z, 64 * 1024), 64 * 1024);
	in = pk_in_fdopen(fds[0], "<pipe>", &err);
	assert_non_null(in);
	assert_int_equal(pk_in_read_full(in, buf, sizeof buf, &err),
			 sizeof buf);
	assert_memory_equal(buf, d, sizeof buf);
	pk_in_close(in);
	alarm(0);
	close(fds[0]);
	close(fds[1]);
	free(z);
	free(d);
}

static void
test_input_missing(void **state)
{
	struct pk_err err = { 0 };

	assert_null(pk_in_open("/nonexistent/file.hp", &err));
	assert_string_equal(err.msg,
			    "/nonexistent/file.hp: No such file or directory");
	pk_err_clear(&err);
}

static int
count_entries(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' || strstr(e->d_name, "tmp"))
			n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void
test_output_atomic(void **state)
{
	struct pk_err err = { 0 };
	char *path = pk_xasprintf("%s/out.json", tmpdir);
	int before = count_entries();
	struct pk_out *o = pk_out_open(path, 0, &err);
	struct stat st;

	assert_non_null(o);
	fputs("partial", pk_out_file(o));
	assert_int_equal(stat(path, &st), -1); /* not visible yet */
	pk_out_abort(o);
	assert_int_equal(count_entries(), before); /* nothing left */

	o = pk_out_open(path, 0, &err);
	fputs("done\n", pk_out_file(o));
	assert_int_equal(pk_out_commit(o, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 5);

	/* an existing file is kept unless forced */
	assert_null(pk_out_open(path, 0, &err));
	assert_non_null(strstr(err.msg, "already exists"));
	pk_err_clear(&err);
	o = pk_out_open(path, PK_OUT_FORCE, &err);
	assert_non_null(o);
	fputs("x", pk_out_file(o));
	assert_int_equal(pk_out_commit(o, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 1);
	unlink(path);
	free(path);
}

static volatile sig_atomic_t caught;

static void
on_int(int sig)
{
	caught = sig;
}

/* The library never touches signals: a caller's SIGINT handler is still
 * the one that runs after outputs were opened and committed (the old
 * output layer replaced it on first use, and SIGINT then killed us). */
static void
test_output_keeps_caller_handler(void **state)
{
	struct pk_err err = { 0 };
	char *path = pk_xasprintf("%s/sig.json", tmpdir);
	struct sigaction sa, old;
	struct pk_out *o;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_int;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGINT, &sa, &old), 0);
	o = pk_out_open(path, 0, &err);
	assert_non_null(o);
	caught = 0;
	raise(SIGINT);
	assert_int_equal(caught, SIGINT);
	fputs("x", pk_out_file(o));
	assert_int_equal(pk_out_commit(o, &err), 0);
	o = pk_out_open(path, PK_OUT_FORCE, &err);
	assert_non_null(o);
	pk_out_abort(o);
	caught = 0;
	raise(SIGINT);
	assert_int_equal(caught, SIGINT);
	assert_int_equal(sigaction(SIGINT, NULL, &sa), 0);
	assert_ptr_equal(sa.sa_handler, on_int);
	sigaction(SIGINT, &old, NULL);
	unlink(path);
	free(path);
}

/* A dead run's temporary file beside the target goes, others stay. */
static void
test_output_stale_temps(void **state)
{
	struct pk_err err = { 0 };
	char *path = pk_xasprintf("%s/st.json", tmpdir);
	char *dead = pk_xasprintf("%s/.st.json.tmp.%d.AbC123", tmpdir,
				  INT_MAX - 7);
	char *mine = pk_xasprintf("%s/.st.json.tmp.%ld.AbC123", tmpdir,
				  (long)getpid());
	char *other = pk_xasprintf("%s/.st.json.tmpAbC123", tmpdir);
	struct timespec old[2] = { { 1000, 0 }, { 1000, 0 } };
	const char *all[] = { dead, mine, other };
	struct pk_out *o;
	struct stat st;

	for (size_t i = 0; i < 3; i++) {
		int fd = open(all[i], O_CREAT | O_WRONLY, 0644);

		assert_true(fd >= 0);
		close(fd);
		assert_int_equal(utimensat(AT_FDCWD, all[i], old, 0), 0);
	}
	o = pk_out_open(path, 0, &err);
	assert_non_null(o);
	pk_out_abort(o);
	assert_int_equal(stat(dead, &st), -1);
	assert_int_equal(stat(mine, &st), 0);
	assert_int_equal(stat(other, &st), 0);
	unlink(mine);
	unlink(other);
	free(dead);
	free(mine);
	free(other);
	free(path);
}

static void
test_parse(void **state)
{
	double d;
	unsigned long long u;

	assert_int_equal(pk_parse_duration("4m", &d), 0);
	assert_true(d == 240);
	assert_int_equal(pk_parse_duration("250ms", &d), 0);
	assert_true(d == 0.25);
	assert_int_equal(pk_parse_duration("2", &d), 0);
	assert_true(d == 2);
	assert_int_equal(pk_parse_duration("2x", &d), -1);
	assert_int_equal(pk_parse_duration("-1s", &d), -1);
	assert_int_equal(pk_parse_size("10M", &u), 0);
	assert_true(u == 10ULL << 20);
	assert_int_equal(pk_parse_size("1.5G", &u), -1);
}

static int
setup(void **state)
{
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char *cmd = pk_xasprintf("rm -rf '%s'", tmpdir);
	int r = system(cmd);

	free(cmd);
	return r;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_utf8_seq),
		cmocka_unit_test(test_input_plain_gzip_zstd),
		cmocka_unit_test(test_input_large_zstd),
		cmocka_unit_test(test_input_stalled_pipe),
		cmocka_unit_test(test_input_missing),
		cmocka_unit_test(test_output_atomic),
		cmocka_unit_test(test_output_keeps_caller_handler),
		cmocka_unit_test(test_output_stale_temps),
		cmocka_unit_test(test_parse),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
