// Force-included (-include) into every translation unit by GCC before version 13 (see
// CMakeLists.txt). Not part of the project's code.
//
// Why: GCC 12's AVX-512 intrinsics build an "undefined" vector as `__m512 __Y = __Y;`
// (_mm512_undefined_ps and friends in avx512fintrin.h). Once Eigen's packet code is inlined into
// our functions, -Wmaybe-uninitialized reports that self-initialisation at the intrinsic's line
// (GCC bug 105593, fixed in GCC 13). The warning depends on the target flags, not on our code:
// -march=x86-64-v4, or -march=native on an AVX-512 CPU, turns a clean build red.
//
// How: GCC decides whether a diagnostic is suppressed by the #pragma state at the location the
// diagnostic points to, looking at the innermost inlined location first. Including the intrinsic
// headers here, first and under an "ignored" pragma, marks the intrinsics' own lines as ignored and
// nothing else: a maybe-uninitialized variable in our code is still an error.
#if defined(__GNUC__) && !defined(__clang__) && (defined(__x86_64__) || defined(__i386__))
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#endif
