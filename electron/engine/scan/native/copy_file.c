/*
 * copyFileKeep(from, to) → bytes copied: one regular file copied as a tree copy keeps it (POSIX). `from`
 * is opened without following a link, `to` created exclusively (never replaces), the bytes copied inside
 * the kernel where it can (copy_file_range, then sendfile, else read and write), then the source's owner
 * (when run as root), mode and access and modification times set on the open copy (fchown, fchmod,
 * futimens). One call where node:fs takes three (copyFile, lchown, utimes), each walking the whole path
 * again; and the owner and access time come from the open source, so the caller's listing need not carry
 * them.
 *
 * It throws an Error like node:fs's (.code the errno name, .syscall, .path) on the first failure; a copy
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

int copy_keep(const char *from, const char *to, double *copied, const char **syscall, const char **at) {
  int err = 0, out = -1;
  struct stat st;
  *syscall = "open", *at = from, *copied = 0;
  int in = open(from, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC); /* a fifo put in its place must not block us */
  if (in < 0) err = errno;
  else if (fstat(in, &st) != 0) *syscall = "fstat", err = errno;
  else if (!S_ISREG(st.st_mode)) err = EINVAL;
  else if (*at = to, (out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) err = errno;
  else if (!(err = copy_bytes(in, out, copied, syscall))) err = keep_attributes(out, &st, syscall);
  if (out >= 0 && close(out) != 0 && !err) *syscall = "close", err = errno;
  if (in >= 0) close(in);
  return err;
}

static napi_value copy_file_keep(napi_env env, napi_callback_info info) {
  char *from, *to;
  if (!two_paths(env, info, &from, &to, "copyFileKeep(from: string, to: string)")) return NULL;
  const char *syscall, *at;
  double copied;
  int err = copy_keep(from, to, &copied, &syscall, &at);
  napi_value result = NULL;
  if (err) throw_errno(env, err, syscall, at);
  else napi_create_double(env, copied, &result);
  free(from);
  free(to);
  return result;
}

void copy_file_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "copyFileKeep", NAPI_AUTO_LENGTH, copy_file_keep, NULL, &fn);
  napi_set_named_property(env, exports, "copyFileKeep", fn);
}
