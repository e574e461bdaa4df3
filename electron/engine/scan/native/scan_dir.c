/*
 * linkscope_scan: list one folder and stat its entries relative to an open handle to it (fstatat), so
 * the kernel looks up one name per stat instead of walking the whole absolute path again. POSIX only
 * (Linux, macOS); Node-API, so the same binary loads in Node and Electron. The listing itself is in
 * scan_core.c; this file hands one folder's records to JavaScript, walk.c a whole tree's.
 *
 * It hands JavaScript only the entries a walk acts on, as records: making a JS string per name costs
 * more user time than all the stats together, so a plain file with one name is only counted and its
 * size summed here.
 *
 *   scanDir(path: string, flags: number, name?: string, dev?: number, ino?: number) → {
 *     count: number,          entries listed (. and .. excepted)
 *     bytes: number,          sum of st_size of the lstat'ed files that are not regular files with nlink > 1
 *     names: string[],        one per record, in the order of the names' bytes (strcmp, like libuv's
 *                             scandir, so node:fs's order)
 *     recs: Float64Array,     REC doubles per record: type, kind from readdir, lstat errno, errno of the
 *                             stat through a link, kind lstat saw (0: none), nlink, ino, dev, size, mode,
 *                             mtime s, mtime ns
 *     targets?: string[]      [r] for a BROKEN record whose lstat and readlink worked, or an ENTRY record of a link: its text
 *   }
 *   records: 1 DIR a real folder (lstat agrees); 2 MULTI a regular file with more than one name (F_FILES);
 *            3 BROKEN a link whose stat through it failed (F_FOLLOW), lstat'ed and read as well;
 *            4 REDO an entry whose lstat failed: the caller redoes it by path for node:fs's own record;
 *            5 MATCH the entry is the file dev:ino (F_MATCH_ID; the kind flags say which kind) or is
 *              called `name` (F_MATCH_NAME; folders and files);
 *            7 ENTRY an entry the kind flags select, not a folder, lstat'ed, a link read as well (F_EACH)
 *   kinds: 0 none, 1 file, 2 folder, 3 symlink, 4 other (fifo, socket, device)
 *   flags: 1 lstat files, 2 lstat symlinks, 4 lstat others, 8 stat through symlinks, 16 match dev:ino,
 *          32 match name, 128 a record for each entry the kind flags select; folders are always lstat'ed.
 *
 * A folder that cannot be opened or read throws an Error whose .code is the errno name (ENOENT, EACCES,
 * ENOTDIR, ...). Entries a path-based walk could not reach get an errno without a stat, so the caller
 * redoes them by path and fails exactly as node:fs does: ENAMETOOLONG when the full path would reach
 * PATH_MAX. Names that are not UTF-8 are names like any other (see name_value).
 */
#define _GNU_SOURCE /* dladdr */
#include "scan_core.h"
#include "napi_helpers.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <uchar.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

napi_value throw_errno(napi_env env, int e, const char *syscall, const char *path) {
  const char *code = errno_name(e);
  char msg[256];
  snprintf(msg, sizeof msg, "%s: %s, %s", code, strerror(e), syscall);
  napi_value code_v, msg_v, err, v;
  napi_create_string_utf8(env, code, NAPI_AUTO_LENGTH, &code_v);
  napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &msg_v);
  napi_create_error(env, code_v, msg_v, &err);
  napi_create_int32(env, -e, &v);
  napi_set_named_property(env, err, "errno", v);
  napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, err, "syscall", v);
  name_value(env, path, strlen(path), &v);
  napi_set_named_property(env, err, "path", v);
  napi_throw(env, err);
  return NULL;
}

napi_status name_value(napi_env env, const char *s, size_t len, napi_value *out) {
  const unsigned char *b = (const unsigned char *)s;
  if (utf8_valid(b, len)) return napi_create_string_utf8(env, s, len, out);
  char16_t *u = malloc((len ? len : 1) * sizeof *u); /* never more units than bytes */
  if (!u) return napi_generic_failure;
  size_t n = 0;
  for (size_t i = 0, k; i < len; i += k) {
    if (!(k = utf8_sequence(b, len, i))) { u[n++] = (char16_t)(0xDC00 + b[i]); k = 1; continue; }
    uint32_t cp = k == 1 ? b[i] : k == 2 ? (uint32_t)(b[i] & 0x1F) : k == 3 ? (uint32_t)(b[i] & 0x0F) : (uint32_t)(b[i] & 0x07);
    for (size_t j = 1; j < k; j++) cp = (cp << 6) | (b[i + j] & 0x3F);
    if (cp >= 0x10000) { cp -= 0x10000; u[n++] = (char16_t)(0xD800 + (cp >> 10)); u[n++] = (char16_t)(0xDC00 + (cp & 0x3FF)); }
    else u[n++] = (char16_t)cp;
  }
  napi_status st = napi_create_string_utf16(env, u, n, out);
  free(u);
  return st;
}

char *string_arg(napi_env env, napi_value v, size_t *len) {
  napi_valuetype t;
  size_t units = 0;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_string) return NULL;
  /* Node's own UTF-8 is the same bytes unless the string holds a lone surrogate (written as U+FFFD), and
     much faster for a long string (a walk's drained paths): taken unless U+FFFD appears in it. */
  if (napi_get_value_string_utf8(env, v, NULL, 0, &units) == napi_ok) {
    char *fast = malloc(units + 1);
    if (fast && napi_get_value_string_utf8(env, v, fast, units + 1, len) == napi_ok && *len == units &&
        !memmem(fast, units, "\xEF\xBF\xBD", 3))
      return fast;
    free(fast);
  }
  if (napi_get_value_string_utf16(env, v, NULL, 0, &units) != napi_ok) return NULL;
  char16_t *u = malloc((units + 1) * sizeof *u);
  char *s = malloc(units * 3 + 1); /* a unit makes at most three bytes; a pair, four for two units */
  if (!u || !s || napi_get_value_string_utf16(env, v, u, units + 1, &units) != napi_ok) {
    free(u);
    free(s);
    return NULL;
  }
  size_t n = 0;
  for (size_t i = 0; i < units; i++) {
    uint32_t c = u[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < units && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (u[++i] - 0xDC00);
      s[n++] = (char)(0xF0 | (c >> 18));
      s[n++] = (char)(0x80 | ((c >> 12) & 0x3F));
      s[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
      s[n++] = (char)(0x80 | (c & 0x3F));
      continue;
    }
    if (c >= 0xDC80 && c <= 0xDCFF) { s[n++] = (char)(c - 0xDC00); continue; } /* a raw byte */
    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD; /* any other lone surrogate: what node:fs would write */
    if (c < 0x80) s[n++] = (char)c;
    else if (c < 0x800) { s[n++] = (char)(0xC0 | (c >> 6)); s[n++] = (char)(0x80 | (c & 0x3F)); }
    else { s[n++] = (char)(0xE0 | (c >> 12)); s[n++] = (char)(0x80 | ((c >> 6) & 0x3F)); s[n++] = (char)(0x80 | (c & 0x3F)); }
  }
  s[n] = 0;
  *len = n;
  free(u);
  return s;
}

char *path_arg(napi_env env, napi_value v) {
  size_t len = 0;
  char *s = string_arg(env, v, &len);
  if (s && strlen(s) != len) {
    free(s);
    return NULL;
  }
  return s;
}

/* Both path arguments as malloc'ed C strings (1), or a TypeError thrown with `usage` (0). */
int two_paths(napi_env env, napi_callback_info info, char **a, char **b, const char *usage) {
  size_t argc = 2;
  napi_value argv[2];
  *a = *b = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok && argc >= 2 && (*a = path_arg(env, argv[0])) &&
      (*b = path_arg(env, argv[1])))
    return 1;
  free(*a);
  napi_throw_type_error(env, NULL, usage);
  return 0;
}

double number_arg(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return d;
}

napi_status records_value(napi_env env, const double *recs, size_t n, napi_value *out) {
  void *data;
  napi_value buf;
  napi_status st = napi_create_arraybuffer(env, n * REC * sizeof(double), &data, &buf);
  if (st == napi_ok) st = napi_create_typedarray(env, napi_float64_array, n * REC, buf, 0, out);
  if (st == napi_ok && n) memcpy(data, recs, n * REC * sizeof(double));
  return st;
}

napi_status record_targets_value(napi_env env, char *const *targets, const double *recs, size_t n, napi_value *out) {
  *out = NULL;
  for (size_t r = 0; r < n; r++) {
    if (!targets[r]) continue;
    napi_value v;
    napi_status st = napi_ok;
    size_t len = strlen(targets[r]);
    if (recs && recs[REC * r + V_TYPE] == R_INTO) len += 1 + strlen(targets[r] + len + 1); /* text NUL resolved */
    if (!*out) st = napi_create_array_with_length(env, n, out);
    if (st == napi_ok) st = name_value(env, targets[r], len, &v);
    if (st == napi_ok) st = napi_set_element(env, *out, (uint32_t)r, v);
    if (st != napi_ok) return st;
  }
  return napi_ok;
}

napi_status targets_value(napi_env env, char *const *targets, size_t n, napi_value *out) {
  return record_targets_value(env, targets, NULL, n, out);
}

static napi_value scan_dir(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) {
    napi_throw_type_error(env, NULL, "scanDir(path: string, flags: number, name?: string, dev?: number, ino?: number)");
    return NULL;
  }
  size_t plen = 0;
  char *path = string_arg(env, argv[0], &plen);
  if (!path) {
    napi_throw_type_error(env, NULL, "scanDir: path must be a string");
    return NULL;
  }
  if (strlen(path) != plen) { /* an embedded NUL: node:fs refuses such paths as well */
    free(path);
    return throw_errno(env, ENOENT, "scandir", "");
  }
  int32_t flags = 0;
  napi_get_value_int32(env, argv[1], &flags);
  match_t match = { 0 };
  char *want_name = (flags & F_MATCH_NAME) && argc > 2 ? string_arg(env, argv[2], &match.name_len) : NULL;
  match.name = want_name;
  match.dev = argc > 3 ? number_arg(env, argv[3]) : 0;
  match.ino = argc > 4 ? number_arg(env, argv[4]) : 0;

  listing_t l;
  const char *syscall;
  int err = list_folder(path, plen, flags, &match, NULL, &l, &syscall);
  napi_value result = NULL;
  if (err) {
    throw_errno(env, err, syscall, path);
    goto done;
  }
  /* The JS values: one Float64Array over all records, one string per record, targets where read. */
  napi_value obj, v, names_v, recs_v, targets_v;
  size_t nrec = l.recs.n;
  if (records_value(env, l.recs.recs, nrec, &recs_v) != napi_ok || napi_create_array_with_length(env, nrec, &names_v) != napi_ok ||
      record_targets_value(env, l.recs.targets, l.recs.recs, nrec, &targets_v) != napi_ok) {
    throw_errno(env, ENOMEM, "scandir", path);
    goto done;
  }
  for (size_t r = 0; r < nrec; r++) {
    const entry_t *e = &l.ents[l.recs.entry[r]];
    if (name_value(env, e->name, e->len, &v) != napi_ok || napi_set_element(env, names_v, (uint32_t)r, v) != napi_ok) {
      throw_errno(env, ENOMEM, "scandir", path);
      goto done;
    }
  }
  napi_create_object(env, &obj);
  napi_create_double(env, (double)l.count, &v);
  napi_set_named_property(env, obj, "count", v);
  napi_create_double(env, l.bytes, &v);
  napi_set_named_property(env, obj, "bytes", v);
  napi_set_named_property(env, obj, "names", names_v);
  napi_set_named_property(env, obj, "recs", recs_v);
  if (targets_v) napi_set_named_property(env, obj, "targets", targets_v);
  result = obj;

done:
  listing_free(&l);
  free(path);
  free(want_name);
  return result;
}

/*
 * Keep this library loaded until the process ends. Node unloads an addon when the last worker thread that
 * loaded it exits, but a walk's or a hash's native threads may still be running its code then (a window
 * closed mid-scan ends the engine's worker at once, and a thread stuck on a hung mount never returns):
 * unmapped under them, the whole process would crash.
 */
static void pin_library(void) {
  Dl_info self;
  if (dladdr((void *)pin_library, &self) && self.dli_fname) dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  pin_library();
  static const struct { const char *name; napi_callback fn; } fns[] = {
    { "scanDir", scan_dir }, { "walkStart", walk_start }, { "walkDrain", walk_drain }, { "walkPush", walk_push }, { "walkStop", walk_stop },
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    napi_value fn;
    napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].fn, NULL, &fn);
    napi_set_named_property(env, exports, fns[i].name, fn);
  }
  link_at_export(env, exports);
  same_bytes_export(env, exports);
  read_hash_export(env, exports);
  list_dir_export(env, exports);
  remove_tree_export(env, exports);
  copy_file_export(env, exports);
  relink_at_export(env, exports);
  retarget_at_export(env, exports);
  compare_trees_export(env, exports);
  copy_batch_export(env, exports);
  return exports;
}
