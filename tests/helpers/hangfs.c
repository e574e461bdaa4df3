/*
 * hangfs MOUNTPOINT SECONDS: a FUSE file system that answers INIT and nothing else, so every later request
 * on it waits, as on a dead network mount. It never reads those requests, so a waiting thread can still be
 * killed (the kernel drops a request no server has taken). Bounded: after SECONDS, or on SIGTERM, it
 * unmounts lazily and exits; closing /dev/fuse then fails every request still waiting.
 * Prints "ready" once mounted and initialised. Needs root (mount(2)) and /dev/fuse.
 */
#include <fcntl.h>
#include <linux/fuse.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

static const char *mountpoint;

static void finish(int sig) {
  (void)sig;
  umount2(mountpoint, MNT_DETACH);
  _exit(0);
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: hangfs MOUNTPOINT SECONDS\n"); return 2; }
  mountpoint = argv[1];
  int fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
  if (fd < 0) { perror("hangfs: /dev/fuse"); return 1; }
  char options[128];
  snprintf(options, sizeof options, "fd=%d,rootmode=40000,user_id=0,group_id=0,allow_other", fd);
  signal(SIGALRM, finish);
  signal(SIGTERM, finish);
  alarm((unsigned)atoi(argv[2]));
  if (mount("hangfs", mountpoint, "fuse", MS_NOSUID | MS_NODEV, options) != 0) { perror("hangfs: mount"); return 1; }
  static char buf[1 << 17]; /* at least FUSE_MIN_READ_BUFFER */
  ssize_t n = read(fd, buf, sizeof buf);
  const struct fuse_in_header *in = (const void *)buf;
  if (n < (ssize_t)(sizeof *in + sizeof(struct fuse_init_in)) || in->opcode != FUSE_INIT) {
    fprintf(stderr, "hangfs: expected INIT first\n");
    finish(0);
  }
  const struct fuse_init_in *init = (const void *)(buf + sizeof *in);
  struct { struct fuse_out_header head; struct fuse_init_out body; } out;
  memset(&out, 0, sizeof out);
  out.head.len = sizeof out;
  out.head.unique = in->unique;
  out.body.major = FUSE_KERNEL_VERSION;
  out.body.minor = init->minor < FUSE_KERNEL_MINOR_VERSION ? init->minor : FUSE_KERNEL_MINOR_VERSION;
  out.body.max_readahead = init->max_readahead;
  out.body.max_write = 4096;
  if (write(fd, &out, sizeof out) != (ssize_t)sizeof out) { perror("hangfs: INIT reply"); finish(0); }
  printf("ready\n");
  fflush(stdout);
  for (;;) pause(); /* never read again: every request stays queued, unanswered */
}
