/*
 * Content hashes for duplicate finding (Linux), read and computed on native threads: for thousands of
 * small files the cost is not the bytes but each file's open, fstat, read and hash call made one by one
 * from JavaScript; here a few threads take the files in turn, each with one buffer of its own.
 *
 *   hashFiles(paths, nums, threads) → Promise<{ out: Float64Array, hashes: (string|null)[] }>
 *
 * nums holds IN numbers a file: dev, ino, size, mtimeMs (or -1 when not known yet), offset, length.
 * Each file is opened read-only, never through a link (O_NOFOLLOW; O_NOATIME where allowed), checked on
 * the open file to be the regular file first seen (dev, ino, size, and mtime once known), and `length`
 * bytes at `offset` are hashed with XXH3-128 (hashes[i]: 32 hex digits, canonical order: the digest
 * hash-wasm's xxhash128 gives). A read of the whole file is checked once more after: a file written
 * meanwhile has no fingerprint yet. out holds OUT numbers a file: status, errno, mtimeMs, mode, uid, gid,
 * and after a whole read whether the file has extended attributes (0: none; 1: some, or not known), asked
 * of the open file: most have none, and then no one needs to list them again by path.
 *
 *   xattrsOf(paths) → (string|null)[]
 *
 * Each path's extended attributes, never through a link, as "name=0xHEX" lines sorted by name ("" when
 * it has none, null when they cannot be listed): what a hard link would make its names share, read here
 * without starting a getfattr process for them.
 */
#ifdef __linux__
#define _GNU_SOURCE
#include "read_hash.h"
#include "async_promise.h"
#include "napi_helpers.h"
#include "run_threads.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include "xxhash.h"

#define IN 6
#define OUT 7
#define MAX_THREADS 16
#define BUF_BYTES HASH_BUF_BYTES

typedef struct {
  size_t n;
  char **paths;
  double *nums;
  double *out;
  char (*hex)[33];
  int threads;
  size_t next; /* the next file to take, shared by the threads (atomic) */
} job_t;

double mtime_ms(const struct stat *st) {
  return (double)st->st_mtim.tv_sec * 1000 + (double)st->st_mtim.tv_nsec / 1e6;
}

/* O_NONBLOCK: a fifo put in a file's place must not hold a thread until some writer comes (files ignore it). */
int open_read(const char *p) {
  int fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOATIME);
  if (fd < 0 && errno == EPERM) fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK); /* not the owner */
  return fd;
}

/* Hash `len` bytes at `off` into *h; -1 (errno set) on a read error. A file shorter now hashes what it has. */
int hash_range(int fd, off_t off, uint64_t len, char *buf, XXH128_hash_t *h) {
  ssize_t got = 0;
  if (len <= BUF_BYTES) { /* the usual case: one read, one call */
    for (size_t have = 0; have < len; have += (size_t)got) {
      got = pread(fd, buf + have, len - have, off + (off_t)have);
      if (got < 0 && errno == EINTR) { got = 0; continue; }
      if (got < 0) return -1;
      if (got == 0) { len = have; break; }
    }
    *h = XXH3_128bits(buf, len);
    return 0;
  }
  XXH3_state_t state;
  XXH3_INITSTATE(&state);
  XXH3_128bits_reset(&state);
  for (uint64_t done = 0; done < len; done += (uint64_t)got) {
    size_t want = len - done < BUF_BYTES ? (size_t)(len - done) : BUF_BYTES;
    got = pread(fd, buf, want, off + (off_t)done);
    if (got < 0 && errno == EINTR) { got = 0; continue; }
    if (got < 0) return -1;
    if (got == 0) break;
    XXH3_128bits_update(&state, buf, (size_t)got);
  }
  *h = XXH3_128bits_digest(&state);
  return 0;
}

void hash_checked(int fd, const double expect[4], uint64_t off, uint64_t len, char *buf, hashed_t *out) {
  struct stat st;
  *out = (hashed_t){ .status = NOT_SAME, .xattrs = 1 };
  if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (double)st.st_dev != expect[0] ||
      (double)st.st_ino != expect[1] || (double)st.st_size != expect[2] ||
      (expect[3] >= 0 && mtime_ms(&st) != expect[3]))
    return;
  out->mtime = mtime_ms(&st);
  out->mode = st.st_mode;
  out->uid = st.st_uid;
  out->gid = st.st_gid;
  if (hash_range(fd, (off_t)off, len, buf, &out->hash) < 0) {
    out->status = UNREAD;
    out->err = errno;
    return;
  }
  int whole = off == 0 && (double)len >= expect[2];
  out->status = whole && (fstat(fd, &st) < 0 || mtime_ms(&st) != out->mtime) ? WRITTEN : OK;
  out->xattrs = !whole || flistxattr(fd, NULL, 0) != 0;
}

static void hash_one(job_t *j, size_t i, char *buf) {
  const double *in = j->nums + i * IN;
  double *out = j->out + i * OUT;
  int fd = open_read(j->paths[i]);
  if (fd < 0) { out[0] = UNOPENED; out[1] = errno; return; }
  hashed_t h;
  hash_checked(fd, in, (uint64_t)in[4], (uint64_t)in[5], buf, &h);
  close(fd);
  out[0] = h.status;
  if (h.status == NOT_SAME) return;
  out[2] = h.mtime;
  out[3] = h.mode;
  out[4] = h.uid;
  out[5] = h.gid;
  if (h.status == UNREAD) { out[1] = h.err; return; }
  out[6] = h.xattrs;
  XXH128_canonical_t c;
  XXH128_canonicalFromHash(&c, h.hash);
  static const char digits[] = "0123456789abcdef";
  for (int k = 0; k < 16; k++) {
    j->hex[i][2 * k] = digits[c.digest[k] >> 4];
    j->hex[i][2 * k + 1] = digits[c.digest[k] & 15];
  }
  j->hex[i][32] = 0;
}

static void *worker(void *arg) {
  job_t *j = arg;
  char *buf = malloc(BUF_BYTES);
  for (size_t i; (i = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED)) < j->n;) {
    if (buf) hash_one(j, i, buf);
    else j->out[i * OUT] = UNREAD, j->out[i * OUT + 1] = ENOMEM;
  }
  free(buf);
  return NULL;
}

/* On a thread of libuv's pool: this thread and threads-1 more take the files in turn. */
static void hash_all(void *data) {
  job_t *j = data;
  run_on_threads(j->threads, worker, j);
}

static void job_free(job_t *j) {
  for (size_t i = 0; i < j->n; i++) free(j->paths[i]);
  free(j->paths);
  free(j->nums);
  free(j->out);
  free(j->hex);
  free(j);
}

static void job_release(napi_env env, void *data) {
  (void)env;
  job_free(data);
}

static napi_status hashes_value(napi_env env, void *data, napi_value *result) {
  job_t *j = data;
  napi_value out, hashes, v;
  napi_create_object(env, result);
  napi_status st = napi_create_array_with_length(env, j->n, &hashes);
  for (size_t i = 0; st == napi_ok && i < j->n; i++) {
    if (j->out[i * OUT] == OK) napi_create_string_latin1(env, j->hex[i], 32, &v);
    else napi_get_null(env, &v);
    st = napi_set_element(env, hashes, (uint32_t)i, v);
  }
  if (st == napi_ok) st = float64s_value(env, j->out, j->n * OUT, &out);
  if (st == napi_ok) {
    napi_set_named_property(env, *result, "out", out);
    napi_set_named_property(env, *result, "hashes", hashes);
  }
  return st;
}

static const async_call_t hash_call = { "hashFiles", hash_all, hashes_value, job_release };

static napi_value hash_files(napi_env env, napi_callback_info info) {
  static const char usage[] = "hashFiles(paths: string[], nums: Float64Array, threads: number)";
  size_t argc = 3;
  napi_value argv[3];
  uint32_t n = 0;
  napi_typedarray_type type;
  size_t count = 0;
  void *nums = NULL;
  bool is_array = false;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 3 ||
      napi_is_array(env, argv[0], &is_array) != napi_ok || !is_array ||
      napi_get_array_length(env, argv[0], &n) != napi_ok ||
      napi_get_typedarray_info(env, argv[1], &type, &count, &nums, NULL, NULL) != napi_ok ||
      type != napi_float64_array || count != (size_t)n * IN) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  job_t *j = calloc(1, sizeof *j);
  if (!j) return throw_errno(env, ENOMEM, "hashFiles", "");
  j->n = n;
  j->paths = calloc(n ? n : 1, sizeof *j->paths);
  j->nums = malloc((n ? n : 1) * IN * sizeof(double));
  j->out = calloc((n ? n : 1) * OUT, sizeof(double));
  j->hex = malloc((n ? n : 1) * sizeof *j->hex);
  double t = number_arg(env, argv[2]);
  j->threads = t < 1 ? 1 : t > MAX_THREADS ? MAX_THREADS : (int)t;
  if (!j->paths || !j->nums || !j->out || !j->hex) {
    job_free(j);
    return throw_errno(env, ENOMEM, "hashFiles", "");
  }
  memcpy(j->nums, nums, (size_t)n * IN * sizeof(double));
  for (uint32_t i = 0; i < n; i++) {
    napi_value p;
    if (napi_get_element(env, argv[0], i, &p) != napi_ok || !(j->paths[i] = path_arg(env, p))) {
      job_free(j);
      napi_throw_type_error(env, NULL, usage);
      return NULL;
    }
  }
  return queue_promise(env, &hash_call, j);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The attributes of `p` as sorted "name=0xHEX" lines in a malloc'ed string; NULL when they cannot be read. */
static char *xattrs_of(const char *p) {
  ssize_t n = llistxattr(p, NULL, 0);
  if (n < 0) return NULL;
  char *names = malloc((size_t)n + 1), *out = NULL, **list = NULL;
  size_t count = 0, len = 0, cap = 1;
  if (!names || (n = llistxattr(p, names, (size_t)n)) < 0) goto fail; /* n may shrink, never grow past a retry */
  for (ssize_t i = 0; i < n; i += (ssize_t)strlen(names + i) + 1) count++;
  list = malloc((count ? count : 1) * sizeof *list);
  if (!list) goto fail;
  count = 0;
  for (ssize_t i = 0; i < n; i += (ssize_t)strlen(names + i) + 1) list[count++] = names + i;
  qsort(list, count, sizeof *list, by_name);
  if (!(out = malloc(cap))) goto fail;
  static const char digits[] = "0123456789abcdef";
  for (size_t k = 0; k < count; k++) {
    ssize_t v = lgetxattr(p, list[k], NULL, 0);
    if (v < 0) goto fail;
    size_t need = len + strlen(list[k]) + 4 + 2 * (size_t)v + 1;
    if (need > cap) {
      char *grown = realloc(out, cap = need * 2);
      if (!grown) goto fail;
      out = grown;
    }
    unsigned char *val = malloc((size_t)v + 1);
    if (!val || (v = lgetxattr(p, list[k], val, (size_t)v)) < 0) { free(val); goto fail; }
    len += (size_t)sprintf(out + len, "%s%s=0x", k ? "\n" : "", list[k]);
    for (ssize_t b = 0; b < v; b++) out[len++] = digits[val[b] >> 4], out[len++] = digits[val[b] & 15];
    free(val);
  }
  out[len] = 0;
  free(list);
  free(names);
  return out;
fail:
  free(out);
  free(list);
  free(names);
  return NULL;
}

static napi_value xattrs_of_paths(napi_env env, napi_callback_info info) {
  static const char usage[] = "xattrsOf(paths: string[])";
  size_t argc = 1;
  napi_value argv[1], result, v;
  uint32_t n = 0;
  bool is_array = false;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_is_array(env, argv[0], &is_array) != napi_ok || !is_array ||
      napi_get_array_length(env, argv[0], &n) != napi_ok) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  napi_create_array_with_length(env, n, &result);
  for (uint32_t i = 0; i < n; i++) {
    char *p = NULL, *attrs = NULL;
    if (napi_get_element(env, argv[0], i, &v) != napi_ok || !(p = path_arg(env, v))) {
      napi_throw_type_error(env, NULL, usage);
      return NULL;
    }
    if ((attrs = xattrs_of(p))) napi_create_string_utf8(env, attrs, NAPI_AUTO_LENGTH, &v);
    else napi_get_null(env, &v);
    napi_set_element(env, result, i, v);
    free(attrs);
    free(p);
  }
  return result;
}

void read_hash_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "hashFiles", NAPI_AUTO_LENGTH, hash_files, NULL, &fn);
  napi_set_named_property(env, exports, "hashFiles", fn);
  napi_create_function(env, "xattrsOf", NAPI_AUTO_LENGTH, xattrs_of_paths, NULL, &fn);
  napi_set_named_property(env, exports, "xattrsOf", fn);
  find_dupes_export(env, exports);
}
#else
#include "napi_helpers.h"
void read_hash_export(napi_env env, napi_value exports) { (void)env; (void)exports; }
#endif
