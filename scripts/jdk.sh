#!/usr/bin/env bash
# Which JDK the course uses, and whether it will do. One place for install-kernel.sh,
# ensure-deps.sh, test-second-jdk.sh and the Makefile, so they all pick the same JDK:
#
#   1. $RNN_COURSE_JAVA (a java executable), else
#   2. $JAVA_HOME/bin/java, else
#   3. the `java` on PATH.
#
# It must be a full JDK (javac and the jdk.jshell module, which the kernel runs on) of version
# 17 or newer. Supported: 17, 21 and 25 (the long-term releases); the build targets 17
# (--release 17), so one set of jars serves them all.
#
#   scripts/jdk.sh            print "JDK <major> at <java home> (<how it was chosen>)"; exit 1
#                             with what to install when it will not do
#   scripts/jdk.sh --home     print only the java home
#   scripts/jdk.sh --second   print the java executable of a second JDK to test on (jdk_second), or
#                             nothing when there is none
#   source scripts/jdk.sh     defines jdk_choose, jdk_major, jdk_home, jdk_problem, jdk_package,
#                             jdk_fix_package, jdk_second

JDK_MIN=17

# Sets JDK_JAVA to the java executable chosen (it may not exist) and JDK_CHOSEN_BY to why.
jdk_choose() {
  if [[ -n "${RNN_COURSE_JAVA:-}" ]]; then
    JDK_CHOSEN_BY=RNN_COURSE_JAVA; JDK_JAVA=$RNN_COURSE_JAVA
  elif [[ -n "${JAVA_HOME:-}" ]]; then
    JDK_CHOSEN_BY=JAVA_HOME; JDK_JAVA=$JAVA_HOME/bin/java
  else
    JDK_CHOSEN_BY=PATH; JDK_JAVA=$(command -v java || echo java)
  fi
}

# Prints the home of java executable $1 (a path or a command on PATH), links resolved.
jdk_home() {
  dirname "$(dirname "$(readlink -f "$(command -v "$1")")")"
}

# Prints the feature release of a java executable (17, 21, 25, ...), or 0 if it does not run.
jdk_major() {
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
  v=${v#1.}            # Java 8 says 1.8
  v=${v%%.*}
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

# A Debian/Ubuntu package that provides a JDK the course can use: the distribution's default
# JDK when it is new enough (Debian 13, Ubuntu 24.04: 21), else OpenJDK 17.
jdk_package() {
  local candidate
  # Debian numbers it 2:1.17-74 (Debian 12), 2:1.21-... (Debian 13)
  candidate=$(apt-cache policy default-jdk-headless 2>/dev/null | sed -n 's/^ *Candidate: *\([0-9]*:\)\{0,1\}\(1\.\)\{0,1\}\([0-9]*\).*/\3/p')
  if [[ "$candidate" =~ ^[0-9]+$ ]] && (( candidate >= JDK_MIN )); then
    echo default-jdk-headless
  else
    echo openjdk-17-jdk-headless
  fi
}

# The package that fixes java executable $1: the full JDK of its version when it is a runtime
# of 17 or newer (a JRE), else a JDK of its own (jdk_package).
jdk_fix_package() {
  local major
  major=$(jdk_major "$1")
  if (( major >= JDK_MIN )); then echo "openjdk-$major-jdk-headless"; else jdk_package; fi
}

# Prints what is wrong with java executable $1 (empty output: it will do).
jdk_problem() {
  local java=$1 major home
  local install="install a JDK 17, 21 or 25 (Debian/Ubuntu: sudo apt-get install $(jdk_package); or Temurin), then set JAVA_HOME to it"
  if [[ "$java" != */* ]] || [[ ! -x "$java" ]]; then
    if ! command -v "$java" >/dev/null 2>&1; then
      echo "no java found (looked at ${JDK_CHOSEN_BY:-PATH}: '$java'); $install"; return
    fi
    java=$(command -v "$java")
  fi
  major=$(jdk_major "$java")
  if (( major == 0 )); then
    echo "$java does not run; $install"; return
  fi
  if (( major < JDK_MIN )); then
    echo "$java is Java $major; the course needs Java $JDK_MIN or newer: $install"; return
  fi
  home=$(jdk_home "$java")
  if ! "$java" --list-modules 2>/dev/null | grep -q '^jdk\.jshell@'; then
    echo "$java (Java $major) is a runtime without the JShell module (jdk.jshell), which the kernel runs on: install the full JDK of that version (Debian/Ubuntu: sudo apt-get install openjdk-$major-jdk-headless)"; return
  fi
  if [[ ! -x "$home/bin/javac" ]]; then
    echo "$home (Java $major) has no javac: install the full JDK (Debian/Ubuntu: sudo apt-get install openjdk-$major-jdk-headless)"; return
  fi
}

# Sets JDK_SECOND to a second JDK's java executable (resolved), or to "" when there is none, and
# JDK_SECOND_WHY to a sentence saying why that one or why none: $SECOND_JDK (a JDK home or its
# bin/java; an error when it will not do), else the newest JDK 21 or newer under /usr/lib/jvm
# other than the default JDK (jdk_choose). Returns 1 only for a $SECOND_JDK that will not do.
jdk_second() {
  local default_home java="" best=0 candidate major problem
  jdk_choose
  default_home=""
  [[ -z "$(jdk_problem "$JDK_JAVA")" ]] && default_home="$(jdk_home "$JDK_JAVA")"
  JDK_SECOND=""
  if [[ -n "${SECOND_JDK:-}" ]]; then
    java="$SECOND_JDK"
    [[ -d "$java" ]] && java="$java/bin/java"
    problem="$(JDK_CHOSEN_BY=SECOND_JDK jdk_problem "$java")"
    if [[ -n "$problem" ]]; then
      JDK_SECOND_WHY="SECOND_JDK=$SECOND_JDK will not do: $problem"; return 1
    fi
    JDK_SECOND_WHY="from SECOND_JDK"
  else
    for candidate in /usr/lib/jvm/*/bin/java; do
      [[ -x "$candidate" ]] || continue
      [[ "$(jdk_home "$candidate")" == "$default_home" ]] && continue
      major="$(jdk_major "$candidate")"
      if (( major >= 21 && major > best )) && [[ -z "$(jdk_problem "$candidate")" ]]; then
        best=$major
        java="$candidate"
      fi
    done
    if [[ -z "$java" ]]; then
      JDK_SECOND_WHY="no JDK 21 or newer besides the default one (${default_home:-none}) under /usr/lib/jvm; set SECOND_JDK=<jdk home> to test one"
      return 0
    fi
    JDK_SECOND_WHY="the newest JDK 21+ under /usr/lib/jvm besides the default"
  fi
  JDK_SECOND="$(readlink -f "$(command -v "$java")")"
}

if [[ "${BASH_SOURCE[0]}" == "$0" && "${1:-}" == "--second" ]]; then
  set -uo pipefail
  if ! jdk_second; then
    echo "jdk: $JDK_SECOND_WHY" >&2
    exit 1
  fi
  [[ -n "$JDK_SECOND" ]] && echo "$JDK_SECOND"
  exit 0
fi

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  jdk_choose
  java=$JDK_JAVA
  problem=$(jdk_problem "$java")
  if [[ -n "$problem" ]]; then
    echo "jdk: $problem" >&2
    exit 1
  fi
  java=$(readlink -f "$(command -v "$java")")
  home=$(jdk_home "$java")
  if [[ "${1:-}" == "--home" ]]; then
    echo "$home"
  else
    echo "JDK $(jdk_major "$java") at $home (from $JDK_CHOSEN_BY)"
  fi
fi
