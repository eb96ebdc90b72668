// Byte masks that Swift's SIMD types cannot express directly: which of 16 bytes are quotes
// (or commas), as the 16 bits of one `pmovmskb` on x86-64 (SSE2 is part of every x86-64 CPU).
// Elsewhere a plain loop gives the same bits. Inline, so Swift code compiles them in place.
#ifndef ELIGO_CBYTESCAN_H
#define ELIGO_CBYTESCAN_H

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
#else
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
