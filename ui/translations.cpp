#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace moelab {

namespace {

bool isChinese(const QString& language) {
    return language.startsWith(QStringLiteral("zh"), Qt::CaseInsensitive);
}

}  // namespace

QString installTranslators(QCoreApplication& app, const QString& language) {
    QString wanted = language.trimmed();
    if (wanted.isEmpty()) {
        // Traditional Chinese readers get the Simplified translation too: closer than English.
        wanted = QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN")
                                                                  : QStringLiteral("en");
    }
    if (!isChinese(wanted)) {
        // The source strings are English; this file only adds the plural forms ("1 expert").
        auto* english = new QTranslator(&app);
        if (english->load(QStringLiteral(":/i18n/moelab_en.qm")))
            QCoreApplication::installTranslator(english);
        else
            delete english;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        return QStringLiteral("en");
    }

    const QLocale chinese(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China);
    auto* own = new QTranslator(&app);
    if (own->load(QStringLiteral(":/i18n/moelab_zh_CN.qm"))) {
        QCoreApplication::installTranslator(own);
    } else {
        delete own;
        return QStringLiteral("en");
    }
    // Qt's own strings (file dialogs, "OK"/"Cancel") when the system ships them.
    auto* qt = new QTranslator(&app);
    if (qt->load(chinese, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QLocale::setDefault(chinese);
    return QStringLiteral("zh_CN");
}

QString requestedLanguage(const QStringList& arguments) {
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (argument == QStringLiteral("--lang") && i + 1 < arguments.size())
            return arguments[i + 1];
        if (argument.startsWith(QStringLiteral("--lang="))) return argument.mid(7);
    }
    return {};
}

}  // namespace moelab
