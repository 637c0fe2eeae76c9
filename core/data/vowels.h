#pragma once
// The Peterson & Barney (1952) vowel formants, as used by Jacobs, Jordan, Nowlan & Hinton (1991).
#include <string_view>

#include "data/dataset.h"

namespace moelab {

// Speaker groups of the table, in speaker order: men 1-33, women 34-61, children 62-76.
enum class VowelSubset {
    PaperFour,  // [i] heed, [I] hid, [a] hod, [A] hud: the four vowels of the 1991 paper
    AllTen,     // iy ih eh ae ah aa ao uh uw er
};

// Features F1 (Hz), F2 (Hz); groups = speaker number. The split is assigned: within each speaker
// group (men, women, children) in speaker order, every third speaker (the 3rd, 6th, 9th, ...) is a
// test speaker, so no speaker has tokens on both sides. That is 25 test speakers (3, 6, ..., 33;
// 36, 39, ..., 60; 64, 67, ..., 76) and 51 training speakers; for the four vowels, 200 test tokens
// and 408 training tokens.
Dataset load_vowels(VowelSubset subset);

// The same from CSV text with the columns of datasets/peterson_barney_1952.csv (for tests).
Dataset parse_vowels(std::string_view csv_text, std::string_view source, VowelSubset subset);

}  // namespace moelab
