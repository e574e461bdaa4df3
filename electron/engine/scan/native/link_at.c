/*
 * Link operations relative to an open folder (Linux): the engine resolves a folder once to a descriptor,
 * checks what it found on that descriptor, and then acts through it, so nothing another process swaps into
 * the path between the check and the act (a parent folder replaced by a symbolic link, a name exchanged
 * for another file) can redirect the act. Node has none of the *at calls, so they live here.
 *
 *   atOpenFolder(path, strict) → fd      strict: no symbolic link in any component (openat2
 *                                          RESOLVE_NO_SYMLINKS, or a component walk with O_NOFOLLOW
 *                                          where openat2 is missing); otherwise the kernel's own resolution
 *   atOpenFolderIn(dirfd, name) → fd     a folder inside dirfd, never through a link
 *   atOpenEntry(dirfd, name) → fd        the entry itself (O_PATH | O_NOFOLLOW), to link or stat it
 *   atStat(dirfd, name) / atFstat(fd) → { dev, ino, mode, nlink, uid, size, mtimeMs }   (lstat semantics)
 *   atReadlink(dirfd, name) → string
 *   atSymlink(text, dirfd, name)         never replaces (EEXIST)
 *   atLinkFd(fd, dirfd, name)            a new name for the file open as fd (never replaces)
 *   atUnlink(dirfd, name, folder)        folder: rmdir semantics
 *   atMkdir(dirfd, name, mode)
 *   atRename(fromfd, from, tofd, to, flags)   flags 0: replace, 1: never replace (RENAME_NOREPLACE), 2: exchange
 *   atClose(fd)
 *
 * Failures throw an Error like node:fs's (.code the errno name, .syscall, .path the name given).
 * Elsewhere than Linux these functions are not exported; the engine then keeps its path-based code for
 * ordinary work and refuses elevated work.
 */
#ifdef __linux__
#define _GNU_SOURCE
#include "napi_helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

#define MAX_ARGS 5

typedef struct {
  napi_env env;
  napi_value argv[MAX_ARGS];
  size_t argc;
  char *strs[MAX_ARGS]; /* freed by args_free */
} args_t;

static int args_get(napi_env env, napi_callback_info info, args_t *a, size_t need, const char *usage) {
  memset(a, 0, sizeof *a);
  a->env = env;
  a->argc = MAX_ARGS;
  if (napi_get_cb_info(env, info, &a->argc, a->argv, NULL, NULL) != napi_ok || a->argc < need) {
    napi_throw_type_error(env, NULL, usage);
    return 0;
  }
  return 1;
}

static void args_free(args_t *a) {
  for (int i = 0; i < MAX_ARGS; i++) free(a->strs[i]);
}

/* Argument i as a name or path without NUL (0 and a TypeError when it is not one). */
static const char *args_str(args_t *a, size_t i, const char *usage) {
  char *s = i < a->argc ? path_arg(a->env, a->argv[i]) : NULL;
  if (!s) {
    napi_throw_type_error(a->env, NULL, usage);
    return NULL;
  }
  a->strs[i] = s;
  return s;
}

/* Argument i as a descriptor (-1 and a TypeError when it is not a non-negative integer). */
static int args_fd(args_t *a, size_t i, const char *usage) {
  int32_t fd = -1;
  if (i >= a->argc || napi_get_value_int32(a->env, a->argv[i], &fd) != napi_ok || fd < 0) {
    napi_throw_type_error(a->env, NULL, usage);
    return -1;
  }
  return fd;
}

/* The usual first two arguments, (dirfd, name): the name, or NULL with a TypeError thrown. */
static const char *dir_and_name(args_t *a, const char *usage, int *dirfd) {
  *dirfd = args_fd(a, 0, usage);
  return *dirfd >= 0 ? args_str(a, 1, usage) : NULL;
}

/* What a call that returns nothing gives JavaScript: undefined, or the errno thrown as an Error. */
static napi_value done(napi_env env, int rc, const char *syscall, const char *name) {
  napi_value v;
  if (rc < 0) return throw_errno(env, errno, syscall, name);
  napi_get_undefined(env, &v);
  return v;
}

static napi_value int_value(napi_env env, int n) {
  napi_value v;
  napi_create_int32(env, n, &v);
  return v;
}

static void set_number(napi_env env, napi_value obj, const char *key, double n) {
  napi_value v;
  napi_create_double(env, n, &v);
  napi_set_named_property(env, obj, key, v);
}

static napi_value stat_value(napi_env env, const struct stat *st) {
  napi_value obj;
  napi_create_object(env, &obj);
  set_number(env, obj, "dev", (double)st->st_dev);
  set_number(env, obj, "ino", (double)st->st_ino);
  set_number(env, obj, "mode", (double)st->st_mode);
  set_number(env, obj, "nlink", (double)st->st_nlink);
  set_number(env, obj, "uid", (double)st->st_uid);
  set_number(env, obj, "size", (double)st->st_size);
  set_number(env, obj, "mtimeMs", (double)st->st_mtim.tv_sec * 1000 + (double)st->st_mtim.tv_nsec / 1e6);
  return obj;
}

/* Open `path` one component at a time, never following a symbolic link (kernels without openat2). */
static int open_no_links_walk(const char *path) {
  if (path[0] != '/') return errno = EINVAL, -1;
  int fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  const char *p = path;
  char name[256];
  while (fd >= 0) {
    while (*p == '/') p++;
    if (!*p) return fd;
    size_t n = strcspn(p, "/");
    if (n >= sizeof name) { close(fd); return errno = ENAMETOOLONG, -1; }
    memcpy(name, p, n);
    name[n] = 0;
    p += n;
    if (strcmp(name, "..") == 0) { close(fd); return errno = EINVAL, -1; } /* ".." is the caller's to resolve first */
    int next = openat(fd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int saved = errno;
    close(fd);
    errno = saved;
    fd = next;
  }
  return -1;
}

static int open_folder(const char *path, int strict) {
  if (!strict) return open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
  struct open_how how = { .flags = O_PATH | O_DIRECTORY | O_CLOEXEC, .resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS };
  long fd = syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof how);
  if (fd < 0 && (errno == ENOSYS || errno == EPERM)) return open_no_links_walk(path); /* old kernel, or a seccomp filter */
  return (int)fd;
}

static napi_value at_open_folder(napi_env env, napi_callback_info info) {
  static const char usage[] = "atOpenFolder(path: string, strict: boolean)";
  args_t a;
  if (!args_get(env, info, &a, 2, usage)) return NULL;
  const char *path = args_str(&a, 0, usage);
  bool strict = false;
  napi_value result = NULL;
  if (path && napi_get_value_bool(env, a.argv[1], &strict) == napi_ok) {
    int fd = open_folder(path, strict);
    result = fd < 0 ? throw_errno(env, errno, strict ? "openat2" : "open", path) : int_value(env, fd);
  } else if (path) {
    napi_throw_type_error(env, NULL, usage);
  }
  args_free(&a);
  return result;
}

static napi_value at_open_in(napi_env env, napi_callback_info info, int flags, const char *usage) {
  args_t a;
  if (!args_get(env, info, &a, 2, usage)) return NULL;
  int dirfd;
  const char *name = dir_and_name(&a, usage, &dirfd);
  napi_value result = NULL;
  if (name) {
    int fd = openat(dirfd, name, flags | O_NOFOLLOW | O_CLOEXEC);
    result = fd < 0 ? throw_errno(env, errno, "openat", name) : int_value(env, fd);
  }
  args_free(&a);
  return result;
}

static napi_value at_open_folder_in(napi_env env, napi_callback_info info) {
  return at_open_in(env, info, O_PATH | O_DIRECTORY, "atOpenFolderIn(dirfd: number, name: string)");
}

static napi_value at_open_entry(napi_env env, napi_callback_info info) {
  return at_open_in(env, info, O_PATH, "atOpenEntry(dirfd: number, name: string)");
}

static napi_value at_stat(napi_env env, napi_callback_info info) {
  static const char usage[] = "atStat(dirfd: number, name: string)";
  args_t a;
  if (!args_get(env, info, &a, 2, usage)) return NULL;
  int dirfd;
  const char *name = dir_and_name(&a, usage, &dirfd);
  napi_value result = NULL;
  struct stat st;
  if (name) result = fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 ? throw_errno(env, errno, "fstatat", name) : stat_value(env, &st);
  args_free(&a);
  return result;
}

static napi_value at_fstat(napi_env env, napi_callback_info info) {
  static const char usage[] = "atFstat(fd: number)";
  args_t a;
  if (!args_get(env, info, &a, 1, usage)) return NULL;
  int fd = args_fd(&a, 0, usage);
  struct stat st;
  napi_value result = NULL;
  if (fd >= 0) result = fstat(fd, &st) < 0 ? throw_errno(env, errno, "fstat", "") : stat_value(env, &st);
  args_free(&a);
  return result;
}

static napi_value at_readlink(napi_env env, napi_callback_info info) {
  static const char usage[] = "atReadlink(dirfd: number, name: string)";
  args_t a;
  if (!args_get(env, info, &a, 2, usage)) return NULL;
  int dirfd;
  const char *name = dir_and_name(&a, usage, &dirfd);
  napi_value result = NULL;
  if (name) {
    char buf[4097];
    ssize_t n = readlinkat(dirfd, name, buf, sizeof buf - 1);
    if (n < 0) result = throw_errno(env, errno, "readlinkat", name);
    else name_value(env, buf, (size_t)n, &result);
  }
  args_free(&a);
  return result;
}

static napi_value at_symlink(napi_env env, napi_callback_info info) {
  static const char usage[] = "atSymlink(text: string, dirfd: number, name: string)";
  args_t a;
  if (!args_get(env, info, &a, 3, usage)) return NULL;
  const char *text = args_str(&a, 0, usage);
  int dirfd = text ? args_fd(&a, 1, usage) : -1;
  const char *name = dirfd >= 0 ? args_str(&a, 2, usage) : NULL;
  napi_value result = NULL;
  if (name) result = done(env, symlinkat(text, dirfd, name), "symlinkat", name);
  args_free(&a);
  return result;
}

/* A new name for the file open as fd: AT_EMPTY_PATH where allowed (it needs CAP_DAC_READ_SEARCH), else
   through /proc/self/fd, which names exactly that file and works for every user. Shared with relink_at.c. */
int link_fd(int fd, int dirfd, const char *name) {
  if (linkat(fd, "", dirfd, name, AT_EMPTY_PATH) == 0) return 0;
  if (errno != ENOENT && errno != EPERM) return -1;
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
  return linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW);
}

static napi_value at_link_fd(napi_env env, napi_callback_info info) {
  static const char usage[] = "atLinkFd(fd: number, dirfd: number, name: string)";
  args_t a;
  if (!args_get(env, info, &a, 3, usage)) return NULL;
  int fd = args_fd(&a, 0, usage);
  int dirfd = fd >= 0 ? args_fd(&a, 1, usage) : -1;
  const char *name = dirfd >= 0 ? args_str(&a, 2, usage) : NULL;
  napi_value result = NULL;
  if (name) result = done(env, link_fd(fd, dirfd, name), "linkat", name);
  args_free(&a);
  return result;
}

static napi_value at_unlink(napi_env env, napi_callback_info info) {
  static const char usage[] = "atUnlink(dirfd: number, name: string, folder: boolean)";
  args_t a;
  if (!args_get(env, info, &a, 3, usage)) return NULL;
  int dirfd;
  const char *name = dir_and_name(&a, usage, &dirfd);
  bool folder = false;
  napi_value result = NULL;
  if (name && napi_get_value_bool(env, a.argv[2], &folder) == napi_ok) {
    result = done(env, unlinkat(dirfd, name, folder ? AT_REMOVEDIR : 0), "unlinkat", name);
  } else if (name) {
    napi_throw_type_error(env, NULL, usage);
  }
  args_free(&a);
  return result;
}

static napi_value at_mkdir(napi_env env, napi_callback_info info) {
  static const char usage[] = "atMkdir(dirfd: number, name: string, mode: number)";
  args_t a;
  if (!args_get(env, info, &a, 3, usage)) return NULL;
  int dirfd;
  const char *name = dir_and_name(&a, usage, &dirfd);
  int32_t mode = 0;
  napi_value result = NULL;
  if (name && napi_get_value_int32(env, a.argv[2], &mode) == napi_ok) {
    result = done(env, mkdirat(dirfd, name, (mode_t)mode), "mkdirat", name);
  } else if (name) {
    napi_throw_type_error(env, NULL, usage);
  }
  args_free(&a);
  return result;
}

static napi_value at_rename(napi_env env, napi_callback_info info) {
  static const char usage[] = "atRename(fromfd: number, from: string, tofd: number, to: string, flags: number)";
  args_t a;
  if (!args_get(env, info, &a, 5, usage)) return NULL;
  int fromfd = args_fd(&a, 0, usage);
  const char *from = fromfd >= 0 ? args_str(&a, 1, usage) : NULL;
  int tofd = from ? args_fd(&a, 2, usage) : -1;
  const char *to = tofd >= 0 ? args_str(&a, 3, usage) : NULL;
  int32_t flags = 0;
  napi_value result = NULL;
  if (to && napi_get_value_int32(env, a.argv[4], &flags) == napi_ok && flags >= 0 && flags <= 2) {
    unsigned int how = flags == 1 ? RENAME_NOREPLACE : flags == 2 ? RENAME_EXCHANGE : 0;
    result = done(env, (int)syscall(SYS_renameat2, fromfd, from, tofd, to, how), "renameat2", to);
  } else if (to) {
    napi_throw_type_error(env, NULL, "atRename: flags must be 0 (replace), 1 (never replace) or 2 (exchange)");
  }
  args_free(&a);
  return result;
}

static napi_value at_close(napi_env env, napi_callback_info info) {
  static const char usage[] = "atClose(fd: number)";
  args_t a;
  if (!args_get(env, info, &a, 1, usage)) return NULL;
  int fd = args_fd(&a, 0, usage);
  args_free(&a);
  return fd >= 0 ? done(env, close(fd) < 0 && errno != EINTR ? -1 : 0, "close", "") : NULL;
}

void link_at_export(napi_env env, napi_value exports) {
  static const struct { const char *name; napi_callback fn; } fns[] = {
    { "atOpenFolder", at_open_folder }, { "atOpenFolderIn", at_open_folder_in }, { "atOpenEntry", at_open_entry },
    { "atStat", at_stat }, { "atFstat", at_fstat }, { "atReadlink", at_readlink }, { "atSymlink", at_symlink },
    { "atLinkFd", at_link_fd }, { "atUnlink", at_unlink }, { "atMkdir", at_mkdir }, { "atRename", at_rename },
    { "atClose", at_close },
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    napi_value fn;
    napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].fn, NULL, &fn);
    napi_set_named_property(env, exports, fns[i].name, fn);
  }
}
#else
#include "napi_helpers.h"
void link_at_export(napi_env env, napi_value exports) { (void)env; (void)exports; }
#endif
