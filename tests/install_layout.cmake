# Installs the build into PREFIX and checks the layout and that the installed programs run.
# Called by CTest (tests/CMakeLists.txt) with -DBUILD_DIR, -DPREFIX and -DWITH_UI.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE result OUTPUT_QUIET ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${result}): ${errors}")
endif()
set(expected bin/moelab-cli share/moelab/datasets/peterson_barney_1952.csv
             share/moelab/datasets/README.md)
if(WITH_UI)
    list(APPEND expected bin/moelab share/applications/moelab.desktop
         share/icons/hicolor/scalable/apps/moelab.svg share/mime/packages/moelab-session.xml)
endif()
foreach(path IN LISTS expected)
    if(NOT EXISTS "${PREFIX}/${path}")
        message(FATAL_ERROR "cmake --install did not write ${PREFIX}/${path}")
    endif()
endforeach()
execute_process(COMMAND "${PREFIX}/bin/moelab-cli" --version RESULT_VARIABLE result
                OUTPUT_VARIABLE version)
if(NOT result EQUAL 0 OR NOT version MATCHES "[0-9]+\\.[0-9]+\\.[0-9]+")
    message(FATAL_ERROR "the installed moelab-cli --version said '${version}' (${result})")
endif()
if(WITH_UI)
    execute_process(COMMAND "${PREFIX}/bin/moelab" --version RESULT_VARIABLE result
                    OUTPUT_VARIABLE version ERROR_VARIABLE app_errors)
    if(NOT result EQUAL 0 OR NOT version MATCHES "[0-9]+\\.[0-9]+\\.[0-9]+")
        message(FATAL_ERROR "the installed moelab --version said '${version}${app_errors}'")
    endif()
    file(READ "${PREFIX}/share/applications/moelab.desktop" desktop)
    if(NOT desktop MATCHES "Exec=moelab" OR NOT desktop MATCHES "Icon=moelab")
        message(FATAL_ERROR "moelab.desktop does not start moelab with its icon")
    endif()
    # The session type: the desktop file opens it, the MIME package declares it by its suffix.
    file(READ "${PREFIX}/share/mime/packages/moelab-session.xml" mime)
    if(NOT desktop MATCHES "MimeType=application/x-moelab-session;" OR NOT desktop MATCHES "%f"
       OR NOT mime MATCHES "type=\"application/x-moelab-session\""
       OR NOT mime MATCHES "pattern=\"\*\.moelab\"")
        message(FATAL_ERROR "moelab.desktop and moelab-session.xml do not register .moelab files")
    endif()
    # Where shared-mime-info is installed, it must accept the package.
    find_program(UPDATE_MIME_DATABASE update-mime-database)
    if(UPDATE_MIME_DATABASE)
        execute_process(COMMAND "${UPDATE_MIME_DATABASE}" "${PREFIX}/share/mime"
                        RESULT_VARIABLE result ERROR_VARIABLE mime_errors)
        if(NOT result EQUAL 0 OR NOT EXISTS "${PREFIX}/share/mime/application/x-moelab-session.xml")
            message(FATAL_ERROR "update-mime-database refused moelab-session.xml: ${mime_errors}")
        endif()
    endif()
endif()
message(STATUS "installed and ran from ${PREFIX}")
