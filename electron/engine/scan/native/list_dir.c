/*
 * One folder listed in steps, for the explorer's folder listing (engine/listing/native-list.ts): names in
 * the order readdir gives them (node:fs's opendir order), each entry lstat'ed relative to the open folder
 * (fstatat), a link's text read and the link followed once, all in C. JavaScript gets one string of
 * names and one Float64Array per step instead of a Stats object and a path per entry.
 *
 *   listOpen(path) → handle           throws like node:fs (.code ENOENT, ENOTDIR, EACCES…)
 *   listNext(handle, max) → { names, recs, targets? } | null    null once the folder is read to its end
 *       names: the step's names, each ended by NUL (names that are not UTF-8 as name_value makes them)
 *       recs: LREC doubles per name: redo, kind (K_…), nlink, ino, dev, size, mode, mtime s, mtime ns,
 *             errno of the stat through a link, 1 when a link leads to a folder
 *       redo: 1 when this entry must be redone by path (its lstat or readlink failed, or its full path
 *             would reach PATH_MAX), so node:fs gives the exact error or record
 *       targets: a link's text by its index in the step (sparse; absent without links)
 *   listClose(handle)                 also done when the handle is collected
 */
#include "scan_core.h"
#include "napi_helpers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

#if defined(__APPLE__)
#define LMTIME(s) ((s).st_mtimespec)
#else
#define LMTIME(s) ((s).st_mtim)
#endif

#define LREC 11
enum { L_REDO = 0, L_KIND, L_NLINK, L_INO, L_DEV, L_SIZE, L_MODE, L_MTIME_S, L_MTIME_NS, L_FOLLOW_ERR, L_FOLLOW_DIR };

typedef struct {
  DIR *dir;
  size_t plen;
} lister_t;

static void lister_close(lister_t *l) {
  if (l->dir) closedir(l->dir);
  l->dir = NULL;
}

static void lister_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  lister_close(data);
  free(data);
}

static lister_t *lister_arg(napi_env env, napi_callback_info info, size_t *argc, napi_value *argv) {
  void *data = NULL;
  if (napi_get_cb_info(env, info, argc, argv, NULL, NULL) != napi_ok || *argc < 1 ||
      napi_get_value_external(env, argv[0], &data) != napi_ok || !data) {
    napi_throw_type_error(env, NULL, "a handle from listOpen");
    return NULL;
  }
  return data;
}

static napi_value list_open(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) {
    napi_throw_type_error(env, NULL, "listOpen(path: string)");
    return NULL;
  }
  char *path = path_arg(env, argv[0]);
  if (!path) {
    napi_throw_type_error(env, NULL, "listOpen: path must be a string without NUL");
    return NULL;
  }
  napi_value handle = NULL;
  lister_t *l = calloc(1, sizeof *l);
  if (!l) throw_errno(env, ENOMEM, "opendir", path);
  else if (!(l->dir = opendir(path))) {
    throw_errno(env, errno, "opendir", path);
    free(l);
  } else {
    l->plen = strlen(path);
    if (napi_create_external(env, l, lister_finalize, NULL, &handle) != napi_ok) {
      lister_finalize(env, l, NULL);
      throw_errno(env, ENOMEM, "opendir", path);
      handle = NULL;
    }
  }
  free(path);
  return handle;
}

static unsigned char kind_of(mode_t m) {
  return S_ISREG(m) ? K_FILE : S_ISDIR(m) ? K_DIR : S_ISLNK(m) ? K_LINK : K_OTHER;
}

/* One entry's record; a link's text goes to *target (malloc'ed). Returns ENOMEM or 0. */
static int stat_entry(int dfd, const char *name, size_t plen, double *rec, char **target) {
  struct stat st;
  if (plen + 1 + strlen(name) >= PATH_MAX || fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
    rec[L_REDO] = 1;
    return 0;
  }
  rec[L_KIND] = kind_of(st.st_mode);
  rec[L_NLINK] = (double)st.st_nlink;
  rec[L_INO] = (double)st.st_ino;
  rec[L_DEV] = (double)st.st_dev;
  rec[L_SIZE] = (double)st.st_size;
  rec[L_MODE] = (double)st.st_mode;
  rec[L_MTIME_S] = (double)LMTIME(st).tv_sec;
  rec[L_MTIME_NS] = (double)LMTIME(st).tv_nsec;
  if (!S_ISLNK(st.st_mode)) return 0;
  char text[PATH_MAX + 1];
  ssize_t len = readlinkat(dfd, name, text, sizeof text);
  if (len < 0 || (size_t)len >= sizeof text - 1) {
    rec[L_REDO] = 1;
    return 0;
  }
  if (!(*target = strndup(text, (size_t)len))) return ENOMEM;
  struct stat through;
  if (fstatat(dfd, name, &through, 0) != 0) rec[L_FOLLOW_ERR] = errno ? errno : EIO;
  else rec[L_FOLLOW_DIR] = S_ISDIR(through.st_mode);
  return 0;
}

/* Up to `max` names read and stat'ed: names (NUL-ended, one buffer), records and link texts. */
typedef struct {
  char *names;
  size_t used, cap;
  double *recs;
  char **targets;
  size_t n;
} step_t;

static void step_free(step_t *s) {
  for (size_t i = 0; i < s->n; i++) free(s->targets[i]);
  free(s->names);
  free(s->recs);
  free(s->targets);
}

static int read_step(lister_t *l, size_t max, step_t *s) {
  memset(s, 0, sizeof *s);
  s->cap = 16384;
  s->names = malloc(s->cap);
  s->recs = calloc(max * LREC, sizeof *s->recs);
  s->targets = calloc(max, sizeof *s->targets);
  if (!s->names || !s->recs || !s->targets) return ENOMEM;
  int dfd = dirfd(l->dir);
  while (s->n < max) {
    errno = 0;
    struct dirent *d = readdir(l->dir);
    if (!d) return errno;
    const char *nm = d->d_name;
    if (nm[0] == '.' && (nm[1] == 0 || (nm[1] == '.' && nm[2] == 0))) continue;
    size_t len = strlen(nm);
    if (s->used + len + 1 > s->cap) {
      while (s->used + len + 1 > s->cap) s->cap *= 2;
      char *g = realloc(s->names, s->cap);
      if (!g) return ENOMEM;
      s->names = g;
    }
    memcpy(s->names + s->used, nm, len + 1);
    s->used += len + 1;
    int e = stat_entry(dfd, nm, l->plen, s->recs + LREC * s->n, &s->targets[s->n]);
    s->n++;
    if (e) return e;
  }
  return 0;
}

static napi_value list_next(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  lister_t *l = lister_arg(env, info, &argc, argv);
  if (!l) return NULL;
  double max = argc > 1 ? number_arg(env, argv[1]) : 0;
  napi_value result = NULL;
  if (!l->dir || !(max >= 1)) {
    napi_get_null(env, &result);
    return result;
  }
  step_t s;
  int err = read_step(l, max > 1e6 ? 1000000 : (size_t)max, &s);
  napi_value names_v, recs_v, targets_v, buf;
  void *data = NULL;
  /* Every call is checked: while its worker thread is being ended, N-API refuses to allocate, and the
     buffer pointer it leaves is garbage. */
  if (err) throw_errno(env, err, "readdir", "");
  else if (s.n == 0) napi_get_null(env, &result);
  else if (name_value(env, s.names, s.used, &names_v) != napi_ok || napi_create_object(env, &result) != napi_ok ||
           targets_value(env, s.targets, s.n, &targets_v) != napi_ok ||
           napi_create_arraybuffer(env, s.n * LREC * sizeof(double), &data, &buf) != napi_ok || !data ||
           napi_create_typedarray(env, napi_float64_array, s.n * LREC, buf, 0, &recs_v) != napi_ok) {
    result = NULL;
    throw_errno(env, ENOMEM, "readdir", "");
  } else {
    memcpy(data, s.recs, s.n * LREC * sizeof(double));
    napi_set_named_property(env, result, "names", names_v);
    napi_set_named_property(env, result, "recs", recs_v);
    if (targets_v) napi_set_named_property(env, result, "targets", targets_v);
  }
  if (err || s.n == 0) lister_close(l);
  step_free(&s);
  return result;
}

static napi_value list_close(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  lister_t *l = lister_arg(env, info, &argc, argv);
  if (!l) return NULL;
  lister_close(l);
  napi_value v;
  napi_get_undefined(env, &v);
  return v;
}

void list_dir_export(napi_env env, napi_value exports) {
  static const struct { const char *name; napi_callback fn; } fns[] = {
    { "listOpen", list_open }, { "listNext", list_next }, { "listClose", list_close },
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    napi_value fn;
    napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].fn, NULL, &fn);
    napi_set_named_property(env, exports, fns[i].name, fn);
  }
}
