#!/usr/bin/env bash
# Builds hub/target/dist/roomhub-hub_VERSION_amd64.deb: jpackage makes the app with its own Java
# runtime and two launchers (roomhub-hub, roomhub-agent) as a .deb under /opt/roomhub-hub; this
# script then adds the systemd units, the default config in /etc/roomhub (conffiles) and the
# maintainer scripts, and repacks it. Run by mvn -Ppackage package (needs jpackage, fakeroot, dpkg-deb).
# Usage: build-deb.sh TARGET_DIR MAVEN_VERSION
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TARGET=$(cd "$1" && pwd)
VERSION=${2%-SNAPSHOT}
NAME=roomhub-hub
WORK=$TARGET/jpackage
DIST=$TARGET/dist
JPACKAGE=${JPACKAGE:-$(command -v jpackage || echo "${JAVA_HOME:-/usr}/bin/jpackage")}
# From jdeps --print-module-deps on the shaded jar, plus service providers jdeps cannot see.
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs

rm -rf "$WORK" "$DIST"
mkdir -p "$WORK/input" "$WORK/deb" "$DIST"
cp "$TARGET/roomhub-hub.jar" "$WORK/input/"
# The agent's own launcher: same jar, the agent command, the small-footprint JVM flags of docs/agent.md.
cat > "$WORK/roomhub-agent.properties" <<PROPS
main-class=org.roomhub.hub.HubCommand
arguments=agent
java-options=-Xms8m -Xmx32m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-UsePerfData
PROPS

"$JPACKAGE" --type deb --name "$NAME" --app-version "$VERSION" \
    --description "Roomhub hub and metrics agent: room objects on a LAN" \
    --vendor Roomhub --copyright "Roomhub authors" \
    --input "$WORK/input" --main-jar roomhub-hub.jar --main-class org.roomhub.hub.HubCommand \
    --add-launcher "roomhub-agent=$WORK/roomhub-agent.properties" \
    --add-modules "$MODULES" \
    --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands" \
    --install-dir /opt --linux-package-name "$NAME" --linux-app-category net \
    --linux-deb-maintainer "Roomhub <roomhub@localhost>" \
    --dest "$WORK/deb"

ROOT=$WORK/root
dpkg-deb -R "$WORK/deb/${NAME}_${VERSION}"*"_amd64.deb" "$ROOT"
install -D -m 0644 "$HERE/roomhub-hub.service" "$ROOT/lib/systemd/system/roomhub-hub.service"
install -D -m 0644 "$HERE/roomhub-agent.service" "$ROOT/lib/systemd/system/roomhub-agent.service"
install -D -m 0644 "$HERE/hub.yaml" "$ROOT/etc/roomhub/hub.yaml"
install -D -m 0640 "$HERE/agent.env" "$ROOT/etc/roomhub/agent.env"
printf '/etc/roomhub/hub.yaml\n/etc/roomhub/agent.env\n' >> "$ROOT/DEBIAN/conffiles"
for script in postinst prerm postrm; do
    install -m 0755 "$HERE/$script" "$ROOT/DEBIAN/$script"
done
# adduser makes the system user; the version drops jpackage's "-1" release so the file is NAME_VERSION_amd64.deb.
sed -i -e "s/^Version: .*/Version: $VERSION/" \
       -e '/^Depends:/ s/$/, adduser/' \
       -e "s/^Installed-Size: .*/Installed-Size: $(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)/" "$ROOT/DEBIAN/control"
grep -q '^Depends:' "$ROOT/DEBIAN/control" || echo 'Depends: adduser' >> "$ROOT/DEBIAN/control"
fakeroot dpkg-deb --build --root-owner-group "$ROOT" "$DIST/${NAME}_${VERSION}_amd64.deb" >/dev/null
rm -rf "$ROOT"
echo "built $DIST/${NAME}_${VERSION}_amd64.deb"
