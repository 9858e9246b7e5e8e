#!/usr/bin/env bash
# The test command: prepares what the tests need on this machine, then runs
# `./mvnw -B verify` with any arguments given (e.g. ./test.sh -pl chat-service -am).
# It prepares:
#   - a JDK 21+ as JAVA_HOME (scripts/find-jdk.sh);
#   - Chromium and chromedriver for the browser tests (TEST_CHROMIUM and TEST_CHROMEDRIVER, by
#     default /usr/bin/chromium and /usr/bin/chromedriver): Debian's chromium and chromium-driver,
#     installed with apt-get when it runs as root or may sudo without a password;
#   - redis-server and redis-cli, which the Redis Cluster test starts itself;
#   - unless Docker runs (then Testcontainers starts the tests' own): Redis on 127.0.0.1:6379 and
#     MySQL/MariaDB on 127.0.0.1:3306, which it starts when they are installed and down, as CI
#     does (TEST_REDIS_URL or TEST_DB_URL, when set, name others instead).
# What it cannot do it names, one sentence each, and stops before changing anything.
# ./test.sh --dry-run says what it finds and would do, changes nothing and runs no test.
set -euo pipefail
cd "$(dirname "$0")"

dry_run=false
case "${1:-}" in
  -h | --help)
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "$0"
    exit 0
    ;;
  --dry-run) dry_run=true; shift ;;
esac

log() { printf '== %s\n' "$*"; }
problems=()
problem() { problems+=("$*"); }
have() { local p; p=$(command -v "$1" 2>/dev/null) && [ -x "$p" ]; }

# root, or sudo without a password: may install packages and start services
if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
elif have sudo && sudo -n true 2>/dev/null; then
  as_root() { sudo -n "$@"; }
else
  as_root() { return 1; }
fi
can_apt() { have apt-get && as_root true; }

# --- JDK 21+ ---------------------------------------------------------------------------------
jdk_note=$(mktemp)
if . ./scripts/find-jdk.sh 2>"$jdk_note"; then
  jdk=$("$JAVA_HOME/bin/java" -version 2>&1) || true
  [ ! -s "$jdk_note" ] || log "$(cat "$jdk_note")"
  log "JDK: ${jdk%%$'\n'*} ($JAVA_HOME)"
else
  problem "$(cat "$jdk_note")"
fi
rm -f "$jdk_note"

# --- packages: Chromium and its driver; Redis's own binaries -----------------------------------
packages=()
chromium=${TEST_CHROMIUM:-/usr/bin/chromium}
chromedriver=${TEST_CHROMEDRIVER:-/usr/bin/chromedriver}
if [ -x "$chromium" ] && [ -x "$chromedriver" ]; then
  log "browser tests: $chromium and $chromedriver"
elif [ -z "${TEST_CHROMIUM:-}${TEST_CHROMEDRIVER:-}" ] && can_apt; then
  packages+=(chromium chromium-driver)
else
  problem "The browser tests need Chromium and chromedriver at $chromium and $chromedriver:" \
    "install Debian's chromium and chromium-driver packages (sudo apt-get install chromium" \
    "chromium-driver), or set TEST_CHROMIUM and TEST_CHROMEDRIVER to yours."
fi
if have redis-server && have redis-cli; then
  log "Redis Cluster test: $(command -v redis-server) and $(command -v redis-cli)"
else
  problem "The tests need redis-server and redis-cli on the PATH (the Redis Cluster test starts" \
    "its own; without Docker they also need a Redis on 127.0.0.1:6379): install them (Debian:" \
    "sudo apt-get install redis-server)."
fi

# --- Redis and MySQL/MariaDB: Testcontainers where Docker runs, else the local ones ----------
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
redis_up() {
  if have redis-cli; then [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; else port_open 6379; fi
}
db_up() {
  if have mariadb-admin; then mariadb-admin -h 127.0.0.1 -u root ping >/dev/null 2>&1
  elif have mysqladmin; then mysqladmin -h 127.0.0.1 -u root ping >/dev/null 2>&1
  else port_open 3306; fi
}
mariadbd=$(command -v mariadbd 2>/dev/null || echo /usr/sbin/mariadbd)
start_redis=false
start_db=false
if [ "${TEST_SERVICES:-}" != external ] && [ "${TEST_SERVICES:-}" != EXTERNAL ] \
    && have docker && docker info >/dev/null 2>&1; then
  log "Docker runs: the tests start their own Redis and MySQL with Testcontainers"
else
  if [ -n "${TEST_REDIS_URL:-}" ]; then
    log "Redis: TEST_REDIS_URL=$TEST_REDIS_URL"
  elif redis_up; then
    log "Redis: answers on 127.0.0.1:6379"
  elif have redis-server; then
    start_redis=true
  fi # (when redis-server is not installed, the sentence above says so)
  if [ -n "${TEST_DB_URL:-}" ]; then
    log "MySQL/MariaDB: TEST_DB_URL=$TEST_DB_URL"
  elif db_up; then
    log "MariaDB: answers on 127.0.0.1:3306"
  elif [ -x "$mariadbd" ] && have start-stop-daemon && as_root true; then
    start_db=true
  elif [ -x "$mariadbd" ]; then
    problem "MariaDB is installed but does not answer on 127.0.0.1:3306: start it" \
      "(sudo service mariadb start)."
  else
    problem "Without Docker the tests need MySQL or MariaDB on 127.0.0.1:3306, root with an empty" \
      "password: install mariadb-server (sudo apt-get install mariadb-server), start Docker, or set" \
      "TEST_DB_URL, TEST_DB_USER and TEST_DB_PASS."
  fi
fi

if [ ${#problems[@]} -gt 0 ]; then
  printf '%s\n' "${problems[@]}" >&2
  exit 1
fi
if $dry_run; then
  if [ ${#packages[@]} -gt 0 ]; then log "would install ${packages[*]} with apt-get"; fi
  if $start_redis; then log "would start Redis on 127.0.0.1:6379"; fi
  if $start_db; then log "would start MariaDB ($mariadbd)"; fi
  log "would run: ./mvnw -B verify $*"
  exit 0
fi

# --- prepare -----------------------------------------------------------------------------------
if [ ${#packages[@]} -gt 0 ]; then
  log "installing ${packages[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${packages[@]}" >/dev/null
  if [ ! -x "$chromium" ] || [ ! -x "$chromedriver" ]; then
    echo "apt-get installed ${packages[*]}, yet there is no $chromium and $chromedriver." >&2
    exit 1
  fi
fi
wait_for() { # name, command...
  local name=$1; shift
  for _ in $(seq 1 60); do "$@" && return 0; sleep 1; done
  echo "$name did not come up within 60 s" >&2
  return 1
}
if $start_redis; then
  log "starting Redis on 127.0.0.1:6379"
  if [ "$(id -u)" -eq 0 ]; then redis_dir=/var/lib/redis redis_log=/var/log/redis/ci.log
  else redis_dir=$PWD/data/test-redis redis_log=$PWD/data/test-redis/redis.log; fi
  mkdir -p "$redis_dir" "$(dirname "$redis_log")"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir "$redis_dir" --logfile "$redis_log"
  wait_for Redis redis_up
fi
if $start_db; then
  log "starting MariaDB"
  as_root start-stop-daemon --start --oknodo --background --exec "$mariadbd"
  wait_for MariaDB db_up
fi

log "./mvnw -B verify $*"
exec ./mvnw -B verify "$@"
