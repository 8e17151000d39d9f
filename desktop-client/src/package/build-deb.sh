#!/usr/bin/env bash
# Builds desktop-client/target/dist/roomhub-desktop_VERSION_amd64.deb with jpackage: the app with its
# own Java runtime under /opt/roomhub-desktop, a menu entry and an icon. Run by mvn -Ppackage package.
# Usage: build-deb.sh TARGET_DIR MAVEN_VERSION
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TARGET=$(cd "$1" && pwd)
VERSION=${2%-SNAPSHOT}
NAME=roomhub-desktop
WORK=$TARGET/jpackage
DIST=$TARGET/dist
JPACKAGE=${JPACKAGE:-$(command -v jpackage || echo "${JAVA_HOME:-/usr}/bin/jpackage")}
# JavaFX (from the class path) needs java.desktop, jdk.jsobject and jdk.unsupported; the embedded hub the rest.
MODULES=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.jsobject,jdk.management,jdk.unsupported,jdk.xml.dom,jdk.zipfs

rm -rf "$WORK" "$DIST"
mkdir -p "$WORK/input" "$WORK/deb" "$DIST"
cp "$TARGET/roomhub-desktop.jar" "$WORK/input/"
"$JPACKAGE" --type deb --name "$NAME" --app-version "$VERSION" \
    --description "Roomhub desktop: live metrics of your machines, chat, a shared map" \
    --vendor Roomhub --copyright "Roomhub authors" \
    --input "$WORK/input" --main-jar roomhub-desktop.jar --main-class org.roomhub.client.Launcher \
    --add-modules "$MODULES" \
    --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands" \
    --icon "$HERE/roomhub-desktop.png" \
    --linux-shortcut --linux-menu-group "Network;Monitor;" --linux-app-category net \
    --install-dir /opt --linux-package-name "$NAME" \
    --linux-deb-maintainer "Roomhub <roomhub@localhost>" \
    --dest "$WORK/deb"
# jpackage names it NAME_VERSION-1_amd64.deb; the release suffix is dropped from the file name only.
mv "$WORK/deb/${NAME}_${VERSION}"*"_amd64.deb" "$DIST/${NAME}_${VERSION}_amd64.deb"
echo "built $DIST/${NAME}_${VERSION}_amd64.deb"
