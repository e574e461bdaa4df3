/*
 * copyFilesKeep(froms, tos, count, threads) → Promise<Float64Array>: many files copied as copyFileKeep
 * copies one (copy_file.c: the source opened without following a link, the copy created exclusively,
 * bytes copied in the kernel, owner, mode and times kept), several at once on native threads, so a tree
 * copy's waits on the disk overlap and no JavaScript runs per file.
 *     froms, tos   the paths, each ended by NUL (names as shared/names.ts writes them)
 *     result[i]    the bytes copied, or -errno: that copy was not made (a copy made half is removed), so
 *                  the caller can make it again with copyFileKeep for the error node:fs would give
 * The caller hands files over in batches and checks for a cancel between them.
 */
#include "async_promise.h"
#include "file_io.h"
#include "napi_helpers.h"
#include "run_threads.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_THREADS 16

typedef struct {
  char *from, *to;
  const char **pf, **pt;
  double *out;
  size_t count;
  int threads;
  atomic_size_t next;
} batch_t;

static void *copy_some(void *arg) {
  batch_t *b = arg;
  for (size_t i; (i = atomic_fetch_add(&b->next, 1)) < b->count;) {
    const char *syscall, *at;
    double copied;
    int err = copy_keep(b->pf[i], b->pt[i], &copied, &syscall, &at);
    if (err && at == b->pt[i] && err != EEXIST) unlink(b->pt[i]); /* made here, then failed: not left half made */
    b->out[i] = err ? -(double)err : copied;
  }
  return NULL;
}

static void copy_all(void *data) {
  batch_t *b = data;
  run_on_threads(b->count < (size_t)b->threads ? (int)b->count : b->threads, copy_some, b);
}

static void batch_free(napi_env env, void *data) {
  (void)env;
  batch_t *b = data;
  free(b->from), free(b->to), free(b->pf), free(b->pt), free(b->out), free(b);
}

static napi_status copied_value(napi_env env, void *data, napi_value *out) {
  batch_t *b = data;
  return float64s_value(env, b->out, b->count, out);
}

static const async_call_t copy_call = { "copyFilesKeep", copy_all, copied_value, batch_free };

static napi_value copy_files_keep(napi_env env, napi_callback_info info) {
  size_t argc = 4, lf = 0, lt = 0;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  batch_t *b = calloc(1, sizeof *b);
  if (!b) return throw_errno(env, ENOMEM, "copyFilesKeep", "");
  b->from = argc == 4 ? string_arg(env, argv[0], &lf) : NULL;
  b->to = argc == 4 ? string_arg(env, argv[1], &lt) : NULL;
  double count = argc == 4 ? number_arg(env, argv[2]) : -1;
  b->count = count >= 0 ? (size_t)count : 0;
  b->threads = argc == 4 ? (int)number_arg(env, argv[3]) : 1;
  if (b->threads < 1) b->threads = 1;
  if (b->threads > MAX_THREADS) b->threads = MAX_THREADS;
  b->pf = calloc(b->count + 1, sizeof *b->pf);
  b->pt = calloc(b->count + 1, sizeof *b->pt);
  b->out = calloc(b->count + 1, sizeof *b->out);
  if (!b->from || !b->to || count < 0 || !b->pf || !b->pt || !b->out || !split_paths(b->from, lf, b->pf, b->count) ||
      !split_paths(b->to, lt, b->pt, b->count)) {
    batch_free(env, b);
    napi_throw_type_error(env, NULL, "copyFilesKeep(froms: string, tos: string, count: number, threads: number)");
    return NULL;
  }
  return queue_promise(env, &copy_call, b);
}

void copy_batch_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "copyFilesKeep", NAPI_AUTO_LENGTH, copy_files_keep, NULL, &fn);
  napi_set_named_property(env, exports, "copyFilesKeep", fn);
}
