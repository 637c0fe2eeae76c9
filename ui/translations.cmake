# The UI's translations: every tr() string of moelab_ui, the knob table's texts (marked with
# MOELAB_TRANSLATE_NOOP in the Qt-free core, which lupdate reads as QT_TRANSLATE_NOOP) and the
# desktop app's command-line help, in resources/translations/*.ts, compiled to .qm at build time and
# embedded as resources under :/i18n (moelab::installTranslators loads them).
# `ninja update_translations` re-collects the strings into the .ts files (lupdate keeps the
# translations already made); edit moelab_zh_CN.ts with Qt Linguist or by hand.
set(MOELAB_TRANSLATIONS_DIR ${CMAKE_CURRENT_LIST_DIR}/../resources/translations)
qt_add_translations(moelab_ui
    TS_FILES
        ${MOELAB_TRANSLATIONS_DIR}/moelab_zh_CN.ts
        ${MOELAB_TRANSLATIONS_DIR}/moelab_en.ts
    SOURCES
        ${MOELAB_UI_SOURCES}
        ${PROJECT_SOURCE_DIR}/core/training/knobs.cpp
        ${PROJECT_SOURCE_DIR}/app/app_options.cpp
    RESOURCE_PREFIX /i18n
    # No line numbers in the .ts files: they would change with every edit of the code.
    LUPDATE_OPTIONS -locations none -no-obsolete
        -tr-function-alias QT_TRANSLATE_NOOP+=MOELAB_TRANSLATE_NOOP
    LRELEASE_OPTIONS -silent)
