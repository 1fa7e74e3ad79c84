/* input.c - streaming input with transparent gzip/zstd decompression. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/mman.h>

#include <zlib.h>
#define ZSTD_STATIC_LINKING_ONLY /* ZSTD_createDStream_advanced */
#include <zstd.h>

#include "input.h"

#define RAW_BUFSZ (256 * 1024)
#define LINE_BUFSZ (64 * 1024)

/*
 * Compressed input is decoded on a second thread, a few chunks ahead of
 * the reader, so decompression and parsing overlap on two cores.  The
 * chunks form a ring: the worker fills the slot at wr, the reader drains
 * the slot at rd.  Memory stays bounded at NCHUNK * CHUNK_SZ.
 */
#define NCHUNK 4
#define CHUNK_SZ (256 * 1024)

struct chunk {
	unsigned char *data;
	size_t len, pos;
	bool last;		/* the stream ended (or failed) after this */
	struct pk_err err;	/* set when the stream failed */
};

struct worker {
	unsigned char *ring; /* the chunks' memory, one block */
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct chunk slot[NCHUNK];
	unsigned rd, wr, filled; /* filled = slots ready for the reader */
	bool stop;		 /* pk_in_close wants the worker gone */
	bool done;		 /* the reader has seen the last chunk */
};

struct pk_in {
	int fd;
	bool own_fd;
	char *name;
	enum pk_compression comp;

	/* Raw (compressed) bytes read from fd but not yet consumed. */
	unsigned char *raw;
	size_t raw_pos, raw_len;
	bool raw_eof;
	uint64_t raw_total;

	z_stream zs;
	bool zs_init, zs_member_done;
	ZSTD_DStream *zd;
	size_t zd_last; /* last ZSTD_decompressStream hint: 0 = frame done */
	struct worker *wk; /* decoding thread, for compressed input */
	bool wk_tried;
	bool yield_before_read; /* decode_direct: NEED_READ, not read(2) */

	/* Decoded bytes buffered for peek/getline. */
	unsigned char *dec;
	size_t dec_pos, dec_len, dec_cap;
	bool eof;
	uint64_t offset; /* decoded bytes handed out */
	/* compressed input that stopped inside a gzip member or zstd frame:
	 * it ends there like a cut raw file (set by the decoder before its
	 * end of input, which the worker's lock publishes) */
	bool cut;
	uint64_t cut_raw;
};

/*
 * read(2) for raw_fill.  On the decoder thread (the only caller once it
 * exists) the read is the one place where pk_in_close may cancel it: a
 * pipe whose writer stalls must not keep the reader from closing.  The
 * thread holds no lock and no half-updated library state there.
 */
static ssize_t
raw_read(struct pk_in *in, void *buf, size_t n)
{
	ssize_t r;

	if (in->wk == NULL)
		return read(in->fd, buf, n);
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
	r = read(in->fd, buf, n);
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	return r;
}

static int
raw_fill(struct pk_in *in, struct pk_err *err)
{
	ssize_t r;

	if (in->raw_pos > 0 && in->raw_pos < in->raw_len)
		memmove(in->raw, in->raw + in->raw_pos,
			in->raw_len - in->raw_pos);
	in->raw_len -= in->raw_pos;
	in->raw_pos = 0;
	while (!in->raw_eof && in->raw_len < RAW_BUFSZ) {
		r = raw_read(in, in->raw + in->raw_len, RAW_BUFSZ - in->raw_len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			pk_err_set(err, "%s: read error: %s", in->name,
				   strerror(errno));
			return -1;
		}
		if (r == 0) {
			in->raw_eof = true;
			break;
		}
		in->raw_len += (size_t)r;
		__atomic_add_fetch(&in->raw_total, (uint64_t)r,
				   __ATOMIC_RELAXED);
		break; /* deliver what a pipe gives us now */
	}
	return 0;
}

/*
 * zstd's window buffer (up to 8 MiB for eventlogs) is touched once, page
 * by page: thousands of page faults, a third of the decoding time on a
 * virtual machine.  Large blocks are mapped with transparent huge pages
 * asked for, which turns them into a handful of faults.
 */
#define HUGE_MIN (1u << 20)
#define HUGE_ALIGN (2u << 20)
#define ZHDR 64 /* keeps the block 64-byte aligned */

static void *
zalloc(void *opaque, size_t n)
{
	unsigned char *p;
	size_t len;

	(void)opaque;
	if (n < HUGE_MIN) {
		p = malloc(n + ZHDR);
		if (p == NULL)
			return NULL;
		((size_t *)p)[0] = 0;
		return p + ZHDR;
	}
	len = (n + ZHDR + HUGE_ALIGN - 1) & ~(size_t)(HUGE_ALIGN - 1);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(p, len, MADV_HUGEPAGE);
#endif
	((size_t *)p)[0] = len;
	return p + ZHDR;
}

static void
zfree(void *opaque, void *ptr)
{
	unsigned char *p;

	(void)opaque;
	if (ptr == NULL)
		return;
	p = (unsigned char *)ptr - ZHDR;
	if (((size_t *)p)[0] == 0)
		free(p);
	else
		munmap(p, ((size_t *)p)[0]);
}

static int
detect(struct pk_in *in, struct pk_err *err)
{
	/* Read until we have 4 bytes or the input ends. */
	while (in->raw_len < 4 && !in->raw_eof)
		if (raw_fill(in, err) < 0)
			return -1;
	if (in->raw_len >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b) {
		in->comp = PK_COMP_GZIP;
		memset(&in->zs, 0, sizeof in->zs);
		if (inflateInit2(&in->zs, 15 + 16) != Z_OK) {
			pk_err_set(err, "%s: cannot start gzip decoder", in->name);
			return -1;
		}
		in->zs_init = true;
	} else if (in->raw_len >= 4 && in->raw[0] == 0x28 &&
		   in->raw[1] == 0xb5 && in->raw[2] == 0x2f &&
		   in->raw[3] == 0xfd) {
		in->comp = PK_COMP_ZSTD;
		in->zd = ZSTD_createDStream_advanced(
			(ZSTD_customMem){ zalloc, zfree, NULL });
		if (in->zd == NULL) {
			pk_err_set(err, "%s: cannot start zstd decoder", in->name);
			return -1;
		}
		ZSTD_initDStream(in->zd);
		in->zd_last = 0;
	}
	return 0;
}

struct pk_in *
pk_in_fdopen(int fd, const char *name, struct pk_err *err)
{
	struct pk_in *in = pk_xcalloc(1, sizeof *in);

	in->fd = fd;
	in->name = pk_xstrdup(name);
	in->raw = pk_xmalloc(RAW_BUFSZ);
	if (detect(in, err) < 0) {
		pk_in_close(in);
		return NULL;
	}
	return in;
}

struct pk_in *
pk_in_memopen(const void *data, size_t n, const char *name,
	      struct pk_err *err)
{
	struct pk_in *in = pk_xcalloc(1, sizeof *in);

	in->fd = -1;
	in->name = pk_xstrdup(name);
	in->raw = pk_xmalloc(n > 0 ? n : 1);
	if (n > 0)
		memcpy(in->raw, data, n);
	in->raw_len = n;
	in->raw_total = n;
	in->raw_eof = true; /* raw_fill and the reads never call read(2) */
	if (detect(in, err) < 0) {
		pk_in_close(in);
		return NULL;
	}
	return in;
}

struct pk_in *
pk_in_open(const char *path, struct pk_err *err)
{
	struct pk_in *in;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0)
		return pk_in_fdopen(STDIN_FILENO, "<stdin>", err);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		pk_err_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	in = pk_in_fdopen(fd, path, err);
	if (in == NULL) {
		close(fd);
		return NULL;
	}
	in->own_fd = true;
	return in;
}

static void worker_stop(struct pk_in *in);

void
pk_in_close(struct pk_in *in)
{
	if (in == NULL)
		return;
	worker_stop(in);
	if (in->zs_init)
		inflateEnd(&in->zs);
	if (in->zd != NULL)
		ZSTD_freeDStream(in->zd);
	if (in->own_fd)
		close(in->fd);
	free(in->raw);
	free(in->dec);
	free(in->name);
	free(in);
}

const char *
pk_in_name(const struct pk_in *in)
{
	return in->name;
}

enum pk_compression
pk_in_compression(const struct pk_in *in)
{
	return in->comp;
}

uint64_t
pk_in_raw_bytes(const struct pk_in *in)
{
	return __atomic_load_n(&in->raw_total, __ATOMIC_RELAXED);
}

uint64_t
pk_in_offset(const struct pk_in *in)
{
	return in->offset;
}

bool
pk_in_cut(const struct pk_in *in, uint64_t *raw_off)
{
	if (in->cut && raw_off != NULL)
		*raw_off = in->cut_raw;
	return in->cut;
}

/* decode_direct's answer when yield_before_read is set and the next step
 * is a read(2) */
#define NEED_READ (-2)

/* The compressed input is used up: read more of it.  1: raw bytes are
 * there; 0: the end of the file (a stream still unfinished there is
 * recorded as cut, for pk_in_cut); NEED_READ; -1: a read error. */
static ssize_t
raw_more(struct pk_in *in, bool unfinished, struct pk_err *err)
{
	if (in->raw_eof) {
		if (unfinished) {
			in->cut = true;
			in->cut_raw = in->raw_total;
		}
		return 0;
	}
	if (in->yield_before_read)
		return NEED_READ;
	if (raw_fill(in, err) < 0)
		return -1;
	return 1;
}

/* Decode into buf from the underlying stream, on the calling thread. */
static ssize_t
decode_direct(struct pk_in *in, unsigned char *buf, size_t n,
	      struct pk_err *err)
{
	size_t got;
	ssize_t r;

	if (n == 0 || in->eof)
		return 0;
	switch (in->comp) {
	case PK_COMP_NONE:
		if (in->raw_pos < in->raw_len) {
			got = in->raw_len - in->raw_pos;
			if (got > n)
				got = n;
			memcpy(buf, in->raw + in->raw_pos, got);
			in->raw_pos += got;
			return (ssize_t)got;
		}
		if (in->raw_eof)
			return 0;
		for (;;) {
			r = read(in->fd, buf, n);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				pk_err_set(err, "%s: read error: %s", in->name,
					   strerror(errno));
				return -1;
			}
			if (r == 0)
				in->raw_eof = true;
			in->raw_total += (uint64_t)r;
			return r;
		}
	case PK_COMP_GZIP:
		for (;;) {
			int zr;

			if (in->raw_pos == in->raw_len) {
				r = raw_more(in, !in->zs_member_done, err);
				if (r != 1)
					return r;
				continue;
			}
			if (in->zs_member_done) {
				/* Another gzip member follows (cat a.gz b.gz). */
				inflateReset(&in->zs);
				in->zs_member_done = false;
			}
			in->zs.next_in = in->raw + in->raw_pos;
			in->zs.avail_in = (uInt)(in->raw_len - in->raw_pos);
			in->zs.next_out = buf;
			in->zs.avail_out = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
			zr = inflate(&in->zs, Z_NO_FLUSH);
			in->raw_pos = in->raw_len - in->zs.avail_in;
			got = (size_t)(in->zs.next_out - buf);
			if (zr == Z_STREAM_END)
				in->zs_member_done = true;
			else if (zr != Z_OK && zr != Z_BUF_ERROR) {
				pk_err_set(err, "%s: gzip data is corrupt: %s",
					   in->name,
					   in->zs.msg ? in->zs.msg : "error");
				return -1;
			}
			if (got > 0)
				return (ssize_t)got;
		}
	case PK_COMP_ZSTD:
		for (;;) {
			ZSTD_inBuffer zin;
			ZSTD_outBuffer zout = { buf, n, 0 };
			size_t zr;

			if (in->raw_pos == in->raw_len) {
				r = raw_more(in, in->zd_last != 0, err);
				if (r != 1)
					return r;
				continue;
			}
			zin.src = in->raw + in->raw_pos;
			zin.size = in->raw_len - in->raw_pos;
			zin.pos = 0;
			zr = ZSTD_decompressStream(in->zd, &zout, &zin);
			in->raw_pos += zin.pos;
			if (ZSTD_isError(zr)) {
				pk_err_set(err, "%s: zstd data is corrupt: %s",
					   in->name, ZSTD_getErrorName(zr));
				return -1;
			}
			in->zd_last = zr;
			if (zout.pos > 0)
				return (ssize_t)zout.pos;
		}
	}
	return 0;
}

/* The worker: fill free slots until the stream ends or fails. */
static void *
worker_main(void *arg)
{
	struct pk_in *in = arg;
	struct worker *w = in->wk;

	/* cancellable only inside raw_read */
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	for (;;) {
		struct chunk *c;
		bool last = false;

		pthread_mutex_lock(&w->mu);
		while (w->filled == NCHUNK && !w->stop)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->stop) {
			pthread_mutex_unlock(&w->mu);
			return NULL;
		}
		c = &w->slot[w->wr];
		pthread_mutex_unlock(&w->mu);

		c->len = c->pos = 0;
		while (c->len < CHUNK_SZ) {
			ssize_t r;

			/* a read may wait (a pipe): hand over what there is
			 * before reading */
			in->yield_before_read = c->len > 0;
			r = decode_direct(in, c->data + c->len,
					  CHUNK_SZ - c->len, &c->err);
			if (r == NEED_READ)
				break;
			if (r <= 0) {
				last = true;
				break;
			}
			c->len += (size_t)r;
		}
		c->last = last;

		pthread_mutex_lock(&w->mu);
		w->wr = (w->wr + 1) % NCHUNK;
		w->filled++;
		pthread_cond_broadcast(&w->cv);
		pthread_mutex_unlock(&w->mu);
		if (last)
			return NULL;
	}
}

/* Start the worker for compressed input; false means decode directly. */
static bool
worker_start(struct pk_in *in)
{
	struct worker *w;
	const char *env = getenv("PROFKIT_THREADS");
	sigset_t all, old;
	int rc;

	in->wk_tried = true;
	if (in->comp == PK_COMP_NONE || (env != NULL && strcmp(env, "0") == 0))
		return false;
	w = pk_xcalloc(1, sizeof *w);
	w->ring = zalloc(NULL, NCHUNK * CHUNK_SZ);
	if (w->ring == NULL) {
		free(w);
		return false;
	}
	for (unsigned i = 0; i < NCHUNK; i++)
		w->slot[i].data = w->ring + i * CHUNK_SZ;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	in->wk = w;
	/* signals stay with the main thread (output cleanup, forwarding):
	 * the worker starts with all of them blocked */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&w->tid, NULL, worker_main, in);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		in->wk = NULL;
		zfree(NULL, w->ring);
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		free(w);
		return false;
	}
	return true;
}

static void
worker_stop(struct pk_in *in)
{
	struct worker *w = in->wk;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	/* a worker waiting in read(2) on a quiet pipe leaves at once */
	pthread_cancel(w->tid);
	pthread_join(w->tid, NULL);
	for (unsigned i = 0; i < NCHUNK; i++)
		pk_err_clear(&w->slot[i].err);
	zfree(NULL, w->ring);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
	in->wk = NULL;
}

/* Take up to n decoded bytes from the worker's ring. */
static ssize_t
worker_take(struct pk_in *in, unsigned char *buf, size_t n,
	    struct pk_err *err)
{
	struct worker *w = in->wk;
	struct chunk *c;
	size_t got;

	for (;;) {
		if (w->done)
			return 0;
		pthread_mutex_lock(&w->mu);
		while (w->filled == 0)
			pthread_cond_wait(&w->cv, &w->mu);
		pthread_mutex_unlock(&w->mu);
		c = &w->slot[w->rd];
		if (c->pos < c->len)
			break;
		/* Drained: report how the stream ended, or free the slot. */
		if (c->last) {
			w->done = true;
			if (c->err.msg != NULL) {
				pk_err_set(err, "%s", c->err.msg);
				return -1;
			}
			return 0;
		}
		pthread_mutex_lock(&w->mu);
		w->rd = (w->rd + 1) % NCHUNK;
		w->filled--;
		pthread_cond_broadcast(&w->cv);
		pthread_mutex_unlock(&w->mu);
	}
	got = c->len - c->pos;
	if (got > n)
		got = n;
	memcpy(buf, c->data + c->pos, got);
	c->pos += got;
	return (ssize_t)got;
}

static ssize_t
decode(struct pk_in *in, unsigned char *buf, size_t n, struct pk_err *err)
{
	if (n == 0)
		return 0;
	if (!in->wk_tried)
		worker_start(in);
	if (in->wk != NULL)
		return worker_take(in, buf, n, err);
	return decode_direct(in, buf, n, err);
}

ssize_t
pk_in_read(struct pk_in *in, void *buf, size_t n, struct pk_err *err)
{
	ssize_t r;

	if (in->dec_pos < in->dec_len) {
		size_t got = in->dec_len - in->dec_pos;

		if (got > n)
			got = n;
		memcpy(buf, in->dec + in->dec_pos, got);
		in->dec_pos += got;
		in->offset += got;
		return (ssize_t)got;
	}
	r = decode(in, buf, n, err);
	if (r > 0)
		in->offset += (uint64_t)r;
	else if (r == 0)
		in->eof = true;
	return r;
}

ssize_t
pk_in_read_full(struct pk_in *in, void *buf, size_t n, struct pk_err *err)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = pk_in_read(in, (unsigned char *)buf + got, n - got,
				       err);

		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* Make sure the dec buffer holds at least want bytes (or all that's left). */
static int
dec_fill(struct pk_in *in, size_t want, struct pk_err *err)
{
	if (in->dec_pos > 0) {
		memmove(in->dec, in->dec + in->dec_pos,
			in->dec_len - in->dec_pos);
		in->dec_len -= in->dec_pos;
		in->dec_pos = 0;
	}
	if (in->dec_cap < want || in->dec_cap < LINE_BUFSZ) {
		in->dec_cap = want > LINE_BUFSZ ? want : LINE_BUFSZ;
		in->dec = pk_xrealloc(in->dec, in->dec_cap);
	}
	while (in->dec_len < want && !in->eof) {
		ssize_t r = decode(in, in->dec + in->dec_len,
				   in->dec_cap - in->dec_len, err);

		if (r < 0)
			return -1;
		if (r == 0)
			in->eof = true;
		in->dec_len += (size_t)r;
	}
	return 0;
}

ssize_t
pk_in_peek(struct pk_in *in, void *buf, size_t n, struct pk_err *err)
{
	size_t have;

	if (in->dec_len - in->dec_pos < n && dec_fill(in, n, err) < 0)
		return -1;
	have = in->dec_len - in->dec_pos;
	if (have > n)
		have = n;
	memcpy(buf, in->dec + in->dec_pos, have);
	return (ssize_t)have;
}

ssize_t
pk_in_getline(struct pk_in *in, char **line, size_t *cap, struct pk_err *err)
{
	size_t len = 0;
	bool found = false;

	for (;;) {
		unsigned char *start, *nl;
		size_t avail, take;

		if (in->dec_pos == in->dec_len) {
			if (in->eof)
				break;
			if (dec_fill(in, LINE_BUFSZ, err) < 0)
				return -2;
			if (in->dec_pos == in->dec_len)
				break;
		}
		start = in->dec + in->dec_pos;
		avail = in->dec_len - in->dec_pos;
		nl = memchr(start, '\n', avail);
		take = nl ? (size_t)(nl - start) + 1 : avail;
		if (len + take > PK_LINE_MAX + 2) { /* + "\r\n" */
			pk_err_offset(err, in->name, in->offset - len,
				      "a line longer than %u MiB: not a text "
				      "file this tool reads", PK_LINE_MAX >> 20);
			return -2;
		}
		if (len + take + 1 > *cap) {
			*cap = (len + take + 1) * 2;
			*line = pk_xrealloc(*line, *cap);
		}
		memcpy(*line + len, start, take);
		len += take;
		in->dec_pos += take;
		in->offset += take;
		if (nl != NULL) {
			found = true;
			break;
		}
	}
	if (len == 0 && !found)
		return -1;
	if (len > 0 && (*line)[len - 1] == '\n')
		len--;
	if (len > 0 && (*line)[len - 1] == '\r')
		len--;
	(*line)[len] = '\0';
	return (ssize_t)len;
}

int
pk_in_slurp(struct pk_in *in, char **buf, size_t *len, struct pk_err *err)
{
	size_t cap = 64 * 1024, n = 0;
	char *p = pk_xmalloc(cap);

	for (;;) {
		ssize_t r;

		if (cap - n < 4096) {
			/* never more than the limit and a last read past it */
			cap = cap <= PK_SLURP_MAX / 2 ? cap * 2
						      : (size_t)PK_SLURP_MAX + 8192;
			p = pk_xrealloc(p, cap);
		}
		r = pk_in_read(in, p + n, cap - n - 1, err);
		if (r < 0) {
			free(p);
			return -1;
		}
		if (r > 0 && n < PK_SNIFF_MAX) {
			/* binary input is refused before it is buffered */
			size_t k = n + (size_t)r < PK_SNIFF_MAX ? n + (size_t)r
							       : PK_SNIFF_MAX;
			const char *z = memchr(p + n, '\0', k - n);

			if (z != NULL) {
				pk_err_offset(err, in->name, (uint64_t)(z - p),
					      "binary data (NUL byte): not a "
					      "text file");
				free(p);
				return -1;
			}
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > PK_SLURP_MAX) {
			pk_err_set(err, "%s: larger than %u MiB, the limit for "
				   "a text input read whole", in->name,
				   PK_SLURP_MAX >> 20);
			free(p);
			return -1;
		}
	}
	p[n] = '\0';
	*buf = p;
	*len = n;
	return 0;
}

int
pk_in_slurp_file(const char *path, char **buf, size_t *len,
		 struct pk_err *err)
{
	struct pk_in *in = pk_in_open(path, err);
	int rc;

	*buf = NULL;
	if (in == NULL)
		return -1;
	rc = pk_in_slurp(in, buf, len, err);
	pk_in_close(in);
	return rc;
}
