/*
 * An attacker's tool for the race tests: exchanges two names (renameat2 RENAME_EXCHANGE) as fast as it
 * can for a bounded time, so that a check made on one name is followed by an act on the other.
 *   exchange A B MILLISECONDS   → prints the number of exchanges made, when the time is up or on SIGTERM
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static volatile sig_atomic_t stop;
static void on_term(int sig) { (void)sig; stop = 1; }

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: exchange A B MILLISECONDS\n"); return 2; }
  long long end = now_ms() + atoll(argv[3]);
  long long n = 0;
  signal(SIGTERM, on_term);
  while (!stop && now_ms() < end) {
    for (int i = 0; i < 256; i++) if (syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], 2 /* RENAME_EXCHANGE */) == 0) n++;
  }
  printf("%lld\n", n);
  return 0;
}
