#!/usr/bin/env bash
# The README's walkthrough "Trying two nodes on one machine", automated: two nodes of the built jar (profiles
# demo,postgres) on one PostgreSQL, tasks completed through both (Tasklist session of one node reused on the other,
# engine REST with HTTP Basic), node 1 killed with SIGKILL while it completes a task, then checks on node 2 that
# nothing done before is lost and that it goes on working, and that node 1 joins again after a restart.
# Prints every check with PASS/FAIL, the timings and the machine; exits 1 if any check failed. Not part of mvn verify.
#
#   bash bench/two-nodes.sh
#
# Database: TUIJIN_DB_URL, TUIJIN_DB_USER, TUIJIN_DB_PASSWORD. Without TUIJIN_DB_URL it uses
# jdbc:postgresql://localhost:5432/tuijin_two_nodes and (re)creates that database and its owner with psql as
# PostgreSQL's superuser (TUIJIN_PSQL, default `runuser -u postgres -- psql` as root, else `sudo -u postgres psql`).
# A database you give must be empty (the demo city is seeded into it), or set TUIJIN_DB_RECREATE=1 to drop and
# recreate it. Other settings: NODE1_PORT / NODE2_PORT (8080 / 8081), KILL_AFTER (seconds between sending the task
# and the SIGKILL, 0.05), JAR (target/tuijin-*.jar; built with mvn -q -DskipTests package if missing).
# Logs: target/two-nodes/node-<port>*.log; the output also goes to target/two-nodes/output.txt.
set -uo pipefail
cd "$(dirname "$0")/.."

P1=${NODE1_PORT:-8080}
P2=${NODE2_PORT:-8081}
KILL_AFTER=${KILL_AFTER:-0.05}
OUT=target/two-nodes
mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/cookies "$OUT"/output.txt
exec > >(tee "$OUT/output.txt") 2>&1

if [ -z "${TUIJIN_DB_URL:-}" ]; then
  export TUIJIN_DB_URL=jdbc:postgresql://localhost:5432/tuijin_two_nodes
  export TUIJIN_DB_USER=${TUIJIN_DB_USER:-tuijin_two_nodes} TUIJIN_DB_PASSWORD=${TUIJIN_DB_PASSWORD:-tuijin-two-nodes}
  RECREATE=1
else
  : "${TUIJIN_DB_USER:?set TUIJIN_DB_USER}" "${TUIJIN_DB_PASSWORD:?set TUIJIN_DB_PASSWORD}"
  RECREATE=${TUIJIN_DB_RECREATE:-0}
fi
# Not used with the demo profile (the administrator is admin / demo there), but the postgres profile documents it.
export TUIJIN_ADMIN_PASSWORD=${TUIJIN_ADMIN_PASSWORD:-two-nodes-admin-1}
ADMIN=admin:demo

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS  $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL  $*"; }
check() { # check <description> <expected> <actual>
  if [ "$2" = "$3" ]; then pass "$1: $3"; else fail "$1: expected $2, got $3"; fi
}
info() { echo "      $*"; }
machine() {
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores," \
    "$(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME")," \
    "$(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# --- processes this script started, stopped on every exit -----------------------------------------------------------
declare -A PID
stop_node() { # stop_node <port>: SIGTERM, SIGKILL after 30 s
  local pid=${PID[$1]:-}
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  PID[$1]=
}
cleanup() { stop_node "$P1"; stop_node "$P2"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- helpers ------------------------------------------------------------------------------------------------------
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
rest() { # rest <port> <user:password> <path>: GET
  curl -s -u "$2" "http://localhost:$1$3"
}
post() { # post <port> <user:password> <path> <json>: prints the HTTP status
  curl -s -o "$OUT/last-answer" -w '%{http_code}' -u "$2" -H 'Content-Type: application/json' -d "$4" "http://localhost:$1$3"
}
upload_permit() { # upload_permit <port> <user:password> <task id>: uploads a 1x1 PNG as the permit (申报开工 requires it); prints the HTTP status
  echo 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==' | base64 -d > "$OUT/permit.png"
  curl -s -o "$OUT/last-answer" -w '%{http_code}' -u "$2" -F kind=PERMIT -F "file=@$OUT/permit.png" "http://localhost:$1/api/evidence/tasks/$3"
}
task_id() { # task_id <port> <user:password> <business key> <task definition key>
  rest "$1" "$2" "/engine-rest/task?processInstanceBusinessKey=$3&taskDefinitionKey=$4" | json 'd[0]["id"] if d else ""'
}
stage() { rest "$1" "$ADMIN" "/api/projects/$2" | json 'd["stage"]'; }
count() { rest "$1" "$ADMIN" "/engine-rest/$2/count" | json 'd["count"]'; }
state() { # what must survive: engine counts and the ledger, one line
  local p=$1
  echo "jobs=$(count "$p" job) incidents=$(count "$p" incident) instances=$(count "$p" process-instance)" \
    "finished-tasks=$(rest "$p" "$ADMIN" '/engine-rest/history/task/count?finished=true' | json 'd["count"]')" \
    "accountability=$(rest "$p" "$ADMIN" /api/accountability | json 'len(d)')" \
    "stages=$(rest "$p" "$ADMIN" '/api/projects?size=200' | json '",".join(f"{k}:{v}" for k,v in sorted(__import__("collections").Counter(x["stage"] for x in (d if isinstance(d,list) else d["content"])).items()))')"
}
start_node() { # start_node <port> <log> [extra args]: starts the jar, waits for readiness; seconds taken in STARTED
  local port=$1 log=$2 t0
  shift 2
  t0=$(date +%s.%N)
  java -jar "$JAR" --spring.profiles.active=demo,postgres --server.port="$port" \
    --camunda.bpm.generic-properties.properties.hostname="node-$port" "$@" > "$OUT/$log" 2>&1 &
  PID[$port]=$!
  for _ in $(seq 1 240); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/actuator/health/readiness")" = 200 ]; then
      STARTED=$(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)")
      return 0
    fi
    kill -0 "${PID[$port]}" 2>/dev/null || break
    sleep 0.5
  done
  return 1
}
# Tasklist in a browser: open the page (XSRF-TOKEN cookie), post the login form with the token, then load the user:
# the login starts a new session whose token comes with that next answer.
COOKIES=$OUT/cookies
xsrf() { awk '$6 == "XSRF-TOKEN" {print $7}' "$COOKIES"; }
tasklist_login() { # tasklist_login <port> <user>
  rm -f "$COOKIES"
  curl -s -o /dev/null -c "$COOKIES" -b "$COOKIES" "http://localhost:$1/camunda/app/tasklist/default/"
  curl -s -o /dev/null -c "$COOKIES" -b "$COOKIES" -H "X-XSRF-TOKEN: $(xsrf)" --data-urlencode "username=$2" \
    --data-urlencode password=demo "http://localhost:$1/camunda/api/admin/auth/user/default/login/tasklist"
  curl -s -c "$COOKIES" -b "$COOKIES" "http://localhost:$1/camunda/api/admin/auth/user/default" | json 'd["userId"]'
}
session_user() { curl -s -b "$COOKIES" "http://localhost:$1/camunda/api/admin/auth/user/default" | json 'd["userId"]' 2>/dev/null; }
session_post() { # session_post <port> <path under the webapp's engine API> <json>: prints the HTTP status
  curl -s -o "$OUT/last-answer" -w '%{http_code}' -b "$COOKIES" -c "$COOKIES" -H "X-XSRF-TOKEN: $(xsrf)" \
    -H 'Content-Type: application/json' -d "$3" "http://localhost:$1/camunda/api/engine/engine/default$2"
}

# --- preparation --------------------------------------------------------------------------------------------------
machine
JAR=${JAR:-$(ls target/tuijin-*.jar 2>/dev/null | grep -v original | head -1)}
if [ -z "$JAR" ]; then
  echo "building the jar: mvn -q -DskipTests package"
  mvn -q -DskipTests package || exit 1
  JAR=$(ls target/tuijin-*.jar | grep -v original | head -1)
fi
for port in "$P1" "$P2"; do
  if curl -s -o /dev/null "http://localhost:$port/"; then echo "port $port is in use: stop what runs there or set NODE1_PORT/NODE2_PORT"; exit 2; fi
done
echo "jar: $JAR; database: $TUIJIN_DB_URL (user $TUIJIN_DB_USER); nodes on $P1 and $P2"

if [ "$RECREATE" = 1 ]; then
  db=${TUIJIN_DB_URL##*/}; db=${db%%\?*}
  dbport=$(echo "$TUIJIN_DB_URL" | sed -n 's#.*://[^:/]*:\([0-9]*\)/.*#\1#p'); dbport=${dbport:-5432}
  if [ -n "${TUIJIN_PSQL:-}" ]; then read -r -a PSQL <<< "$TUIJIN_PSQL"
  elif [ "$(id -u)" = 0 ]; then PSQL=(runuser -u postgres -- psql)
  else PSQL=(sudo -u postgres psql); fi
  echo "recreating database $db, owner $TUIJIN_DB_USER, with: ${PSQL[*]} -p $dbport"
  if ! PGOPTIONS="-c client_min_messages=warning" "${PSQL[@]}" -p "$dbport" -q -v ON_ERROR_STOP=1 -v db="$db" -v owner="$TUIJIN_DB_USER" -v pw="$TUIJIN_DB_PASSWORD" <<'SQL'
select format('drop database if exists %I with (force)', :'db') \gexec
select format('create user %I', :'owner') where not exists (select from pg_roles where rolname = :'owner') \gexec
select format('alter user %I password %L', :'owner', :'pw') \gexec
select format('create database %I owner %I', :'db', :'owner') \gexec
SQL
  then echo "could not (re)create the database: is PostgreSQL running (pg_lsclusters)?"; exit 2; fi
fi

TODAY=$(TZ=Asia/Shanghai date +%F)

# --- 1. node 1 alone, then node 2 -------------------------------------------------------------------------------
echo
echo "== 1. start node 1 alone (creates the tables and the demo city), then node 2"
start_node "$P1" "node-$P1.log" && pass "node 1 ready on $P1 after $STARTED s (first start: tables and demo city)" \
  || { fail "node 1 did not start: see $OUT/node-$P1.log"; exit 1; }
check "fresh demo city: XM-2026-010 waits for its start claim" yes \
  "$([ -n "$(task_id "$P1" wangjg:demo XM-2026-010 Task_ClaimStart)" ] && echo yes || echo no)"
# The second node's demo mail catcher would find its ports taken by the first one's: off on node 2.
start_node "$P2" "node-$P2.log" --tuijin.demo.inbox.enabled=false && pass "node 2 ready on $P2 after $STARTED s" \
  || { fail "node 2 did not start: see $OUT/node-$P2.log"; exit 1; }
for port in "$P1" "$P2"; do
  check "readiness of $port" 200 "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/actuator/health/readiness")"
done

# --- 2. Tasklist session from node 1 used on node 2 ----------------------------------------------------------------
echo
echo "== 2. log into Tasklist on node 1 as wangjg, go on with the same session on node 2"
check "Tasklist login on $P1" wangjg "$(tasklist_login "$P1" wangjg)"
check "same SESSION cookie on $P2 is logged in" wangjg "$(session_user "$P2")"
claim=$(task_id "$P2" wangjg:demo XM-2026-010 Task_ClaimStart)
check "claim 申报开工｜临江大道快速化改造 through $P2's Tasklist API (session of $P1)" 204 \
  "$(session_post "$P2" "/task/$claim/claim" '{"userId":"wangjg"}')"
check "upload the permit photo on $P2" 201 "$(upload_permit "$P2" wangjg:demo "$claim")"
check "submit it (permit number, start date) through $P2" 204 \
  "$(session_post "$P2" "/task/$claim/submit-form" \
      "{\"variables\":{\"permitNo\":{\"value\":\"SG-2026-0110\",\"type\":\"String\"},\"startDate\":{\"value\":\"$TODAY\",\"type\":\"String\"}}}")"

# --- 3. engine REST on either node -----------------------------------------------------------------------------------
echo
echo "== 3. complete tasks with the engine REST API on either node, read the result on the other"
verify=$(task_id "$P1" zhengwt:demo XM-2026-010 Task_VerifyStart)
check "the verification appears on $P1" yes "$([ -n "$verify" ] && echo yes || echo no)"
check "zhengwt claims it on $P1" 204 "$(post "$P1" zhengwt:demo "/engine-rest/task/$verify/claim" '{"userId":"zhengwt"}')"
check "zhengwt approves it on $P1" 204 "$(post "$P1" zhengwt:demo "/engine-rest/task/$verify/submit-form" \
  '{"variables":{"approved":{"value":"true","type":"String"}}}')"
check "XM-2026-010 on $P2" "UNDER_CONSTRUCTION start $TODAY" \
  "$(rest "$P2" zhengwt:demo /api/projects/XM-2026-010 | json 'd["stage"] + " start " + str(d["actual"]["start"])')"
check "its accountability record (start overdue) closed, read on $P2" yes \
  "$(rest "$P2" zhengwt:demo '/api/accountability?project=XM-2026-010' | json '"yes" if any(r["kind"] == "MILESTONE" and r["completedAt"] for r in d) else "no"')"
report=$(rest "$P2" wangjg:demo '/engine-rest/task?processInstanceBusinessKey=XM-2026-019&taskDefinitionKey=Task_MonthlyReport' | json 'd[0]["id"]')
cumulative=$(rest "$P2" wangjg:demo /api/projects/XM-2026-019 | json 'int(max(r["cumulativeInvestment"] for r in d["monthlyReports"])) + 6000')
check "wangjg claims the monthly report of XM-2026-019 on $P2" 204 \
  "$(post "$P2" wangjg:demo "/engine-rest/task/$report/claim" '{"userId":"wangjg"}')"
check "wangjg submits it on $P2" 204 "$(post "$P2" wangjg:demo "/engine-rest/task/$report/submit-form" \
  "{\"variables\":{\"monthInvestment\":{\"value\":6000,\"type\":\"Double\"},\"cumulativeInvestment\":{\"value\":$cumulative,\"type\":\"Double\"},\"progressPercent\":{\"value\":45,\"type\":\"Double\"},\"problems\":{\"value\":\"无\",\"type\":\"String\"}}}")"
check "the report's cumulative investment, read on $P1" "$cumulative" \
  "$(rest "$P1" wangjg:demo /api/projects/XM-2026-019 | json 'int(max(r["cumulativeInvestment"] for r in d["monthlyReports"]))')"
before1=$(state "$P1")
before2=$(state "$P2")
check "both nodes see the same state" "$before1" "$before2"

# --- 4. SIGKILL node 1 while it completes a task ----------------------------------------------------------------------
echo
echo "== 4. node 1 completes a task; SIGKILL $KILL_AFTER s after the request was sent"
completion=$(task_id "$P1" wangjg:demo XM-2026-017 Task_ClaimCompletion)
check "wangjg claims 申报竣工｜老旧小区改造（一期） on $P1" 204 \
  "$(post "$P1" wangjg:demo "/engine-rest/task/$completion/claim" '{"userId":"wangjg"}')"
curl -s -o /dev/null -w '%{http_code}' -u wangjg:demo -H 'Content-Type: application/json' \
  -d "{\"variables\":{\"acceptanceDate\":{\"value\":\"$TODAY\",\"type\":\"String\"}}}" \
  "http://localhost:$P1/engine-rest/task/$completion/submit-form" > "$OUT/killed-request" &
request=$!
sleep "$KILL_AFTER"
kill -9 "${PID[$P1]}"
wait "${PID[$P1]}" 2>/dev/null
PID[$P1]=
wait "$request"
answered=$(cat "$OUT/killed-request")
info "node 1 killed; the request it was serving answered: ${answered/000/nothing (connection cut)}"
check "node 1 is gone" 000 "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$P1/actuator/health/readiness")"

# --- 5. on node 2: nothing lost -------------------------------------------------------------------------------------
echo
echo "== 5. on node 2: everything done before the kill is there"
check "readiness of $P2" 200 "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$P2/actuator/health/readiness")"
open=$(task_id "$P2" wangjg:demo XM-2026-017 Task_ClaimCompletion)
verifying=$(task_id "$P2" zhengwt:demo XM-2026-017 Task_VerifyCompletion)
if [ -n "$open" ] && [ -z "$verifying" ]; then
  pass "the interrupted completion was rolled back whole: the claim is still open (assignee $(rest "$P2" wangjg:demo "/engine-rest/task/$open" | json 'd["assignee"]'))"
  check "state on $P2 equals the state before the kill" "$before1" "$(state "$P2")"
elif [ -z "$open" ] && [ -n "$verifying" ]; then
  pass "the interrupted completion was committed whole: the verification is open"
  info "state before: $before1"
  info "state now:    $(state "$P2")"
else
  fail "the interrupted completion is half done: claim task '$open', verification '$verifying'"
fi
now=$(state "$P2")
check "incidents" 0 "$(count "$P2" incident)"
check "instances unchanged" "$(echo "$before1" | grep -o 'instances=[0-9]*')" "$(echo "$now" | grep -o 'instances=[0-9]*')"
check "accountability records kept" "$(echo "$before1" | grep -o 'accountability=[0-9]*')" "$(echo "$now" | grep -o 'accountability=[0-9]*')"
check "XM-2026-010 (done through both nodes)" UNDER_CONSTRUCTION "$(stage "$P2" XM-2026-010)"
check "XM-2026-019's report" "$cumulative" \
  "$(rest "$P2" "$ADMIN" /api/projects/XM-2026-019 | json 'int(max(r["cumulativeInvestment"] for r in d["monthlyReports"]))')"
info "jobs on $P2: $(count "$P2" job) (before the kill: $(echo "$before1" | grep -o 'jobs=[0-9]*'))"
check "the Tasklist session (logged in on node 1) still works on $P2" wangjg "$(session_user "$P2")"

# --- 6. node 2 goes on ------------------------------------------------------------------------------------------------
echo
echo "== 6. node 2 goes on working"
if [ -n "$open" ]; then
  check "wangjg submits the interrupted completion again through $P2's Tasklist API" 204 \
    "$(session_post "$P2" "/task/$open/submit-form" "{\"variables\":{\"acceptanceDate\":{\"value\":\"$TODAY\",\"type\":\"String\"}}}")"
  verifying=$(task_id "$P2" zhengwt:demo XM-2026-017 Task_VerifyCompletion)
fi
check "zhengwt claims 核验竣工 on $P2" 204 "$(post "$P2" zhengwt:demo "/engine-rest/task/$verifying/claim" '{"userId":"zhengwt"}')"
check "zhengwt approves it on $P2" 204 "$(post "$P2" zhengwt:demo "/engine-rest/task/$verifying/submit-form" \
  '{"variables":{"approved":{"value":"true","type":"String"}}}')"
check "XM-2026-017 on $P2" "COMPLETED $TODAY" \
  "$(rest "$P2" "$ADMIN" /api/projects/XM-2026-017 | json 'd["stage"] + " " + str(d["actual"]["completion"])')"

# --- 7. node 1 joins again --------------------------------------------------------------------------------------------
echo
echo "== 7. restart node 1: it joins again"
start_node "$P1" "node-$P1-restart.log" && pass "node 1 ready again on $P1 after $STARTED s" \
  || { fail "node 1 did not start again: see $OUT/node-$P1-restart.log"; exit 1; }
check "state on $P1 equals $P2" "$(state "$P2")" "$(state "$P1")"
claim=$(rest "$P1" wangjg:demo '/engine-rest/task?candidateGroup=zjj&taskDefinitionKey=Task_ClaimStart' | json 'd[0]["id"]')
key=$(rest "$P1" wangjg:demo "/engine-rest/task/$claim" | json 'd["name"]')
check "wangjg claims $key on $P1" 204 "$(post "$P1" wangjg:demo "/engine-rest/task/$claim/claim" '{"userId":"wangjg"}')"
check "wangjg uploads the permit photo on $P1" 201 "$(upload_permit "$P1" wangjg:demo "$claim")"
check "wangjg submits it on $P1" 204 "$(post "$P1" wangjg:demo "/engine-rest/task/$claim/submit-form" \
  "{\"variables\":{\"permitNo\":{\"value\":\"SG-2026-0120\",\"type\":\"String\"},\"startDate\":{\"value\":\"$TODAY\",\"type\":\"String\"}}}")"
check "its verification is open, read on $P2" yes \
  "$(rest "$P2" zhengwt:demo '/engine-rest/task?taskDefinitionKey=Task_VerifyStart' | json '"yes" if any(t["name"] == "'"${key/申报开工/核验开工}"'" for t in d) else "no"')"

# --- 8. health, metrics, who ran the jobs -------------------------------------------------------------------------------
echo
echo "== 8. health and metrics on both nodes"
for port in "$P1" "$P2"; do
  metrics=$(curl -s -u "$ADMIN" "http://localhost:$port/actuator/prometheus")
  executed=$(echo "$metrics" | sed -n 's/^tuijin_jobs_executed_total{[^}]*} //p')
  check "tuijin_jobs_executed_total on $port (admin) present" yes "$([ -n "$executed" ] && echo yes || echo no)"
  info "$port: tuijin_jobs_executed_total $executed, tuijin_incidents $(echo "$metrics" | sed -n 's/^tuijin_incidents{[^}]*} //p')," \
    "job executor $(rest "$port" "$ADMIN" /actuator/health | json 'd["components"]["jobExecutor"]["status"] + " lockOwner " + d["components"]["jobExecutor"]["details"]["lockOwner"]')"
done
check "incidents on both" "0 0" "$(count "$P1" incident) $(count "$P2" incident)"
info "successful jobs by node (job log's hostname): $(rest "$P2" "$ADMIN" '/engine-rest/history/job-log?successLog=true&maxResults=100000' \
  | json '", ".join(f"{k} {v}" for k,v in sorted(__import__("collections").Counter(j["hostname"] for j in d).items()))')"

echo
echo "stopping both nodes"
cleanup
echo
machine
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
