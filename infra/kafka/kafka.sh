#!/usr/bin/env bash
# A local single-node Apache Kafka (KRaft, combined broker+controller) from Maven Central jars.
#
#   infra/kafka/kafka.sh fetch     mvn: the broker jars into infra/kafka/target/lib (skipped when already there)
#   infra/kafka/kafka.sh start     format storage on first start, start the broker, wait until it answers
#   infra/kafka/kafka.sh stop      clean shutdown (SIGTERM), SIGKILL after KAFKA_STOP_TIMEOUT seconds
#   infra/kafka/kafka.sh restart   stop, then start
#   infra/kafka/kafka.sh status    running or not (exit 0 / 3), with pid and bootstrap address
#   infra/kafka/kafka.sh logs [-f] the last KAFKA_LOG_LINES lines of the server log (-f: follow)
#   infra/kafka/kafka.sh reset     stop and delete the data and logs (next start formats afresh)
#
# Environment (all optional):
#   KAFKA_PORT=9092  KAFKA_CONTROLLER_PORT=9093  KAFKA_HOME_DIR=infra/kafka/run
#   KAFKA_HEAP_OPTS='-Xms256m -Xmx512m'  KAFKA_START_TIMEOUT=120  KAFKA_STOP_TIMEOUT=30
#   KAFKA_NUM_PARTITIONS=3  KAFKA_LOG_LINES=200  JAVA_HOME (else java on PATH)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB_DIR="${SCRIPT_DIR}/target/lib"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HOME_DIR="$(realpath -m "${KAFKA_HOME_DIR:-${SCRIPT_DIR}/run}")"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
NUM_PARTITIONS="${KAFKA_NUM_PARTITIONS:-3}"
LOG_LINES="${KAFKA_LOG_LINES:-200}"
HOST="127.0.0.1"
BOOTSTRAP="${HOST}:${PORT}"

DATA_DIR="${HOME_DIR}/data"
LOG_DIR="${HOME_DIR}/logs"
CONFIG_FILE="${HOME_DIR}/server.properties"
LOG4J_FILE="${HOME_DIR}/log4j2.properties"
PID_FILE="${HOME_DIR}/kafka.pid"
LOCK_FILE="${HOME_DIR}/.kafka.lock"
CLUSTER_ID_FILE="${DATA_DIR}/cluster.id"
KRAFT_LOG_DIR="${DATA_DIR}/kraft-logs"

log() { printf 'kafka: %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
    printf '%s\n' "${JAVA_HOME}/bin/java"
  elif command -v java >/dev/null 2>&1; then
    command -v java
  else
    die "no java found: install a JDK 17+ or set JAVA_HOME"
  fi
}

check_java() {
  local java version major
  java="$(java_bin)"
  version="$("${java}" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  major="${version%%.*}"
  if [[ -z "${major}" || "${major}" -lt 17 ]]; then
    die "the Kafka 4 broker needs Java 17 or newer; ${java} is ${version:-unknown} (set JAVA_HOME)"
  fi
}

STAMP_FILE="${LIB_DIR}/.pom.sha256"

pom_digest() {
  sha256sum "${SCRIPT_DIR}/pom.xml" | cut -d' ' -f1
}

# True when target/lib holds the jars of the current pom.xml (a version bump there fetches again).
jars_present() {
  compgen -G "${LIB_DIR}/kafka_2.13-*.jar" >/dev/null &&
    compgen -G "${LIB_DIR}/kafka-server-[0-9]*.jar" >/dev/null &&
    [[ -f "${STAMP_FILE}" && "$(cat "${STAMP_FILE}")" == "$(pom_digest)" ]]
}

cmd_fetch() {
  if jars_present; then
    log "jars present in ${LIB_DIR} ($(find "${LIB_DIR}" -name '*.jar' | wc -l) files); skipping the download"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn (Maven 3.8+) is needed to fetch the broker jars"
  log "fetching the broker jars from Maven Central into ${LIB_DIR}"
  # A partial earlier download must not leave a half-filled class path behind.
  rm -rf "${LIB_DIR}"
  # (Maven 3.8 prints stray colour codes even in batch mode; strip them. pipefail keeps mvn's status.)
  mvn -q -B -Dstyle.color=never -f "${SCRIPT_DIR}/pom.xml" package 2>&1 |
    sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2
  compgen -G "${LIB_DIR}/kafka_2.13-*.jar" >/dev/null || die "mvn finished but ${LIB_DIR} has no broker jars"
  pom_digest >"${STAMP_FILE}"
  log "fetched $(find "${LIB_DIR}" -name '*.jar' | wc -l) jars"
}

# The pid from the pid file when that process is alive and is our broker; empty otherwise.
running_pid() {
  local pid
  [[ -f "${PID_FILE}" ]] || return 0
  pid="$(tr -dc '0-9' <"${PID_FILE}")"
  [[ -n "${pid}" ]] || return 0
  if kill -0 "${pid}" 2>/dev/null && tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'; then
    printf '%s\n' "${pid}"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/${HOST}/$1") 2>/dev/null
}

write_config() {
  mkdir -p "${DATA_DIR}" "${LOG_DIR}"
  cat >"${CONFIG_FILE}" <<EOF
# Written by infra/kafka/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${HOST}:${CONTROLLER_PORT}
listeners=PLAINTEXT://${HOST}:${PORT},CONTROLLER://${HOST}:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://${HOST}:${PORT}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=${KRAFT_LOG_DIR}

# Single node: every internal topic has one replica.
num.partitions=${NUM_PARTITIONS}
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Tests create their topics explicitly and want their consumers to join at once.
auto.create.topics.enable=false
delete.topic.enable=true
group.initial.rebalance.delay.ms=0

# Sized for a 2-core development or CI machine.
num.network.threads=2
num.io.threads=4
background.threads=4
num.recovery.threads.per.data.dir=1
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=16777216
socket.send.buffer.bytes=102400
socket.receive.buffer.bytes=102400
socket.request.max.bytes=104857600

# Development data: keep a day, in segments small enough to be deleted.
log.retention.hours=24
log.segment.bytes=67108864
log.retention.check.interval.ms=300000
EOF
  cat >"${LOG4J_FILE}" <<EOF
# Written by infra/kafka/kafka.sh on every start.
status = warn
appender.server.type = RollingFile
appender.server.name = server
appender.server.fileName = ${LOG_DIR}/server.log
appender.server.filePattern = ${LOG_DIR}/server.log.%i
appender.server.layout.type = PatternLayout
appender.server.layout.pattern = [%d] %p %m (%c)%n
appender.server.policies.type = Policies
appender.server.policies.size.type = SizeBasedTriggeringPolicy
appender.server.policies.size.size = 20MB
appender.server.strategy.type = DefaultRolloverStrategy
appender.server.strategy.max = 3
rootLogger.level = info
rootLogger.appenderRef.server.ref = server
logger.state-change.name = state.change.logger
logger.state-change.level = warn
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.authorizer.name = kafka.authorizer.logger
logger.authorizer.level = warn
EOF
}

# What `kafka-storage random-uuid` prints (16 random bytes, URL-safe base64 without padding, not
# starting with '-'), made here to save a JVM start.
random_cluster_id() {
  local id=""
  while [[ -z "${id}" || "${id}" == -* ]]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  printf '%s\n' "${id}"
}

format_storage_once() {
  local java cluster_id
  java="$(java_bin)"
  if [[ -f "${KRAFT_LOG_DIR}/meta.properties" ]]; then
    return 0
  fi
  mkdir -p "${DATA_DIR}"
  if [[ ! -s "${CLUSTER_ID_FILE}" ]]; then
    cluster_id="$(random_cluster_id)"
    [[ ${#cluster_id} -eq 22 ]] || die "could not generate a cluster id"
    printf '%s\n' "${cluster_id}" >"${CLUSTER_ID_FILE}"
  fi
  cluster_id="$(tr -d '[:space:]' <"${CLUSTER_ID_FILE}")"
  log "formatting KRaft storage in ${KRAFT_LOG_DIR} (cluster id ${cluster_id})"
  "${java}" -cp "${LIB_DIR}/*" -Dlog4j2.configurationFile="${LOG4J_FILE}" \
    kafka.tools.StorageTool format --ignore-formatted -t "${cluster_id}" -c "${CONFIG_FILE}" >>"${LOG_DIR}/format.log" 2>&1 ||
    die "formatting the storage failed; see ${LOG_DIR}/format.log"
}

# Waits until the broker answers; the product's Kafka client (@platformatic/kafka, Node 22+) when the
# project's node_modules has it, else the Java tool.
wait_ready() {
  local pid="$1" deadline
  deadline=$((SECONDS + START_TIMEOUT))
  if command -v node >/dev/null 2>&1 && (cd "${SCRIPT_DIR}" && node -e "require.resolve('@platformatic/kafka'); process.exit(+process.versions.node.split('.')[0] >= 22 ? 0 : 1)" 2>/dev/null); then
    KAFKA_WAIT_PID="${pid}" node "${SCRIPT_DIR}/wait-ready.js" "${BOOTSTRAP}" "$((START_TIMEOUT * 1000))" >&2
    return
  fi
  local java
  java="$(java_bin)"
  while ((SECONDS < deadline)); do
    kill -0 "${pid}" 2>/dev/null || return 1
    if port_in_use "${PORT}" &&
      "${java}" -Xmx64m -cp "${LIB_DIR}/*" -Dlog4j2.configurationFile="${LOG4J_FILE}" \
        org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "${BOOTSTRAP}" >/dev/null 2>&1; then
      log "ready (kafka-broker-api-versions answered)"
      return 0
    fi
    sleep 1
  done
  return 1
}

cmd_start() {
  mkdir -p "${HOME_DIR}"
  # Concurrent starts (parallel test workers) queue here; the first one starts the broker.
  exec 9>"${LOCK_FILE}"
  flock -w "$((START_TIMEOUT + 300))" 9 || die "timed out waiting for another kafka.sh start"

  local pid
  pid="$(running_pid)"
  if [[ -n "${pid}" ]]; then
    log "already running (pid ${pid})"
    wait_ready "${pid}" || die "the running broker (pid ${pid}) does not answer on ${BOOTSTRAP}; see: $0 logs"
    printf '%s\n' "${BOOTSTRAP}"
    return 0
  fi
  rm -f "${PID_FILE}"
  if port_in_use "${PORT}"; then
    die "${BOOTSTRAP} is already taken by another process; stop it, or set KAFKA_PORT (or KAFKA_BROKERS for the tests)"
  fi
  if port_in_use "${CONTROLLER_PORT}"; then
    die "controller port ${HOST}:${CONTROLLER_PORT} is already taken; set KAFKA_CONTROLLER_PORT"
  fi

  cmd_fetch
  check_java
  write_config
  format_storage_once

  local java started
  java="$(java_bin)"
  started=${SECONDS}
  log "starting the broker on ${BOOTSTRAP} (controller ${HOST}:${CONTROLLER_PORT}, home ${HOME_DIR})"
  # shellcheck disable=SC2086 # HEAP_OPTS is a list of JVM flags
  setsid nohup "${java}" ${HEAP_OPTS} \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:MaxDirectMemorySize=256m -XX:CICompilerCount=2 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="${LOG4J_FILE}" -Dkafka.logs.dir="${LOG_DIR}" \
    -cp "${LIB_DIR}/*" kafka.Kafka "${CONFIG_FILE}" \
    >>"${LOG_DIR}/kafka.out" 2>&1 </dev/null 9>&- &
  pid=$!
  printf '%s\n' "${pid}" >"${PID_FILE}"

  if ! wait_ready "${pid}"; then
    log "the broker did not become ready within ${START_TIMEOUT}s; last log lines:"
    tail -n 40 "${LOG_DIR}/server.log" "${LOG_DIR}/kafka.out" >&2 2>/dev/null || true
    kill_broker "${pid}"
    rm -f "${PID_FILE}"
    exit 1
  fi
  log "ready in $((SECONDS - started))s (pid ${pid})"
  printf '%s\n' "${BOOTSTRAP}"
}

kill_broker() {
  local pid="$1" deadline
  kill -TERM "${pid}" 2>/dev/null || return 0
  deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "${pid}" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.5
  done
  if kill -0 "${pid}" 2>/dev/null; then
    log "pid ${pid} still running after ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "${pid}" 2>/dev/null || true
    sleep 0.5
  fi
}

cmd_stop() {
  local pid
  pid="$(running_pid)"
  if [[ -z "${pid}" ]]; then
    rm -f "${PID_FILE}"
    log "not running"
    return 0
  fi
  log "stopping pid ${pid}"
  kill_broker "${pid}"
  rm -f "${PID_FILE}"
  log "stopped"
}

cmd_status() {
  local pid rss
  pid="$(running_pid)"
  if [[ -z "${pid}" ]]; then
    echo "stopped (home ${HOME_DIR})"
    return 3
  fi
  rss="$(awk '/^VmRSS:/ {printf "%d MiB", $2 / 1024}' "/proc/${pid}/status" 2>/dev/null || true)"
  echo "running: pid ${pid}, bootstrap ${BOOTSTRAP}, rss ${rss:-?}, home ${HOME_DIR}"
}

cmd_logs() {
  local file="${LOG_DIR}/server.log"
  [[ -f "${file}" ]] || die "no log yet at ${file}"
  if [[ "${1:-}" == "-f" ]]; then
    exec tail -n "${LOG_LINES}" -F "${file}"
  fi
  tail -n "${LOG_LINES}" "${file}"
}

cmd_reset() {
  cmd_stop
  log "deleting ${DATA_DIR} and ${LOG_DIR}"
  rm -rf "${DATA_DIR}" "${LOG_DIR}" "${CONFIG_FILE}" "${LOG4J_FILE}"
}

usage() {
  sed -n '2,/^set -euo pipefail/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

main() {
  local command="${1:-}"
  shift || true
  case "${command}" in
    fetch) cmd_fetch ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart)
      cmd_stop
      cmd_start
      ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    reset) cmd_reset ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
