#ifndef SLANT_CZLIB_SHIM_H
#define SLANT_CZLIB_SHIM_H
/*
 * zlib from the system (Debian: zlib1g-dev): inflating the gzip members of
 * WARC files and the gzip or deflate bodies of HTTP responses they hold.
 */
#include <zlib.h>

/* inflateInit2 is a macro in zlib.h, which Swift cannot call. */
static inline int slant_inflate_init(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

/* deflateInit2 likewise (tests and benchmarks write gzip members with it). */
static inline int slant_deflate_init(z_stream *stream, int level, int window_bits) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
}
#endif
