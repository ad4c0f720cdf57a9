/*
 * BlockPlan's optional native JPEG decoder for Node (CLI, tests, benchmarks): a thin Node-API binding
 * of libjpeg-turbo's TurboJPEG API (the system library, SIMD), making the same call the WebAssembly
 * libjpeg-turbo codec makes — tjDecompress2 to interleaved RGB or to grey, default flags (accurate
 * integer IDCT, fancy upsampling) — so it returns the same samples, faster.
 *
 *   decode(jpeg: Uint8Array, out: Uint8Array, components: 1 | 3): [width, height]
 *
 * Writes width × height × components samples into `out`, which must have exactly that length (the
 * caller reads the size from the frame header first). Throws on any error or warning (corrupt data,
 * premature end, a size that does not match): the caller then uses the WebAssembly decoder, so a
 * damaged frame gets exactly the result it gets without this module.
 *
 * Built by scripts/build-native.mjs (Linux, with libturbojpeg's headers); never required.
 */
#include <node_api.h>
#include <turbojpeg.h>
#include <jconfig.h>
#include <stdio.h>
#include <stdlib.h>

/* One decompressor per Node environment (main thread or worker thread), freed with it. */
typedef struct {
  tjhandle handle;
} instance_t;

static void finalize_instance(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  instance_t *inst = (instance_t *)data;
  if (inst->handle) tjDestroy(inst->handle);
  free(inst);
}

static napi_value fail(napi_env env, const char *msg) {
  napi_throw_error(env, NULL, msg);
  return NULL;
}

static int bytes_of(napi_env env, napi_value v, unsigned char **data, size_t *len) {
  napi_typedarray_type type;
  size_t length;
  void *ptr;
  napi_value buf;
  size_t offset;
  bool is_ta = false;
  if (napi_is_typedarray(env, v, &is_ta) != napi_ok || !is_ta) return 0;
  if (napi_get_typedarray_info(env, v, &type, &length, &ptr, &buf, &offset) != napi_ok) return 0;
  if (type != napi_uint8_array && type != napi_uint8_clamped_array) return 0;
  *data = (unsigned char *)ptr;
  *len = length;
  return 1;
}

static napi_value decode(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 3) return fail(env, "decode(jpeg, out, components) takes 3 arguments");
  unsigned char *jpeg, *out;
  size_t jpeg_len, out_len;
  uint32_t components;
  if (!bytes_of(env, argv[0], &jpeg, &jpeg_len)) return fail(env, "jpeg must be a Uint8Array");
  if (!bytes_of(env, argv[1], &out, &out_len)) return fail(env, "out must be a Uint8Array");
  if (napi_get_value_uint32(env, argv[2], &components) != napi_ok || (components != 1 && components != 3)) return fail(env, "components must be 1 or 3");
  if (jpeg_len == 0 || jpeg_len > 0xffffffffUL) return fail(env, "empty or oversized codestream");
  instance_t *inst = NULL;
  if (napi_get_instance_data(env, (void **)&inst) != napi_ok || !inst) return fail(env, "the module was not initialised");
  if (!inst->handle && !(inst->handle = tjInitDecompress())) return fail(env, "tjInitDecompress failed");
  tjhandle handle = inst->handle;

  int width = 0, height = 0, subsamp = 0, colorspace = 0;
  if (tjDecompressHeader3(handle, jpeg, (unsigned long)jpeg_len, &width, &height, &subsamp, &colorspace) != 0) return fail(env, tjGetErrorStr2(handle));
  if (width <= 0 || height <= 0 || (size_t)width * (size_t)height * components != out_len) {
    char msg[160];
    snprintf(msg, sizeof msg, "the codestream is %d x %d, the output holds %zu samples for %u component(s)", width, height, out_len, components);
    return fail(env, msg);
  }
  /* A warning (TJERR_WARNING) is reported as an error too: the caller falls back to WebAssembly. */
  if (tjDecompress2(handle, jpeg, (unsigned long)jpeg_len, out, width, 0, height, components == 1 ? TJPF_GRAY : TJPF_RGB, 0) != 0) return fail(env, tjGetErrorStr2(handle));

  napi_value result, w, h;
  napi_create_array_with_length(env, 2, &result);
  napi_create_int32(env, width, &w);
  napi_create_int32(env, height, &h);
  napi_set_element(env, result, 0, w);
  napi_set_element(env, result, 1, h);
  return result;
}

static napi_value version(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value v;
  char s[32];
#ifdef LIBJPEG_TURBO_VERSION_NUMBER
  snprintf(s, sizeof s, "%d.%d.%d", LIBJPEG_TURBO_VERSION_NUMBER / 1000000, (LIBJPEG_TURBO_VERSION_NUMBER / 1000) % 1000, LIBJPEG_TURBO_VERSION_NUMBER % 1000);
#else
  snprintf(s, sizeof s, "unknown");
#endif
  napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
  return v;
}

static napi_value init(napi_env env, napi_value exports) {
  instance_t *inst = (instance_t *)calloc(1, sizeof *inst);
  if (!inst || napi_set_instance_data(env, inst, finalize_instance, NULL) != napi_ok) {
    free(inst);
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  napi_property_descriptor props[] = {
      {"decode", NULL, decode, NULL, NULL, NULL, napi_enumerable, NULL},
      {"version", NULL, version, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, 2, props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
