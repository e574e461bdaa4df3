#include "async_promise.h"
#include "napi_helpers.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const async_call_t *call;
  void *state;
  napi_async_work work;
  napi_deferred deferred;
} pending_t;

static void execute(napi_env env, void *data) {
  (void)env;
  pending_t *p = data;
  p->call->run(p->state);
}

static void complete(napi_env env, napi_status status, void *data) {
  pending_t *p = data;
  napi_value v;
  if (status == napi_ok && p->call->value(env, p->state, &v) == napi_ok) napi_resolve_deferred(env, p->deferred, v);
  else {
    char text[128];
    napi_value msg;
    snprintf(text, sizeof text, "%s failed", p->call->name);
    napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &msg);
    napi_create_error(env, NULL, msg, &v);
    napi_reject_deferred(env, p->deferred, v);
  }
  p->call->release(env, p->state);
  napi_delete_async_work(env, p->work);
  free(p);
}

napi_value queue_promise(napi_env env, const async_call_t *call, void *state) {
  pending_t *p = calloc(1, sizeof *p);
  napi_value promise, name;
  if (p) p->call = call, p->state = state;
  if (!p || napi_create_string_utf8(env, call->name, NAPI_AUTO_LENGTH, &name) != napi_ok ||
      napi_create_promise(env, &p->deferred, &promise) != napi_ok ||
      napi_create_async_work(env, NULL, name, execute, complete, p, &p->work) != napi_ok ||
      napi_queue_async_work(env, p->work) != napi_ok) {
    if (p && p->work) napi_delete_async_work(env, p->work);
    free(p); /* a deferred never settled is collected with its promise */
    call->release(env, state);
    return throw_errno(env, EAGAIN, call->name, "");
  }
  return promise;
}

static napi_status typed_copy(napi_env env, napi_typedarray_type type, const void *v, size_t n, size_t size, napi_value *out) {
  void *data;
  napi_value buf;
  napi_status st = napi_create_arraybuffer(env, n * size, &data, &buf);
  if (st == napi_ok) st = napi_create_typedarray(env, type, n, buf, 0, out);
  if (st == napi_ok && n) memcpy(data, v, n * size);
  return st;
}

napi_status float64s_value(napi_env env, const double *v, size_t n, napi_value *out) {
  return typed_copy(env, napi_float64_array, v, n, sizeof *v, out);
}

napi_status int32s_value(napi_env env, const int32_t *v, size_t n, napi_value *out) {
  return typed_copy(env, napi_int32_array, v, n, sizeof *v, out);
}
