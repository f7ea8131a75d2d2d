// UTF-8 decoding, repair and code point bookkeeping. Hand-written because it
// sits on the hot path of every stage.
#ifndef SITREP_BASE_UTF8_H_
#define SITREP_BASE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes one code point at s[*pos], advancing *pos. Returns -1 (and
// advances by one byte) on an invalid or truncated sequence.
int32_t DecodeUtf8(std::string_view s, size_t* pos);

void AppendUtf8(char32_t cp, std::string* out);

// Copies `in` to `out`, replacing each invalid byte with U+FFFD. Returns the
// number of invalid bytes (0 when `in` was valid UTF-8).
size_t RepairUtf8(std::string_view in, std::string* out);

size_t CountCodePoints(std::string_view s);

// Byte offset -> code point offset for one (valid UTF-8) text, in O(1) per
// query after an O(n) build that keeps one checkpoint every 64 bytes.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text);
  int64_t ToCodePoint(size_t byte_offset) const;

 private:
  std::string_view text_;
  std::vector<uint32_t> checkpoints_;  // code points before byte i*64
};

}  // namespace sitrep

#endif  // SITREP_BASE_UTF8_H_
