/*
 * atRetargetRun(dirfd, names, devs, inos, texts, newTexts, temps) → Int32Array, two numbers a link:
 * a run of links of one folder (open as dirfd) retargeted in one call (Linux), each as retarget-prefix
 * does it one by one: the new link made at its temporary name, the two exchanged in one
 * renameat2(RENAME_EXCHANGE), and what came out checked against the link as listed (same dev and inode,
 * a link, the same text); when it is not that link, the two are exchanged back and the link is CHANGED.
 * Every call is relative to dirfd, so a folder swapped for another along the path cannot redirect them.
 * A call per link from JavaScript cost more in argument and object conversion than the system calls did.
 *
 * For link i, [2i] is one of the RT_* statuses below and [2i + 1] the errno of a failed call (else 0).
 * After a retarget the new link is followed once (fstatat) to say whether it resolves.
 * atRetargetRunAsync(same arguments) → Promise of the same, the run done on a thread of libuv's pool, so a
 * batch plans its next runs, and its runs in other folders proceed, while one waits on the file system.
 * Elsewhere than Linux nothing is exported; the engine then retargets through its JavaScript path.
 */
#ifdef __linux__
#define _GNU_SOURCE
#include "async_promise.h"
#include "napi_helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* Keep in step with retarget-prefix-exchange.ts. */
enum { RT_RESOLVES = 0, RT_DANGLING = 1, RT_CHANGED = 2, RT_SYMLINK_FAILED = 3, RT_RENAME_FAILED = 4, RT_BAD_ARG = 5 };

#define N_ARRAYS 6
#define TEXT_MAX 4096

static int exchange(int dirfd, const char *a, const char *b) {
  return (int)syscall(SYS_renameat2, dirfd, a, dirfd, b, RENAME_EXCHANGE);
}

/* Whether `name` in dirfd is the link listed: same dev and inode, a link, storing `text`. */
static int is_listed(int dirfd, const char *name, double dev, double ino, const char *text) {
  struct stat st;
  if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISLNK(st.st_mode)) return 0;
  if ((double)st.st_dev != dev || (double)st.st_ino != ino) return 0;
  size_t len = strlen(text);
  if ((size_t)st.st_size != len || len > TEXT_MAX) return 0;
  char buf[TEXT_MAX + 1];
  ssize_t n = readlinkat(dirfd, name, buf, sizeof buf);
  return n == (ssize_t)len && memcmp(buf, text, len) == 0;
}

/* One link: its status, with *err the errno of a failed call. */
static int retarget_one(int dirfd, const char *name, double dev, double ino, const char *text, const char *new_text,
                        const char *temp, int *err) {
  if (symlinkat(new_text, dirfd, temp) != 0) return *err = errno, RT_SYMLINK_FAILED;
  if (exchange(dirfd, temp, name) != 0) {
    *err = errno;
    unlinkat(dirfd, temp, 0);
    return RT_RENAME_FAILED;
  }
  if (!is_listed(dirfd, temp, dev, ino, text)) {
    exchange(dirfd, temp, name); /* what stood there goes back to its name; ours is removed */
    unlinkat(dirfd, temp, 0);
    return RT_CHANGED;
  }
  unlinkat(dirfd, temp, 0); /* the old link, now at our random name */
  struct stat st;
  return fstatat(dirfd, name, &st, 0) == 0 ? RT_RESOLVES : RT_DANGLING;
}

/* Element i of an array argument: a path (malloc'ed; NULL when not one) or a number. */
static char *str_at(napi_env env, napi_value arr, uint32_t i) {
  napi_value v;
  return napi_get_element(env, arr, i, &v) == napi_ok ? path_arg(env, v) : NULL;
}

static double num_at(napi_env env, napi_value arr, uint32_t i) {
  napi_value v;
  double d = -1;
  if (napi_get_element(env, arr, i, &v) == napi_ok) napi_get_value_double(env, v, &d);
  return d;
}

/* A run copied out of its JavaScript arguments, so it can be done off the JavaScript thread. */
typedef struct {
  int dirfd;
  uint32_t n;
  char **strs; /* per link: name, text, new text, temporary name */
  double *ids; /* per link: dev, inode */
  int32_t *out;
} run_t;

static void run_free(run_t *r) {
  if (!r) return;
  for (size_t i = 0; r->strs && i < (size_t)r->n * 4; i++) free(r->strs[i]);
  free(r->strs), free(r->ids), free(r->out), free(r);
}

static run_t *run_args(napi_env env, napi_callback_info info) {
  static const char usage[] =
    "atRetargetRun(dirfd: number, names: string[], devs: number[], inos: number[], texts: string[], newTexts: string[], temps: string[])";
  size_t argc = 1 + N_ARRAYS;
  napi_value argv[1 + N_ARRAYS];
  int32_t dirfd = -1;
  uint32_t n = 0, len;
  bool is_array;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 + N_ARRAYS ||
      napi_get_value_int32(env, argv[0], &dirfd) != napi_ok || dirfd < 0) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  for (int k = 1; k <= N_ARRAYS; k++) {
    if (napi_is_array(env, argv[k], &is_array) != napi_ok || !is_array || napi_get_array_length(env, argv[k], &len) != napi_ok ||
        (k > 1 && len != n)) {
      napi_throw_type_error(env, NULL, usage);
      return NULL;
    }
    n = len;
  }
  run_t *r = calloc(1, sizeof *r);
  if (r) r->strs = calloc((size_t)n * 4 + 1, sizeof *r->strs), r->ids = calloc((size_t)n * 2 + 1, sizeof *r->ids),
         r->out = calloc((size_t)n * 2 + 1, sizeof *r->out);
  if (!r || !r->strs || !r->ids || !r->out) {
    run_free(r);
    throw_errno(env, ENOMEM, "malloc", "");
    return NULL;
  }
  r->dirfd = dirfd, r->n = n;
  static const int str_args[4] = { 1, 4, 5, 6 };
  for (uint32_t i = 0; i < n; i++) {
    for (int k = 0; k < 4; k++) r->strs[4 * i + k] = str_at(env, argv[str_args[k]], i);
    r->ids[2 * i] = num_at(env, argv[2], i), r->ids[2 * i + 1] = num_at(env, argv[3], i);
  }
  return r;
}

static void run_links(run_t *r) {
  for (uint32_t i = 0; i < r->n; i++) {
    char **s = r->strs + 4 * i;
    int err = 0;
    r->out[2 * i] = s[0] && s[1] && s[2] && s[3] ? retarget_one(r->dirfd, s[0], r->ids[2 * i], r->ids[2 * i + 1], s[1], s[2], s[3], &err)
                                                   : RT_BAD_ARG;
    r->out[2 * i + 1] = err;
  }
}

static napi_value at_retarget_run(napi_env env, napi_callback_info info) {
  run_t *r = run_args(env, info);
  if (!r) return NULL;
  run_links(r);
  napi_value result = NULL;
  int32s_value(env, r->out, (size_t)r->n * 2, &result);
  run_free(r);
  return result;
}

static void run_execute(void *data) { run_links(data); }

static napi_status run_value(napi_env env, void *data, napi_value *out) {
  run_t *r = data;
  return int32s_value(env, r->out, (size_t)r->n * 2, out);
}

static void run_release(napi_env env, void *data) {
  (void)env;
  run_free(data);
}

static const async_call_t run_call = { "atRetargetRunAsync", run_execute, run_value, run_release };

/* The same on a thread of libuv's pool: a Promise of the statuses. The caller keeps dirfd open until it settles. */
static napi_value at_retarget_run_async(napi_env env, napi_callback_info info) {
  run_t *r = run_args(env, info);
  if (!r) return NULL;
  return queue_promise(env, &run_call, r);
}

void retarget_at_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "atRetargetRun", NAPI_AUTO_LENGTH, at_retarget_run, NULL, &fn);
  napi_set_named_property(env, exports, "atRetargetRun", fn);
  napi_create_function(env, "atRetargetRunAsync", NAPI_AUTO_LENGTH, at_retarget_run_async, NULL, &fn);
  napi_set_named_property(env, exports, "atRetargetRunAsync", fn);
}
#else
#include "napi_helpers.h"
void retarget_at_export(napi_env env, napi_value exports) { (void)env; (void)exports; }
#endif
