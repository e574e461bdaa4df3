/*
 * linkscope_scan: list one folder and stat its entries relative to an open handle to it (fstatat), so
 * the kernel looks up one name per stat instead of walking the whole absolute path again, and no
 * Stats object (with its four Dates) is built per entry. POSIX only (Linux, macOS); Node-API, so the
 * same binary loads in Node and Electron.
 *
 *   scanDir(path: string, flags: number) → {
 *     names: string[],        sorted by strcmp of the raw bytes, like libuv's scandir (so node:fs's order)
 *     kinds: Uint8Array(2n),  [i] the entry's type from readdir (d_type; an unknown d_type is lstat'ed),
 *                             [n+i] the type lstat saw (0 when not stat'ed or when lstat failed)
 *     errs: Int32Array(2n),   [i] errno of the lstat (0: fine or not asked), [n+i] errno of the stat
 *                             through a symlink (0: the target exists or not asked)
 *     nums: Float64Array(8n)  [8i..8i+6] nlink, ino, dev, size, mode, mtime s, mtime ns from the lstat
 *     targets?: string[]      [i] for a link whose stat through it failed: what it points to (readlink);
 *                             then it is lstat'ed too (errs[i] when that or the readlink failed)
 *   }
 *   kinds, errs and nums share one ArrayBuffer.
 *   kinds: 0 none, 1 file, 2 folder, 3 symlink, 4 other (fifo, socket, device)
 *   flags: 1 lstat files, 2 lstat symlinks, 4 lstat others, 8 stat through symlinks; folders are
 *          always lstat'ed.
 *
 * A folder that cannot be opened or read throws an Error whose .code is the errno name (ENOENT, EACCES,
 * ENOTDIR, ...). Entries a path-based walk could not reach get an errno without a stat, so the caller
 * redoes them by path and fails exactly as node:fs does: ENAMETOOLONG when the full path would reach
 * PATH_MAX, EILSEQ when the name is not UTF-8 (its JS string holds U+FFFD, a different name).
 */
/* glibc: POSIX.1-2008 (fstatat, fdopendir, dirfd) and the BSD d_type constants; macOS shows them by default. */
#define _DEFAULT_SOURCE
#include <node_api.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

#if defined(__APPLE__)
#define MTIME(s) ((s).st_mtimespec)
#else
#define MTIME(s) ((s).st_mtim)
#endif

/* doubles per entry in nums: nlink, ino, dev, size, mode, mtime seconds, mtime nanoseconds, (spare) */
#define NUMS 8

enum { K_NONE = 0, K_FILE = 1, K_DIR = 2, K_LINK = 3, K_OTHER = 4 };
enum { F_FILES = 1, F_LINKS = 2, F_OTHERS = 4, F_FOLLOW = 8 };

typedef struct {
  const char *name;
  size_t len;
  unsigned char dtype;
} entry_t;

static const char *errno_name(int e) {
  switch (e) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EIO: return "EIO";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENOMEM: return "ENOMEM";
    case EBUSY: return "EBUSY";
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case EOVERFLOW: return "EOVERFLOW";
    case EILSEQ: return "EILSEQ";
#ifdef ESTALE
    case ESTALE: return "ESTALE";
#endif
    default: return "UNKNOWN";
  }
}

static unsigned char kind_of_mode(mode_t m) {
  if (S_ISREG(m)) return K_FILE;
  if (S_ISDIR(m)) return K_DIR;
  if (S_ISLNK(m)) return K_LINK;
  return K_OTHER;
}

static unsigned char kind_of_dtype(unsigned char t) {
  switch (t) {
    case DT_REG: return K_FILE;
    case DT_DIR: return K_DIR;
    case DT_LNK: return K_LINK;
    case DT_UNKNOWN: return K_NONE;
    default: return K_OTHER;
  }
}

/* Well-formed UTF-8 (RFC 3629: no overlongs, surrogates or code points past U+10FFFF), as V8 decodes it. */
static int valid_utf8(const unsigned char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    unsigned char c = s[i];
    if (c < 0x80) { i++; continue; }
    size_t extra;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) extra = 1;
    else if (c >= 0xE0 && c <= 0xEF) { extra = 2; if (c == 0xE0) lo = 0xA0; else if (c == 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { extra = 3; if (c == 0xF0) lo = 0x90; else if (c == 0xF4) hi = 0x8F; }
    else return 0;
    if (i + extra >= len) return 0;
    if (s[i + 1] < lo || s[i + 1] > hi) return 0;
    for (size_t j = 2; j <= extra; j++) if (s[i + j] < 0x80 || s[i + j] > 0xBF) return 0;
    i += extra + 1;
  }
  return 1;
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const entry_t *)a)->name, ((const entry_t *)b)->name);
}

static napi_value throw_errno(napi_env env, int e, const char *syscall, const char *path) {
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
  napi_create_string_utf8(env, path, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, err, "path", v);
  napi_throw(env, err);
  return NULL;
}

static napi_value scan_dir(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) {
    napi_throw_type_error(env, NULL, "scanDir(path: string, flags: number)");
    return NULL;
  }
  size_t plen = 0;
  if (napi_get_value_string_utf8(env, argv[0], NULL, 0, &plen) != napi_ok) {
    napi_throw_type_error(env, NULL, "scanDir: path must be a string");
    return NULL;
  }
  int32_t flags = 0;
  napi_get_value_int32(env, argv[1], &flags);
  char *path = malloc(plen + 1);
  if (!path) return throw_errno(env, ENOMEM, "scandir", "");
  napi_get_value_string_utf8(env, argv[0], path, plen + 1, &plen);
  if (strlen(path) != plen) { /* an embedded NUL: node:fs refuses such paths as well */
    free(path);
    return throw_errno(env, ENOENT, "scandir", "");
  }

  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    napi_value r = throw_errno(env, errno, "scandir", path);
    free(path);
    return r;
  }
  DIR *dir = fdopendir(fd);
  if (!dir) {
    int e = errno;
    close(fd);
    napi_value r = throw_errno(env, e, "scandir", path);
    free(path);
    return r;
  }

  /* Read every name first: one buffer of NUL-ended names, offsets fixed up once it stops growing. */
  size_t cap = 8192, used = 0, n = 0, ecap = 64;
  char *names = malloc(cap);
  entry_t *ents = malloc(ecap * sizeof *ents);
  size_t *offs = malloc(ecap * sizeof *offs);
  int err = (!names || !ents || !offs) ? ENOMEM : 0;
  while (!err) {
    errno = 0;
    struct dirent *d = readdir(dir);
    if (!d) { err = errno; break; }
    const char *nm = d->d_name;
    if (nm[0] == '.' && (nm[1] == 0 || (nm[1] == '.' && nm[2] == 0))) continue;
    size_t len = strlen(nm);
    if (used + len + 1 > cap) {
      while (used + len + 1 > cap) cap *= 2;
      char *g = realloc(names, cap);
      if (!g) { err = ENOMEM; break; }
      names = g;
    }
    if (n == ecap) {
      ecap *= 2;
      entry_t *g = realloc(ents, ecap * sizeof *ents);
      if (g) ents = g;
      size_t *h = g ? realloc(offs, ecap * sizeof *offs) : NULL;
      if (h) offs = h;
      if (!g || !h) { err = ENOMEM; break; }
    }
    memcpy(names + used, nm, len + 1);
    offs[n] = used;
    ents[n].len = len;
    ents[n].dtype = d->d_type;
    n++;
    used += len + 1;
  }
  napi_value result = NULL;
  if (err) {
    throw_errno(env, err, "scandir", path);
    goto done;
  }
  for (size_t i = 0; i < n; i++) ents[i].name = names + offs[i];
  qsort(ents, n, sizeof *ents, by_name);

  int dfd = dirfd(dir);
  /* One ArrayBuffer per listing: nums (NUMS doubles an entry), then errs (2 int32), then kinds (2 bytes). */
  void *data;
  napi_value buf, nums_v, errs_v, kinds_v, names_v, targets_v = NULL;
  if (napi_create_arraybuffer(env, n * (NUMS * 8 + 2 * 4 + 2), &data, &buf) != napi_ok ||
      napi_create_typedarray(env, napi_float64_array, NUMS * n, buf, 0, &nums_v) != napi_ok ||
      napi_create_typedarray(env, napi_int32_array, 2 * n, buf, NUMS * 8 * n, &errs_v) != napi_ok ||
      napi_create_typedarray(env, napi_uint8_array, 2 * n, buf, (NUMS * 8 + 8) * n, &kinds_v) != napi_ok ||
      napi_create_array_with_length(env, n, &names_v) != napi_ok) {
    napi_throw_error(env, "ENOMEM", "scanDir: out of memory");
    goto done;
  }
  memset(data, 0, n * (NUMS * 8 + 2 * 4 + 2));
  double *nums = data;
  int32_t *errs = (int32_t *)((char *)data + NUMS * 8 * n);
  unsigned char *kinds = (unsigned char *)data + (NUMS * 8 + 8) * n;
  struct stat st;
  char target[PATH_MAX + 1];
  for (size_t i = 0; i < n; i++) {
    const entry_t *e = &ents[i];
    unsigned char k = kind_of_dtype(e->dtype);
    /* The full path node:fs would use is path + "/" + name (the separator is skipped when path ends with one). */
    int too_long = plen + 1 + e->len >= PATH_MAX;
    int not_utf8 = !valid_utf8((const unsigned char *)e->name, e->len);
    int bad = too_long ? ENAMETOOLONG : not_utf8 ? EILSEQ : 0;
    int have_stat = 0;
    if (k == K_NONE) { /* no d_type from this file system: node:fs lstats such entries, and fails the listing if that fails */
      if (bad || fstatat(dfd, e->name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        throw_errno(env, bad ? bad : errno, "lstat", path);
        goto done;
      }
      k = kind_of_mode(st.st_mode);
      have_stat = 1;
    }
    kinds[i] = k;
    int want = k == K_DIR || (k == K_FILE && (flags & F_FILES)) || (k == K_LINK && (flags & F_LINKS)) ||
               (k == K_OTHER && (flags & F_OTHERS));
    int followed_fail = 0;
    if (k == K_LINK && (flags & F_FOLLOW)) {
      struct stat tst;
      if (bad) errs[n + i] = bad;
      else if (fstatat(dfd, e->name, &tst, 0) != 0) { errs[n + i] = errno ? errno : EIO; followed_fail = 1; }
    }
    if (want || followed_fail) {
      if (!have_stat && bad) errs[i] = bad;
      else if (!have_stat && fstatat(dfd, e->name, &st, AT_SYMLINK_NOFOLLOW) != 0) errs[i] = errno ? errno : EIO;
      else have_stat = 1;
      if (have_stat) {
        double *num = nums + NUMS * i;
        kinds[n + i] = kind_of_mode(st.st_mode);
        num[0] = (double)st.st_nlink;
        num[1] = (double)st.st_ino;
        num[2] = (double)st.st_dev;
        num[3] = (double)st.st_size;
        num[4] = (double)st.st_mode;
        num[5] = (double)MTIME(st).tv_sec;
        num[6] = (double)MTIME(st).tv_nsec;
      }
    }
    if (followed_fail && have_stat && S_ISLNK(st.st_mode)) { /* a broken link: its target too */
      ssize_t len = readlinkat(dfd, e->name, target, sizeof target);
      if (len < 0 || (size_t)len >= sizeof target - 1) errs[i] = len < 0 ? (errno ? errno : EIO) : ENAMETOOLONG;
      else {
        napi_value t;
        if (!targets_v && napi_create_array_with_length(env, n, &targets_v) != napi_ok) targets_v = NULL;
        if (!targets_v || napi_create_string_utf8(env, target, (size_t)len, &t) != napi_ok ||
            napi_set_element(env, targets_v, (uint32_t)i, t) != napi_ok) errs[i] = ENOMEM;
      }
    }
    napi_value s;
    if (napi_create_string_utf8(env, e->name, e->len, &s) != napi_ok || napi_set_element(env, names_v, (uint32_t)i, s) != napi_ok) {
      napi_throw_error(env, "ENOMEM", "scanDir: could not make a name");
      goto done;
    }
  }
  napi_value obj;
  napi_create_object(env, &obj);
  napi_set_named_property(env, obj, "names", names_v);
  napi_set_named_property(env, obj, "kinds", kinds_v);
  napi_set_named_property(env, obj, "errs", errs_v);
  napi_set_named_property(env, obj, "nums", nums_v);
  if (targets_v) napi_set_named_property(env, obj, "targets", targets_v);
  result = obj;

done:
  closedir(dir);
  free(names);
  free(ents);
  free(offs);
  free(path);
  return result;
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  napi_value fn;
  napi_create_function(env, "scanDir", NAPI_AUTO_LENGTH, scan_dir, NULL, &fn);
  napi_set_named_property(env, exports, "scanDir", fn);
  return exports;
}
