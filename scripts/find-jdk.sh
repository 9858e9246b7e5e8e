# shellcheck shell=sh
# Sourced, not run:  . ./scripts/find-jdk.sh
# Points JAVA_HOME (exported, and its bin first on the PATH) at a JDK 21 or newer, so that the
# Maven wrapper and the java started after it use that JDK. The first that is 21+ wins:
#   1. JAVA_HOME;
#   2. the java on the PATH (its real home, through any symlinks such as /etc/alternatives);
#   3. the newest JDK in /usr/lib/jvm, SDKMAN's ~/.sdkman/candidates/java and macOS's
#      /Library/Java/JavaVirtualMachines.
# When it passes over the first two it says which JDK it uses instead. When there is none it
# prints one sentence to stderr, saying what it found and what to install, and the source command
# fails (status 1, so `set -e` stops the script). POSIX sh, safe under `set -eu`; it leaves no
# variables or functions behind but JAVA_HOME and PATH.
# Used by run.sh, test.sh, loadtest.sh and .ci/run.

_fj_min=21

# _fj_version HOME: the Java version of HOME (e.g. 25.0.3, 21, 1.8.0_292), from its release
# file, else from `java -version`; empty if neither tells.
_fj_version() {
  _fj_v=
  if [ -r "$1/release" ]; then
    _fj_v=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$1/release" | head -n 1)
  fi
  if [ -z "$_fj_v" ] && [ -x "$1/bin/java" ]; then
    _fj_v=$("$1/bin/java" -version 2>&1 | sed -n 's/^[^"]* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  printf '%s\n' "$_fj_v"
}

# _fj_number TEXT: the leading digits of TEXT as a decimal number (0 when there are none).
_fj_number() {
  _fj_d=${1%%[!0-9]*}
  _fj_d=${_fj_d#"${_fj_d%%[!0]*}"}
  printf '%s\n' "${_fj_d:-0}"
}

# _fj_key VERSION: a number that orders versions: major * 10^6 + minor * 10^3 + patch, where
# "1.8.0_292" is major 8 and "21-ea" is 21.0.0.
_fj_key() {
  _fj_r=$1
  case $_fj_r in 1.*) _fj_r=${_fj_r#1.} ;; esac
  _fj_major=$(_fj_number "$_fj_r")
  _fj_r=${_fj_r#"${_fj_r%%[!0-9]*}"}
  case $_fj_r in .*) _fj_r=${_fj_r#.} ;; *) _fj_r= ;; esac
  _fj_minor=$(_fj_number "$_fj_r")
  _fj_r=${_fj_r#"${_fj_r%%[!0-9]*}"}
  case $_fj_r in .*) _fj_r=${_fj_r#.} ;; *) _fj_r= ;; esac
  _fj_patch=$(_fj_number "$_fj_r")
  echo $((_fj_major * 1000000 + _fj_minor * 1000 + _fj_patch))
}

# _fj_real DIR: DIR with every symlink resolved (so that one JDK reached by two names counts once).
_fj_real() {
  (cd -P -- "$1" 2>/dev/null && pwd -P) || printf '%s\n' "$1"
}

# _fj_inspect HOME: sets _fj_ver (its version), _fj_k (its order key) and _fj_what (what to call
# it in a message); true when HOME is a JDK (bin/java and bin/javac) of at least _fj_min.
_fj_inspect() {
  _fj_k=0
  if [ ! -x "$1/bin/java" ] || [ ! -x "$1/bin/javac" ]; then
    _fj_ver=
    _fj_what="$1 (not a JDK)"
    return 1
  fi
  _fj_ver=$(_fj_version "$1")
  [ -n "$_fj_ver" ] || _fj_ver="of unknown version"
  _fj_what="$_fj_ver ($1)"
  _fj_k=$(_fj_key "$_fj_ver")
  [ "$_fj_k" -ge $((_fj_min * 1000000)) ]
}

_fj_find() {
  _fj_seen=' '
  _fj_passed=

  # 1. JAVA_HOME
  if [ -n "${JAVA_HOME:-}" ]; then
    if _fj_inspect "$JAVA_HOME"; then
      _fj_home=$JAVA_HOME
      return 0
    fi
    _fj_passed="JAVA_HOME is $_fj_what"
    _fj_seen="$_fj_seen$(_fj_real "$JAVA_HOME") "
  else
    _fj_passed="JAVA_HOME is not set"
  fi

  # 2. the java on the PATH
  _fj_java=$(command -v java 2>/dev/null) || _fj_java=
  if [ -n "$_fj_java" ] && [ -x "$_fj_java" ]; then
    _fj_bin=$(readlink -f "$_fj_java" 2>/dev/null) || _fj_bin=$_fj_java
    _fj_home=${_fj_bin%/bin/java}
    # macOS: /usr/bin/java is a stub that runs the default JDK, which java_home names
    if [ ! -r "$_fj_home/release" ] && [ -x /usr/libexec/java_home ]; then
      _fj_home=$(/usr/libexec/java_home 2>/dev/null) || _fj_home=${_fj_bin%/bin/java}
    fi
    if _fj_inspect "$_fj_home"; then
      if [ -n "${JAVA_HOME:-}" ]; then
        echo "find-jdk: using JDK $_fj_ver at $_fj_home, the java on the PATH ($_fj_passed)" >&2
      fi
      return 0
    fi
    _fj_passed="$_fj_passed, java on the PATH is $_fj_what"
    _fj_seen="$_fj_seen$(_fj_real "$_fj_home") "
  else
    _fj_passed="$_fj_passed, there is no java on the PATH"
  fi

  # 3. the newest 21+ JDK in the usual places
  _fj_home=
  _fj_best=0
  _fj_others=
  for _fj_dir in /usr/lib/jvm/* "${HOME:-/nonexistent}"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$_fj_dir/bin/java" ] || continue
    _fj_r=$(_fj_real "$_fj_dir")
    case $_fj_seen in *" $_fj_r "*) continue ;; esac
    _fj_seen="$_fj_seen$_fj_r "
    if _fj_inspect "$_fj_dir"; then
      if [ "$_fj_k" -gt "$_fj_best" ]; then
        _fj_best=$_fj_k
        _fj_home=$_fj_dir
        _fj_home_ver=$_fj_ver
      fi
    else
      _fj_others="$_fj_others${_fj_others:+, }$_fj_what"
    fi
  done
  if [ -n "$_fj_home" ]; then
    echo "find-jdk: using JDK $_fj_home_ver at $_fj_home ($_fj_passed)" >&2
    return 0
  fi

  echo "find-jdk: no JDK $_fj_min or newer found ($_fj_passed," \
    "and /usr/lib/jvm, ~/.sdkman/candidates/java and /Library/Java/JavaVirtualMachines hold" \
    "${_fj_others:+only }${_fj_others:-no other JDK}): install a JDK $_fj_min or newer" \
    "(e.g. apt-get install openjdk-$_fj_min-jdk, or Temurin $_fj_min+) or set JAVA_HOME to one." >&2
  return 1
}

_fj_cleanup() {
  unset -f _fj_version _fj_number _fj_key _fj_real _fj_inspect _fj_find _fj_cleanup
  unset _fj_min _fj_v _fj_d _fj_r _fj_major _fj_minor _fj_patch _fj_ver _fj_k _fj_seen \
    _fj_what _fj_passed _fj_java _fj_bin _fj_home _fj_home_ver _fj_best _fj_others _fj_dir
}

if _fj_find; then
  JAVA_HOME=$_fj_home
  export JAVA_HOME
  case ${PATH:-} in "$JAVA_HOME/bin:"*) ;; *) PATH="$JAVA_HOME/bin${PATH:+:$PATH}" ;; esac
  export PATH
  _fj_cleanup
  true
else
  _fj_cleanup
  false
fi
