/* Small file and path helpers shared by the addon's C files. */
#ifndef LINKSCOPE_FILE_IO_H
#define LINKSCOPE_FILE_IO_H
#include <stddef.h>
#include <sys/types.h>

/*
 * Read up to `want` bytes at `pos`: the count, or -1 with errno set. A read that asked for more and has
 * got exactly `end` bytes stops there: a regular file reads short only at its end, so no read of 0 bytes
 * is needed to prove it (pass end = want when the end is not known).
 */
ssize_t pread_full(int fd, char *buf, size_t want, size_t end, off_t pos);
/* `dir` + "/" + `name` (no separator doubled) as a malloc'ed string, or NULL. */
char *path_join(const char *dir, size_t dlen, const char *name, size_t nlen);
/* Point at[0..count) to the NUL-ended paths of `joined` (len bytes); 0 when there are fewer. */
int split_paths(char *joined, size_t len, const char **at, size_t count);

#endif
