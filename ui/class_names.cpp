#include "class_names.h"

#include <QCoreApplication>
#include <string>
#include <string_view>

#include "data/synthetic.h"

namespace moelab {

namespace {

// Fashion-MNIST's classes in label order (data/fashion_mnist.h), for the translators.
constexpr const char* fashion_names[] = {
    QT_TRANSLATE_NOOP("ClassNames", "T-shirt/top"), QT_TRANSLATE_NOOP("ClassNames", "Trouser"),
    QT_TRANSLATE_NOOP("ClassNames", "Pullover"),    QT_TRANSLATE_NOOP("ClassNames", "Dress"),
    QT_TRANSLATE_NOOP("ClassNames", "Coat"),        QT_TRANSLATE_NOOP("ClassNames", "Sandal"),
    QT_TRANSLATE_NOOP("ClassNames", "Shirt"),       QT_TRANSLATE_NOOP("ClassNames", "Sneaker"),
    QT_TRANSLATE_NOOP("ClassNames", "Bag"),         QT_TRANSLATE_NOOP("ClassNames", "Ankle boot"),
};

}  // namespace

QString class_label(const Dataset& dataset, int class_index) {
    if (class_index < 0 || class_index >= dataset.classes()) return QString::number(class_index);
    const std::string& name = dataset.class_names[static_cast<size_t>(class_index)];
    if (dataset.name == "fashion-mnist") {
        for (const char* known : fashion_names)
            if (name == known) return QCoreApplication::translate("ClassNames", known);
    }
    // The generated sets name their classes "class 0", "class 1" (core/data/synthetic.cpp).
    if (is_synthetic_dataset(dataset.name) && name == "class " + std::to_string(class_index))
        return QCoreApplication::translate("ClassNames", "class %1").arg(class_index);
    return QString::fromStdString(name);
}

}  // namespace moelab
