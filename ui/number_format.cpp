#include "number_format.h"

#include <QLocale>

namespace moelab {

QString format_count(long long count) {
    return QLocale().toString(static_cast<qlonglong>(count));
}

}  // namespace moelab
