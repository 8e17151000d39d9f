# Shared by hub/src/package/build-deb.sh and desktop-client/src/package/build-deb.sh (sourced).
# jpackage makes the application image (the app and a jlinked Java runtime); dpkg-deb packs it with
# gzip, which takes seconds where jpackage's own .deb (xz) took minutes on the 2-core build machine.

JPACKAGE=${JPACKAGE:-$(command -v jpackage || echo "${JAVA_HOME:-/usr}/bin/jpackage")}

# app_image NAME INPUT_DIR MAIN_JAR MAIN_CLASS MODULES DEST [extra jpackage args…]
app_image() {
    local name=$1 input=$2 jar=$3 main=$4 modules=$5 dest=$6
    shift 6
    "$JPACKAGE" --type app-image --name "$name" --app-version "$VERSION" --vendor Roomhub \
        --input "$input" --main-jar "$jar" --main-class "$main" --add-modules "$modules" \
        --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands" \
        --dest "$dest" "$@"
}

# shlib_depends DIR: the Debian packages providing the shared libraries DIR's binaries need
# (libraries bundled inside DIR are skipped), comma-separated.
shlib_depends() {
    find "$1" -type f \( -name '*.so' -o -name '*.so.*' -o -perm -u+x \) -print0 \
        | xargs -0 objdump -p 2>/dev/null | awk '/NEEDED/ {print $2}' | sort -u \
        | while read -r lib; do
            [ -n "$(find "$1" -name "$lib" -print -quit)" ] && continue
            path=$(ldconfig -p | awk -v l="$lib" '$1 == l {print $NF; exit}')
            [ -z "$path" ] && continue
            { dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null \
                || dpkg -S "${path#/usr}" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null; } | head -1 | cut -d: -f1
          done | sort -u | paste -sd, | sed 's/,/, /g'
}

# control ROOT NAME DEPENDS DESCRIPTION SECTION: writes ROOT/DEBIAN/control.
control() {
    local root=$1 name=$2 depends=$3 description=$4 section=$5
    mkdir -p "$root/DEBIAN"
    cat > "$root/DEBIAN/control" <<CONTROL
Package: $name
Version: $VERSION
Section: $section
Priority: optional
Architecture: amd64
Maintainer: Roomhub <roomhub@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Description: $description
CONTROL
}

# pack ROOT FILE
pack() {
    fakeroot dpkg-deb -Zgzip --build --root-owner-group "$1" "$2" >/dev/null
    echo "built $2"
}
