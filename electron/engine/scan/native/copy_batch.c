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
#include "file_io.h"
#include "napi_helpers.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_THREADS 16

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
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

static void execute(napi_env env, void *data) {
  (void)env;
  batch_t *b = data;
  pthread_t extra[MAX_THREADS];
  int started = 0;
  sigset_t all, old; /* copiers take no signals: Ctrl-C must reach Node's thread */
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  for (int t = 1; t < b->threads && (size_t)t < b->count; t++)
    if (pthread_create(&extra[started], NULL, copy_some, b) == 0) started++;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  copy_some(b); /* libuv's thread takes its share too */
  for (int t = 0; t < started; t++) pthread_join(extra[t], NULL);
}

static void batch_free(napi_env env, batch_t *b) {
  if (b->work) napi_delete_async_work(env, b->work);
  free(b->from), free(b->to), free(b->pf), free(b->pt), free(b->out), free(b);
}

static void complete(napi_env env, napi_status status, void *data) {
  batch_t *b = data;
  napi_value buf, arr;
  void *bytes = NULL;
  if (status == napi_ok && napi_create_arraybuffer(env, b->count * sizeof(double), &bytes, &buf) == napi_ok &&
      napi_create_typedarray(env, napi_float64_array, b->count, buf, 0, &arr) == napi_ok) {
    if (b->count) memcpy(bytes, b->out, b->count * sizeof(double));
    napi_resolve_deferred(env, b->deferred, arr);
  } else {
    napi_value msg, err;
    napi_create_string_utf8(env, "copyFilesKeep failed", NAPI_AUTO_LENGTH, &msg);
    napi_create_error(env, NULL, msg, &err);
    napi_reject_deferred(env, b->deferred, err);
  }
  batch_free(env, b);
}

static napi_value copy_files_keep(napi_env env, napi_callback_info info) {
  size_t argc = 4, lf = 0, lt = 0;
  napi_value argv[4], promise, name;
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
  napi_create_string_utf8(env, "copyFilesKeep", NAPI_AUTO_LENGTH, &name);
  if (napi_create_promise(env, &b->deferred, &promise) != napi_ok ||
      napi_create_async_work(env, NULL, name, execute, complete, b, &b->work) != napi_ok ||
      napi_queue_async_work(env, b->work) != napi_ok) {
    batch_free(env, b);
    return throw_errno(env, EAGAIN, "copyFilesKeep", "");
  }
  return promise;
}

void copy_batch_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "copyFilesKeep", NAPI_AUTO_LENGTH, copy_files_keep, NULL, &fn);
  napi_set_named_property(env, exports, "copyFilesKeep", fn);
}
