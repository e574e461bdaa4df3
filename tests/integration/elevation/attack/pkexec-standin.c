/*
 * What pkexec does once the person has approved: become root entirely and run the given program with a
 * clean environment, keeping standard input and output. Installed setuid root by the tests, which cannot
 * answer a polkit prompt.
 *   pkexec-standin PROGRAM [ARGS...]
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: pkexec-standin PROGRAM [ARGS...]\n"); return 127; }
  if (setresgid(0, 0, 0) != 0 || setresuid(0, 0, 0) != 0) { perror("setresuid"); return 127; }
  char *env[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL };
  execve(argv[1], argv + 1, env);
  perror("execve");
  return 127;
}
