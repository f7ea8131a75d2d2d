// Stable, machine-independent hashing for ids and artifact checksums.
#ifndef SITREP_BASE_HASH_H_
#define SITREP_BASE_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace sitrep {

// 64-bit FNV-1a; `seed` chains several pieces.
uint64_t Fnv1a64(std::string_view data, uint64_t seed = 14695981039346656037ull);
// 64-bit xxHash (XXH64, Yann Collet's specification): four independent
// lanes of 8 bytes, several GB/s, for checksums of large files (the syntax
// models); the same value as the reference implementation.
uint64_t XxHash64(std::string_view data, uint64_t seed = 0);
// 16 lower-case hex digits.
std::string Hex64(uint64_t v);

}  // namespace sitrep

#endif  // SITREP_BASE_HASH_H_
