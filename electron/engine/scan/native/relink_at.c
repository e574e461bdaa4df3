/*
 * relinkAt(dirfd, name, temp, srcdirfd, srcname, nums) → status: the entry `name` in the folder open as
 * dirfd becomes another name of the file `srcname` in srcdirfd (Linux), in one call where JavaScript
 * made eight, for each of thousands of links a merge makes. The steps and checks are the merge's own
 * (dedupe/relink.ts), in this order:
 *
 *   1. `name` is still the regular file compared (dev, ino, size, mtime; mode, uid, gid when given);
 *   2. the source, opened through its folder without following a link, is still the file compared, and
 *      has fewer names than the limit (when one is given; else the file system says so with EMLINK);
 *   3. a new name of exactly that open file is made at `temp` (beside `name`, never replacing);
 *   4. `temp` and `name` are exchanged in one rename, and what came out at `temp` is checked to be the
 *      entry of step 1 (else they are exchanged back and the new name removed), then removed.
 *
 * So at every instant `name` exists and holds its original bytes. The caller has written and synced
 * the step's journal record (naming `temp`) before the call.
 *
 * nums (Float64Array, NUMS numbers): the entry expected at `name`: dev, ino, size, mtimeMs, mode, uid,
 * gid (-1: not checked); the source expected: dev, ino, size, mtimeMs; the link-count limit (-1: none).
 * Returns LINKED, or a status saying which check failed (nothing changed then); a failed system call
 * throws an Error like node:fs's (.code, .syscall, .path the name given).
 *
 * relinkAt(..., nums, flags): with LATER, the old entry checked at `temp` in step 4 is removed on a
 * background thread (remove_later.c) instead of before the call returns: removing a file's last name
 * waits on the file system, and a merge's removals overlap there. The caller awaits removalsDone()
 * before its run ends; until then a crash leaves the old entry at `temp`, which the journal names.
 * With COMPARE, between steps 2 and 3 both files are opened for reading (never through a link), checked
 * to be the two files expected, and compared byte for byte to the end: DIFFERS when they are not the
 * same bytes (the hash that grouped them is no proof against a file made to collide), nothing changed.
 */
#ifdef __linux__
#define _GNU_SOURCE
#include "file_io.h"
#include "remove_later.h"

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

#define NUMS 12
enum { LINKED = 0, PATH_CHANGED = 1, SOURCE_CHANGED = 2, FULL = 3, SWAPPED = 4, DIFFERS = 5 };
enum { LATER = 1, COMPARE = 2 };
#define BLOCK (256 * 1024)

static double mtime_ms(const struct stat *st) {
  return (double)st->st_mtim.tv_sec * 1000 + (double)st->st_mtim.tv_nsec / 1e6;
}

/* A regular file with the id, size and mtime expected at want[0..4), and owner and mode where given. */
static int is_expected(const struct stat *st, const double *want, int meta) {
  if (!S_ISREG(st->st_mode) || (double)st->st_dev != want[0] || (double)st->st_ino != want[1] ||
      (double)st->st_size != want[2] || mtime_ms(st) != want[3])
    return 0;
  if (!meta) return 1;
  return (want[4] < 0 || (double)st->st_mode == want[4]) && (want[5] < 0 || (double)st->st_uid == want[5]) &&
         (want[6] < 0 || (double)st->st_gid == want[6]);
}

/* Remove the new name at `temp` if it is still the source's (a failed exchange leaves it). */
static void drop_temp(int dirfd, const char *temp, const double *src) {
  struct stat st;
  if (fstatat(dirfd, temp, &st, AT_SYMLINK_NOFOLLOW) == 0 && (double)st.st_dev == src[0] &&
      (double)st.st_ino == src[1])
    unlinkat(dirfd, temp, 0);
}

/* The file `name` in dirfd opened for reading if it is still dev:ino (want[0..2)); -1 when not (errno 0) or on failure. */
static int open_expected(int dirfd, const char *name, const double *want) {
  int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  struct stat st;
  if (fd < 0) return -1;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (double)st.st_dev == want[0] && (double)st.st_ino == want[1])
    return fd;
  close(fd);
  errno = 0;
  return -1;
}

/* LINKED when the path and the source hold the same bytes, DIFFERS when not (or either is not the file
   expected any more), -1 on a failed read (errno). Reads to the end of both: a size is no proof. */
static int same_bytes(int dirfd, const char *name, const double *want, int srcdirfd, const char *srcname,
                      const double *src) {
  static char *ba, *bb; /* kept: relinkAt runs on the calling thread only */
  if ((!ba && !(ba = malloc(BLOCK))) || (!bb && !(bb = malloc(BLOCK)))) return errno = ENOMEM, -1;
  int fa = open_expected(dirfd, name, want);
  if (fa < 0) return errno ? -1 : DIFFERS;
  int fb = open_expected(srcdirfd, srcname, src);
  if (fb < 0) {
    int e = errno;
    close(fa);
    return (errno = e) ? -1 : DIFFERS;
  }
  int rc = DIFFERS;
  for (off_t pos = 0;;) {
    ssize_t na = pread_full(fa, ba, BLOCK, BLOCK, pos), nb = na < 0 ? -1 : pread_full(fb, bb, BLOCK, BLOCK, pos);
    if (na < 0 || nb < 0) { rc = -1; break; }
    if (na != nb || memcmp(ba, bb, (size_t)na) != 0) break;
    if (na < BLOCK) { rc = LINKED; break; }
    pos += na;
  }
  int e = errno;
  close(fa);
  close(fb);
  errno = e;
  return rc;
}

static int exchange(int dirfd, const char *a, const char *b) {
  return (int)syscall(SYS_renameat2, dirfd, a, dirfd, b, RENAME_EXCHANGE);
}

/* Steps 2 and 3: the checked source linked at `temp`. LINKED, a status, or -1 with errno and *syscall. */
static int link_source(int srcdirfd, const char *srcname, const double *src, double limit, int dirfd,
                       const char *temp, const char **syscall) {
  int srcfd = openat(srcdirfd, srcname, O_PATH | O_NOFOLLOW | O_CLOEXEC);
  if (srcfd < 0) return *syscall = "openat", -1;
  struct stat st;
  int rc = fstat(srcfd, &st) < 0 ? (*syscall = "fstat", -1)
           : !is_expected(&st, src, 0) ? SOURCE_CHANGED
           : limit >= 0 && (double)st.st_nlink + 1 > limit ? FULL
           : link_fd(srcfd, dirfd, temp) < 0 ? (*syscall = "linkat", -1)
           : LINKED;
  int saved = errno;
  close(srcfd);
  errno = saved;
  return rc;
}

/* The four steps; -1 with errno, *syscall and *failed (the name the call was about). */
static int relink(int dirfd, const char *name, const char *temp, int srcdirfd, const char *srcname,
                  const double *nums, int flags, const char **syscall, const char **failed) {
  const double *want = nums, *src = nums + 7;
  struct stat st;
  *failed = name;
  if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) return *syscall = "fstatat", -1;
  if (!is_expected(&st, want, 1)) return PATH_CHANGED;
  if (flags & COMPARE) {
    int same = same_bytes(dirfd, name, want, srcdirfd, srcname, src);
    if (same != LINKED) return same < 0 ? (*syscall = "read", -1) : same;
  }
  *failed = srcname;
  int rc = link_source(srcdirfd, srcname, src, nums[11], dirfd, temp, syscall);
  if (rc != LINKED) return rc;
  *failed = name;
  if (exchange(dirfd, temp, name) < 0) {
    int saved = errno;
    drop_temp(dirfd, temp, src);
    errno = saved;
    return *syscall = "renameat2", -1;
  }
  *failed = temp;
  if (fstatat(dirfd, temp, &st, AT_SYMLINK_NOFOLLOW) < 0) return *syscall = "fstatat", -1;
  if ((double)st.st_dev != want[0] || (double)st.st_ino != want[1]) {
    /* another entry was swapped in at `name` after step 1: it goes back, with nothing changed */
    if (exchange(dirfd, temp, name) < 0) return *syscall = "renameat2", -1;
    drop_temp(dirfd, temp, src);
    return SWAPPED;
  }
  if ((flags & LATER) && remove_later(dirfd, temp, want[0], want[1]) == 0) return LINKED;
  if (unlinkat(dirfd, temp, 0) < 0) return *syscall = "unlinkat", -1;
  return LINKED;
}

static napi_value relink_at(napi_env env, napi_callback_info info) {
  static const char usage[] =
      "relinkAt(dirfd: number, name: string, temp: string, srcdirfd: number, srcname: string, nums: Float64Array, flags?: number)";
  size_t argc = 7;
  napi_value argv[7];
  int32_t flags = 0;
  int32_t dirfd = -1, srcdirfd = -1;
  napi_typedarray_type type;
  size_t count = 0;
  void *data = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 6 ||
      napi_get_value_int32(env, argv[0], &dirfd) != napi_ok || napi_get_value_int32(env, argv[3], &srcdirfd) != napi_ok ||
      dirfd < 0 || srcdirfd < 0 || napi_get_typedarray_info(env, argv[5], &type, &count, &data, NULL, NULL) != napi_ok ||
      type != napi_float64_array || count != NUMS) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  if (argc >= 7) napi_get_value_int32(env, argv[6], &flags);
  char *name = path_arg(env, argv[1]), *temp = path_arg(env, argv[2]), *srcname = path_arg(env, argv[4]);
  napi_value result = NULL;
  if (!name || !temp || !srcname) {
    napi_throw_type_error(env, NULL, usage);
  } else {
    const char *syscall = "", *failed = name;
    int rc = relink(dirfd, name, temp, srcdirfd, srcname, data, flags, &syscall, &failed);
    if (rc < 0) result = throw_errno(env, errno, syscall, failed);
    else napi_create_int32(env, rc, &result);
  }
  free(name);
  free(temp);
  free(srcname);
  return result;
}

void relink_at_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "relinkAt", NAPI_AUTO_LENGTH, relink_at, NULL, &fn);
  napi_set_named_property(env, exports, "relinkAt", fn);
  remove_later_export(env, exports);
}
#else
#include "napi_helpers.h"
void relink_at_export(napi_env env, napi_value exports) { (void)env; (void)exports; }
#endif
