// Byte masks that Swift's SIMD types cannot express directly: which of 16 bytes equal a
// given byte, as the 16 bits of one `pmovmskb` on x86-64 (SSE2 is part of every x86-64 CPU).
// Elsewhere a plain loop gives the same bits. Inline, so Swift code compiles them in place.
#ifndef ELIGO_CBYTESCAN_H
#define ELIGO_CBYTESCAN_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>

/// Bit i is set when p[i] is a double quote (low 16 bits) or a comma (high 16 bits).
static inline uint32_t eligo_quotes_and_commas16(const uint8_t *p) {
    __m128i chunk = _mm_loadu_si128((const __m128i *)p);
    uint32_t quotes = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('"')));
    uint32_t commas = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(',')));
    return quotes | (commas << 16);
}
#else
static inline uint32_t eligo_quotes_and_commas16(const uint8_t *p) {
    uint32_t quotes = 0, commas = 0;
    for (int i = 0; i < 16; i++) {
        quotes |= (uint32_t)(p[i] == '"') << i;
        commas |= (uint32_t)(p[i] == ',') << i;
    }
    return quotes | (commas << 16);
}
#endif

#endif
