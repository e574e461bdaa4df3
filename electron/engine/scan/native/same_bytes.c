/*
 * Byte comparison of many file pairs on native threads (tree compare): each pair's two files opened, read
 * side by side and compared here, so a compare of two copies makes no JS call per file, and the reads of
 * several pairs run at once.
 *
 *   sameBytes(pathsA, pathsB, sizes, threads) → Promise<Int32Array>
 *     pathsA, pathsB   the pairs' paths, each ended by NUL (names as shared/names.ts writes them)
 *     sizes            Float64Array: each pair's size as listed (a read proves the end either way)
 *     result[i]        1: the same bytes, 0: they differ, -errno: a file could not be opened or read
 *
 * The caller hands pairs over in batches and checks for a cancel between them; a pair that fails is
 * compared again by the caller, who reports the error as node:fs would.
 *
 *   sameFileBytes(a, b) → boolean
 *     one pair, here and now (a move's check of its copy); throws an Error like node:fs's naming the
 *     file that failed
 */
#define _GNU_SOURCE
#include "async_promise.h"
#include "file_io.h"
#include "napi_helpers.h"
#include "run_threads.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK (256 * 1024)
#define MAX_THREADS 16

typedef struct {
  char *a, *b;          /* the joined paths (string_arg's bytes) */
  const char **pa, **pb; /* each pair's paths inside them */
  double *sizes;
  int32_t *out;
  size_t count;
  int threads;
  atomic_size_t next; /* the next pair a thread takes */
} Batch;

/* 1 when two open files hold the same bytes, 0 when not, -errno on a read error (*second set when b's).
 * A negative size is unknown: every read asks a whole block. */
static int32_t same_open(int fa, int fb, double size, char *ba, char *bb, int *second) {
  for (off_t pos = 0;;) {
    /* the last block asks one byte more than is left: a short read then proves the end in one call */
    double left = size - (double)pos;
    size_t want = left > 0 && left < BLOCK ? (size_t)left + 1 : BLOCK;
    size_t end = left >= 0 && left < BLOCK ? (size_t)left : want;
    ssize_t na = pread_full(fa, ba, want, end, pos);
    if (na < 0) return -errno;
    ssize_t nb = pread_full(fb, bb, want, end, pos);
    if (nb < 0) return *second = 1, -errno;
    if (na != nb || memcmp(ba, bb, (size_t)na) != 0) return 0;
    if ((size_t)na < want) return 1;
    pos += na;
  }
}

/* Neither file through a link, and a fifo put in a file's place cannot block a thread. */
#define OPEN_FLAGS (O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)

static int32_t same_pair(const char *a, const char *b, double size, char *ba, char *bb) {
  int fa = open(a, OPEN_FLAGS);
  if (fa < 0) return -errno;
  int fb = open(b, OPEN_FLAGS);
  if (fb < 0) {
    int e = errno;
    close(fa);
    return -e;
  }
  int second = 0;
  int32_t r = same_open(fa, fb, size, ba, bb, &second);
  close(fa);
  close(fb);
  return r;
}

static void *compare_some(void *arg) {
  Batch *w = arg;
  char *ba = malloc(BLOCK), *bb = malloc(BLOCK);
  for (;;) {
    size_t i = atomic_fetch_add(&w->next, 1);
    if (i >= w->count) break;
    w->out[i] = ba && bb ? same_pair(w->pa[i], w->pb[i], w->sizes[i], ba, bb) : -ENOMEM;
  }
  free(ba);
  free(bb);
  return NULL;
}

static void compare_all(void *data) {
  Batch *w = data;
  run_on_threads(w->count < (size_t)w->threads ? (int)w->count : w->threads, compare_some, w);
}

static void batch_free(napi_env env, void *data) {
  (void)env;
  Batch *w = data;
  free(w->a);
  free(w->b);
  free(w->pa);
  free(w->pb);
  free(w->sizes);
  free(w->out);
  free(w);
}

static napi_status verdicts_value(napi_env env, void *data, napi_value *out) {
  Batch *w = data;
  return int32s_value(env, w->out, w->count, out);
}

static const async_call_t same_call = { "sameBytes", compare_all, verdicts_value, batch_free };

static napi_value same_bytes(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  Batch *w = calloc(1, sizeof *w);
  if (!w) return throw_errno(env, ENOMEM, "sameBytes", "");
  size_t la = 0, lb = 0, bytes = 0;
  void *data = NULL;
  napi_typedarray_type type;
  napi_value ab;
  size_t offset;
  w->a = string_arg(env, argv[0], &la);
  w->b = string_arg(env, argv[1], &lb);
  bool typed = false;
  if (argc >= 3) napi_is_typedarray(env, argv[2], &typed);
  if (typed) napi_get_typedarray_info(env, argv[2], &type, &bytes, &data, &ab, &offset);
  w->count = typed && type == napi_float64_array ? bytes : 0;
  w->threads = (int)(argc >= 4 ? number_arg(env, argv[3]) : 1);
  if (w->threads < 1) w->threads = 1;
  if (w->threads > MAX_THREADS) w->threads = MAX_THREADS;
  w->pa = calloc(w->count + 1, sizeof *w->pa);
  w->pb = calloc(w->count + 1, sizeof *w->pb);
  w->sizes = malloc((w->count + 1) * sizeof *w->sizes);
  w->out = calloc(w->count + 1, sizeof *w->out);
  if (!w->a || !w->b || !typed || type != napi_float64_array || !w->pa || !w->pb || !w->sizes || !w->out ||
      !split_paths(w->a, la, w->pa, w->count) || !split_paths(w->b, lb, w->pb, w->count)) {
    batch_free(env, w);
    napi_throw_type_error(env, NULL, "sameBytes(pathsA, pathsB, sizes: Float64Array, threads)");
    return NULL;
  }
  if (w->count) memcpy(w->sizes, data, w->count * sizeof *w->sizes);
  return queue_promise(env, &same_call, w);
}

static napi_value same_file_bytes(napi_env env, napi_callback_info info) {
  char *a, *b;
  if (!two_paths(env, info, &a, &b, "sameFileBytes(a: string, b: string)")) return NULL;
  static _Thread_local char *ba, *bb; /* kept per thread: no allocation per file */
  const char *syscall = "open", *at = a;
  int32_t r;
  int second = 0;
  int fa = open(a, OPEN_FLAGS);
  int fb = fa < 0 ? -1 : open(b, OPEN_FLAGS);
  if (fa < 0) r = -errno;
  else if (fb < 0) r = -errno, at = b;
  else if ((!ba && !(ba = malloc(BLOCK))) || (!bb && !(bb = malloc(BLOCK)))) r = -ENOMEM, syscall = "malloc";
  else syscall = "read", r = same_open(fa, fb, -1, ba, bb, &second), at = second ? b : a;
  if (fa >= 0) close(fa);
  if (fb >= 0) close(fb);
  napi_value result = NULL;
  if (r < 0) throw_errno(env, -r, syscall, at);
  else napi_get_boolean(env, r == 1, &result);
  free(a);
  free(b);
  return result;
}

void same_bytes_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "sameBytes", NAPI_AUTO_LENGTH, same_bytes, NULL, &fn);
  napi_set_named_property(env, exports, "sameBytes", fn);
  napi_create_function(env, "sameFileBytes", NAPI_AUTO_LENGTH, same_file_bytes, NULL, &fn);
  napi_set_named_property(env, exports, "sameFileBytes", fn);
}
