#!/usr/bin/env bash
# Builds desktop-client/target/dist/roomhub-desktop_VERSION_amd64.deb: the app with its own Java
# runtime under /opt/roomhub-desktop (made by jpackage), a menu entry and an icon.
# Run by mvn -Ppackage package (needs jpackage, fakeroot, dpkg-deb). Usage: build-deb.sh TARGET_DIR MAVEN_VERSION
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TARGET=$(cd "$1" && pwd)
VERSION=${2%-SNAPSHOT}
NAME=roomhub-desktop
WORK=$TARGET/jpackage
DIST=$TARGET/dist
ROOT=$WORK/root
. "$HERE/../../../packaging/deb-common.sh"
# JavaFX (from the class path) needs java.desktop, jdk.jsobject and jdk.unsupported; the embedded hub the rest.
MODULES=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.jsobject,jdk.management,jdk.unsupported,jdk.xml.dom,jdk.zipfs

rm -rf "$WORK" "$DIST"
mkdir -p "$WORK/input" "$ROOT/opt" "$DIST"
cp "$TARGET/roomhub-desktop.jar" "$WORK/input/"
app_image "$NAME" "$WORK/input" roomhub-desktop.jar org.roomhub.client.Launcher "$MODULES" "$ROOT/opt" \
    --description "Roomhub desktop" --icon "$HERE/roomhub-desktop.png"
install -D -m 0644 "$HERE/roomhub-desktop.png" "$ROOT/usr/share/icons/hicolor/256x256/apps/roomhub-desktop.png"
install -D -m 0644 "$HERE/roomhub-desktop.desktop" "$ROOT/usr/share/applications/roomhub-desktop.desktop"
DEPENDS=$(shlib_depends "$ROOT/opt/$NAME")
# JavaFX unpacks its GTK glass library from the jar at run time: the scan cannot see that it needs GTK 3.
control "$ROOT" "$NAME" "${DEPENDS:-libc6}, libgtk-3-0" "Roomhub desktop: live metrics of your machines, chat, a shared map
 Charts the machines publishing to a Roomhub hub, with chat, a shared map and a live view of the
 hub's room objects. Runs its own hub on loopback when none is given." net
install -m 0755 "$HERE/postinst" "$ROOT/DEBIAN/postinst"
install -m 0755 "$HERE/postinst" "$ROOT/DEBIAN/postrm"
pack "$ROOT" "$DIST/${NAME}_${VERSION}_amd64.deb"
rm -rf "$ROOT"
