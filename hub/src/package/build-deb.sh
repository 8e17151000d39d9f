#!/usr/bin/env bash
# Builds hub/target/dist/roomhub-hub_VERSION_amd64.deb: the hub with its own Java runtime under
# /opt/roomhub-hub (launchers roomhub-hub and roomhub-agent, made by jpackage), the systemd units,
# the default config in /etc/roomhub (conffiles) and the maintainer scripts.
# Run by mvn -Ppackage package (needs jpackage, fakeroot, dpkg-deb). Usage: build-deb.sh TARGET_DIR MAVEN_VERSION
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TARGET=$(cd "$1" && pwd)
VERSION=${2%-SNAPSHOT}
NAME=roomhub-hub
WORK=$TARGET/jpackage
DIST=$TARGET/dist
ROOT=$WORK/root
. "$HERE/../../../packaging/deb-common.sh"
# From jdeps --print-module-deps on the shaded jar, plus service providers jdeps cannot see, minus
# java.desktop: jdeps names it only for code a server never runs (JNA's and OSHI's window and
# drag-and-drop helpers, JGroups' demos and DISCARD's Swing dialog, SnakeYAML's bean introspector,
# Micrometer's Log4j binder, Jackson's optional java.beans annotations). Bundled, it brought
# libawt_xawt and libjsound, so the package depended on X11 and ALSA libraries a server lacks.
MODULES=java.base,java.compiler,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs

rm -rf "$WORK" "$DIST"
mkdir -p "$WORK/input" "$ROOT/opt" "$DIST"
cp "$TARGET/roomhub-hub.jar" "$WORK/input/"
# The agent's own launcher: same jar, the agent command, the small-footprint JVM flags of docs/agent.md.
cat > "$WORK/roomhub-agent.properties" <<PROPS
main-class=org.roomhub.hub.AgentMain
java-options=-Xms8m -Xmx32m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=48m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-UsePerfData
PROPS
app_image "$NAME" "$WORK/input" roomhub-hub.jar org.roomhub.hub.HubCommand "$MODULES" "$ROOT/opt" \
    --description "Roomhub hub and metrics agent" --add-launcher "roomhub-agent=$WORK/roomhub-agent.properties"

install -D -m 0644 "$HERE/roomhub-hub.service" "$ROOT/lib/systemd/system/roomhub-hub.service"
install -D -m 0644 "$HERE/roomhub-agent.service" "$ROOT/lib/systemd/system/roomhub-agent.service"
install -D -m 0644 "$HERE/hub.yaml" "$ROOT/etc/roomhub/hub.yaml"
install -D -m 0640 "$HERE/agent.env" "$ROOT/etc/roomhub/agent.env"
DEPENDS=$(shlib_depends "$ROOT/opt/$NAME")
control "$ROOT" "$NAME" "adduser${DEPENDS:+, $DEPENDS}" "Roomhub hub and metrics agent: room objects on a LAN
 The hub hosts metrics, chat and map rooms over WebSocket, SSE and HTTP polling; the agent
 publishes this host's figures to a hub. Both as systemd services, with their own Java runtime." net
printf '/etc/roomhub/hub.yaml\n/etc/roomhub/agent.env\n' > "$ROOT/DEBIAN/conffiles"
for script in postinst prerm postrm; do
    install -m 0755 "$HERE/$script" "$ROOT/DEBIAN/$script"
done
pack "$ROOT" "$DIST/${NAME}_${VERSION}_amd64.deb"
rm -rf "$ROOT"
