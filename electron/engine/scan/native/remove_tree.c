/*
 * removeTree(path) → number of entries removed: delete a folder tree (POSIX), never following a link.
 * Each folder is opened relative to its parent's handle (O_DIRECTORY | O_NOFOLLOW), read once, and its
 * entries removed relative to that handle (unlinkat), as rm -rf does: a file costs one system call and
 * no walk of its whole path, where node:fs would walk every component of the full path again.
 *
 * Throws an Error like node:fs's (.code the errno name, .syscall, .path the folder) on the first failure;
 * what was removed stays removed. ELOOP (syscall "depth") when folders nest deeper than MAX_DEPTH, as each
 * level holds a handle: the caller then leaves the rest to node:fs.
 */
#define _GNU_SOURCE
#include "napi_helpers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DEPTH 256

typedef struct {
  double removed;
  const char *syscall;
} removal_t;

static int is_folder(int dirfd, const struct dirent *e) {
  if (e->d_type != DT_UNKNOWN) return e->d_type == DT_DIR;
  struct stat st;
  return fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
}

/* Empty the folder open as `fd` (closed here). 0, or an errno with r->syscall set. */
static int empty_folder(int fd, int depth, removal_t *r) {
  DIR *d = fdopendir(fd);
  if (!d) {
    int e = errno;
    close(fd);
    r->syscall = "fdopendir";
    return e;
  }
  int err = 0;
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(d);
    if (!e) {
      if (errno) r->syscall = "readdir", err = errno;
      break;
    }
    const char *name = e->d_name;
    if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
    /* Entries removed behind the reader may still be listed once: already gone is done. */
    if (!is_folder(fd, e)) {
      if (unlinkat(fd, name, 0) == 0 || errno == ENOENT) {
        r->removed++;
        continue;
      }
      if (errno != EISDIR) {
        r->syscall = "unlink", err = errno;
        break;
      }
    }
    if (depth >= MAX_DEPTH) {
      r->syscall = "depth", err = ELOOP;
      break;
    }
    int sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub < 0) {
      if (errno == ENOENT) continue;
      r->syscall = "open", err = errno;
      break;
    }
    if ((err = empty_folder(sub, depth + 1, r))) break;
    if (unlinkat(fd, name, AT_REMOVEDIR) != 0 && errno != ENOENT) {
      r->syscall = "rmdir", err = errno;
      break;
    }
    r->removed++;
  }
  closedir(d);
  return err;
}

static napi_value remove_tree(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char *path = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 || !(path = path_arg(env, argv[0]))) {
    napi_throw_type_error(env, NULL, "removeTree(path: string)");
    return NULL;
  }
  removal_t r = { 0, NULL };
  int err = 0;
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) r.syscall = "open", err = errno;
  else if (!(err = empty_folder(fd, 0, &r))) {
    if (rmdir(path) != 0) r.syscall = "rmdir", err = errno;
    else r.removed++;
  }
  napi_value result = NULL;
  if (err) throw_errno(env, err, r.syscall, path);
  else napi_create_double(env, r.removed, &result);
  free(path);
  return result;
}

void remove_tree_export(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "removeTree", NAPI_AUTO_LENGTH, remove_tree, NULL, &fn);
  napi_set_named_property(env, exports, "removeTree", fn);
}
