/*
 * copyFileKeep(from, to) → bytes copied: one regular file copied as a tree copy keeps it (POSIX). `from`
 * is opened without following a link, `to` created exclusively (never replaces), the bytes copied inside
 * the kernel where it can (copy_file_range, then sendfile, else read and write), then the source's owner
 * (when run as root), mode and access and modification times set on the open copy (fchown, fchmod,
 * futimens). One call where node:fs takes three (copyFile, lchown, utimes), each walking the whole path
 * again; and the owner and access time come from the open source, so the caller's listing need not carry
 * them.
 *
 * sameBytes(a, b) → boolean: whether two files (neither opened through a link) hold the same bytes,
 * read side by side in blocks into buffers kept per thread: the check after a copy, with no JavaScript
 * call per block.
 *
 * Both throw an Error like node:fs's (.code the errno name, .syscall, .path) on the first failure; a copy
 * left half made is the caller's to remove (a tree copy removes its whole destination).
 */
#define _GNU_SOURCE
#include "napi_helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/sendfile.h>
#endif

#define CHUNK (1 << 20)

/* The bytes of `in` from its start to its end onto `out`. 0, or an errno with *syscall set. */
static int copy_bytes(int in, int out, double *copied, const char **syscall) {
#ifdef __linux__
  ssize_t n;
  while ((n = copy_file_range(in, NULL, out, NULL, CHUNK, 0)) > 0) *copied += (double)n;
  if (n == 0) return 0;
  if (*copied > 0 || (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP)) {
    *syscall = "copy_file_range";
    return errno;
  }
  while ((n = sendfile(out, in, NULL, CHUNK)) > 0) *copied += (double)n;
  if (n == 0) return 0;
  if (*copied > 0 || (errno != EINVAL && errno != ENOSYS)) {
    *syscall = "sendfile";
    return errno;
  }
#endif
  char *buf = malloc(CHUNK);
  if (!buf) {
    *syscall = "malloc";
    return ENOMEM;
  }
  ssize_t got;
  int err = 0;
  while ((got = read(in, buf, CHUNK)) > 0) {
    for (ssize_t put = 0; put < got;) {
      ssize_t w = write(out, buf + put, (size_t)(got - put));
      if (w < 0) {
        *syscall = "write", err = errno;
        goto done;
      }
      put += w;
    }
    *copied += (double)got;
  }
  if (got < 0) *syscall = "read", err = errno;
done:
  free(buf);
  return err;
}

/* Owner (root only: nobody else may give a file away), mode, then times: chown clears set-id bits, and any change moves ctime only. */
static int keep_attributes(int out, const struct stat *st, const char **syscall) {
  if (geteuid() == 0 && (st->st_uid != 0 || st->st_gid != 0) && fchown(out, st->st_uid, st->st_gid) != 0) {
    *syscall = "fchown";
    return errno;
  }
  if (fchmod(out, st->st_mode & 07777) != 0) {
    *syscall = "fchmod";
    return errno;
  }
#ifdef __APPLE__
  struct timespec times[2] = { st->st_atimespec, st->st_mtimespec };
#else
  struct timespec times[2] = { st->st_atim, st->st_mtim };
#endif
  if (futimens(out, times) != 0) {
    *syscall = "futimens";
    return errno;
  }
  return 0;
}

/* Both path arguments as malloc'ed C strings (1), or a TypeError thrown with `usage` (0). */
static int two_paths(napi_env env, napi_callback_info info, char **a, char **b, const char *usage) {
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

static napi_value copy_file_keep(napi_env env, napi_callback_info info) {
  char *from, *to;
  if (!two_paths(env, info, &from, &to, "copyFileKeep(from: string, to: string)")) return NULL;
  const char *syscall = "open";
  const char *at = from;
  double copied = 0;
  int err = 0, out = -1;
  struct stat st;
  int in = open(from, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC); /* a fifo put in its place must not block us */
  if (in < 0) err = errno;
  else if (fstat(in, &st) != 0) syscall = "fstat", err = errno;
  else if (!S_ISREG(st.st_mode)) err = EINVAL;
  else if (at = to, (out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) err = errno;
  else if (!(err = copy_bytes(in, out, &copied, &syscall))) err = keep_attributes(out, &st, &syscall);
  if (out >= 0 && close(out) != 0 && !err) syscall = "close", err = errno;
  if (in >= 0) close(in);
  napi_value result = NULL;
  if (err) throw_errno(env, err, syscall, at);
  else napi_create_double(env, copied, &result);
  free(from);
  free(to);
  return result;
}

#define BLOCK (1 << 18)

/* Fill buf from fd as far as the file goes: the count read, or -1. */
static ssize_t read_full(int fd, char *buf) {
  ssize_t got = 0;
  while (got < BLOCK) {
    ssize_t n = read(fd, buf + got, (size_t)(BLOCK - got));
    if (n < 0) return -1;
    if (n == 0) break;
    got += n;
  }
  return got;
}

/* 1 same, 0 different, or -errno with *at naming the file. */
static int compare_open(int fa, int fb, const char *a, const char *b, const char **at) {
  static _Thread_local char *ba, *bb;
  if (!ba && !(ba = malloc(BLOCK))) return -ENOMEM;
  if (!bb && !(bb = malloc(BLOCK))) return -ENOMEM;
  for (;;) {
    ssize_t na = read_full(fa, ba);
    if (na < 0) return *at = a, -errno;
    ssize_t nb = read_full(fb, bb);
    if (nb < 0) return *at = b, -errno;
    if (na != nb || memcmp(ba, bb, (size_t)na) != 0) return 0;
    if (na < BLOCK) return 1;
  }
}

static napi_value same_bytes(napi_env env, napi_callback_info info) {
  char *a, *b;
  if (!two_paths(env, info, &a, &b, "sameBytes(a: string, b: string)")) return NULL;
  const char *at = a, *syscall = "open";
  int r;
  int fa = open(a, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  int fb = fa < 0 ? -1 : open(b, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fa < 0) r = -errno;
  else if (fb < 0) r = -errno, at = b;
  else syscall = "read", r = compare_open(fa, fb, a, b, &at);
  if (fa >= 0) close(fa);
  if (fb >= 0) close(fb);
  napi_value result = NULL;
  if (r < 0) throw_errno(env, -r, syscall, at);
  else napi_get_boolean(env, r == 1, &result);
  free(a);
  free(b);
  return result;
}

void copy_file_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "copyFileKeep", NAPI_AUTO_LENGTH, copy_file_keep, NULL, &fn);
  napi_set_named_property(env, exports, "copyFileKeep", fn);
  napi_create_function(env, "sameBytes", NAPI_AUTO_LENGTH, same_bytes, NULL, &fn);
  napi_set_named_property(env, exports, "sameBytes", fn);
}
