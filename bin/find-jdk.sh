# Sourced by the launchers and by .ci/run: exports JAVA_HOME pointing at a JDK 25 or newer.
# Takes JAVA_HOME when it already is one, otherwise the newest JDK >= 25 under /usr/lib/jvm.
persimmon_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
persimmon_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] \
     && [ "$(persimmon_java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
    return 0
  fi
  local candidate best="" best_major=0 major
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(persimmon_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate; best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "Persimmon needs a JDK 25 or newer: set JAVA_HOME to one (none found under /usr/lib/jvm)." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
persimmon_find_jdk
