#!/usr/bin/env bash
# Prints the home of a JDK >= 21 (JAVA_HOME first, then /usr/lib/jvm newest first, then PATH),
# or nothing. Used by the Makefile and .ci/run so a machine whose default java is older still builds.
major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1; }
ok() { [ -x "$1/bin/javac" ] && v=$(major "$1") && [ -n "$v" ] && [ "$v" -ge 21 ]; }
if [ -n "${JAVA_HOME:-}" ] && ok "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -Vr); do
  d=${d%/}; if ok "$d"; then echo "$d"; exit 0; fi
done
if j=$(command -v javac 2>/dev/null); then
  d=$(dirname "$(dirname "$(readlink -f "$j")")"); if ok "$d"; then echo "$d"; exit 0; fi
fi
exit 0
