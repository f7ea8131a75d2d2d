// Code point offsets (as events' evidence gives them) -> the UTF-8 text
// between them. Shared by the store implementations.
#ifndef SITREP_STORE_CODE_POINT_SLICER_H_
#define SITREP_STORE_CODE_POINT_SLICER_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace sitrep {

class CodePointSlicer {
 public:
  explicit CodePointSlicer(const std::string& text) : text_(text) {
    for (size_t i = 0; i < text.size(); ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
        starts_.push_back(static_cast<uint32_t>(i));
    starts_.push_back(static_cast<uint32_t>(text.size()));
  }
  std::string Slice(int64_t begin, int64_t end) const {
    int64_t n = static_cast<int64_t>(starts_.size()) - 1;
    begin = std::clamp<int64_t>(begin, 0, n);
    end = std::clamp<int64_t>(end, begin, n);
    return text_.substr(starts_[begin], starts_[end] - starts_[begin]);
  }

 private:
  const std::string& text_;
  std::vector<uint32_t> starts_;
};

}  // namespace sitrep

#endif  // SITREP_STORE_CODE_POINT_SLICER_H_
