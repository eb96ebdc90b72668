// Byte masks that Swift's SIMD types cannot express directly: which of 16 bytes are quotes
// (or commas), as the 16 bits of one `pmovmskb` on x86-64 (SSE2 is part of every x86-64 CPU),
// and whether any byte of a text needs JSON escaping or CSV quotes. Elsewhere a plain loop
// gives the same bits. Inline, so Swift code compiles them in place.
#ifndef ELIGO_CBYTESCAN_H
#define ELIGO_CBYTESCAN_H

#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>

static inline uint32_t eligo_equal16(__m128i chunk, char byte) {
    return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(byte)));
}

/// Bit i is set when p[i] is a double quote.
static inline uint32_t eligo_quotes16(const uint8_t *p) {
    return eligo_equal16(_mm_loadu_si128((const __m128i *)p), '"');
}

/// Bit i is set when p[i] is a double quote (low 16 bits) or a comma (high 16 bits).
static inline uint32_t eligo_quotes_and_commas16(const uint8_t *p) {
    __m128i chunk = _mm_loadu_si128((const __m128i *)p);
    return eligo_equal16(chunk, '"') | (eligo_equal16(chunk, ',') << 16);
}

/// Whether any of the `n` bytes at `p` must be escaped in a JSON string: a control byte (below
/// 0x20), a double quote or a backslash. Sixteen bytes at a time; most text has none.
static inline int eligo_json_needs_escape(const uint8_t *p, size_t n) {
    size_t i = 0;
    const __m128i controls = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    for (; i + 16 <= n; i += 16) {
        __m128i chunk = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i hit = _mm_or_si128(
            _mm_cmpeq_epi8(_mm_min_epu8(chunk, controls), chunk),
            _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)));
        if (_mm_movemask_epi8(hit)) return 1;
    }
    for (; i < n; i++) if (p[i] < 0x20 || p[i] == '"' || p[i] == '\\') return 1;
    return 0;
}

/// Whether any of the `n` bytes at `p` makes a CSV cell need quotes: a comma, a double quote
/// or a line break (LF or CR). Sixteen bytes at a time.
static inline int eligo_csv_needs_quotes(const uint8_t *p, size_t n) {
    size_t i = 0;
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
        __m128i chunk = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(chunk, comma), _mm_cmpeq_epi8(chunk, quote)),
            _mm_or_si128(_mm_cmpeq_epi8(chunk, lf), _mm_cmpeq_epi8(chunk, cr)));
        if (_mm_movemask_epi8(hit)) return 1;
    }
    for (; i < n; i++) if (p[i] == ',' || p[i] == '"' || p[i] == '\n' || p[i] == '\r') return 1;
    return 0;
}
#else
/// Whether any of the `n` bytes at `p` makes a CSV cell need quotes: a comma, a double quote
/// or a line break (LF or CR).
static inline int eligo_csv_needs_quotes(const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) if (p[i] == ',' || p[i] == '"' || p[i] == '\n' || p[i] == '\r') return 1;
    return 0;
}

/// Whether any of the `n` bytes at `p` must be escaped in a JSON string: a control byte (below
/// 0x20), a double quote or a backslash.
static inline int eligo_json_needs_escape(const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) if (p[i] < 0x20 || p[i] == '"' || p[i] == '\\') return 1;
    return 0;
}

static inline uint32_t eligo_equal16(const uint8_t *p, uint8_t byte) {
    uint32_t bits = 0;
    for (int i = 0; i < 16; i++) bits |= (uint32_t)(p[i] == byte) << i;
    return bits;
}

/// Bit i is set when p[i] is a double quote.
static inline uint32_t eligo_quotes16(const uint8_t *p) { return eligo_equal16(p, '"'); }

/// Bit i is set when p[i] is a double quote (low 16 bits) or a comma (high 16 bits).
static inline uint32_t eligo_quotes_and_commas16(const uint8_t *p) {
    return eligo_equal16(p, '"') | (eligo_equal16(p, ',') << 16);
}
#endif

#endif
