#!/usr/bin/env bash
# Runs the whole Zoufang service locally: PostgreSQL and an S3 server (S3Proxy) with their data under
# .local/, the service itself with demo data, listening on 127.0.0.1 only (it prints the demo passwords).
# Stays in the foreground; Ctrl-C stops everything it started. Started in the background (where a shell
# ignores Ctrl-C's SIGINT), stop it with SIGTERM: kill "$(cat .local/run/run.pid)".
#
# Environment (all optional): PORT (8080), MANAGEMENT_PORT (9001: health and metrics), ZOUFANG_PG_PORT
# (15432), ZOUFANG_S3_PORT (9000), ZOUFANG_HOST (127.0.0.1; 0.0.0.0 opens it to the network),
# ZOUFANG_DEMO_PASSWORD (Zoufang@2026), ZOUFANG_DEMO_ZONE_SCALE (0.02: 6 groups, 200 enterprises, three years
# of generated visits and issues beside the demo data; 0 for none), ZOUFANG_JAVA (the java that runs the
# service: java on the PATH), ZOUFANG_JAVA_OPTS (more options for the service's JVM, e.g. an AOT cache).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-9001}
HOST=${ZOUFANG_HOST:-127.0.0.1}
PG_PORT=${ZOUFANG_PG_PORT:-15432}
S3_PORT=${ZOUFANG_S3_PORT:-9000}
DEMO_PASSWORD=${ZOUFANG_DEMO_PASSWORD:-Zoufang@2026}
# Generated history beside the demo data, so the console has months to show (0 for none).
ZONE_SCALE=${ZOUFANG_DEMO_ZONE_SCALE:-0.02}
RUN_DIR=.local/run

# shellcheck source=scripts/lib.sh
. scripts/lib.sh
ensure_java
ensure_node
ensure_document_font
mkdir -p "$RUN_DIR"
echo "$$" > "$RUN_DIR/run.pid"

for port in "$PORT" "$MANAGEMENT_PORT" "$PG_PORT" "$S3_PORT"; do
  if port_in_use "$port"; then
    echo "端口 $port 已被占用：请先停止占用它的程序，或用 PORT / MANAGEMENT_PORT / ZOUFANG_PG_PORT / ZOUFANG_S3_PORT 换一个端口。" >&2
    exit 1
  fi
done

echo "==> 构建（./mvnw package）"
./mvnw -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/local-classpath.txt -Dmdep.includeScope=test

services_pid=""
app_pid=""
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "==> 正在停止"
  stop_pid "$app_pid" "$RUN_DIR/app.pid"
  stop_pid "$services_pid" "$RUN_DIR/services.pid"
  rm -f "$RUN_DIR/run.pid"
}
trap stop_all INT TERM EXIT

echo "==> 启动 PostgreSQL 与 S3（数据在 .local/）"
rm -f .local/services.properties
java -Xmx384m -cp "target/test-classes:target/classes:$(cat target/local-classpath.txt)" \
  cn.zoufang.testsupport.LocalServicesMain .local "$PG_PORT" "$S3_PORT" > "$RUN_DIR/services.log" 2>&1 &
services_pid=$!
echo "$services_pid" > "$RUN_DIR/services.pid"
for _ in $(seq 1 120); do
  [ -f .local/services.properties ] && break
  kill -0 "$services_pid" 2>/dev/null || { cat "$RUN_DIR/services.log" >&2; exit 1; }
  sleep 0.5
done
[ -f .local/services.properties ] || { echo "本地服务未能在 60 秒内启动，见 $RUN_DIR/services.log" >&2; exit 1; }

props=()
while IFS='=' read -r key value; do
  [ -n "$key" ] && props+=("-D$key=$value")
done < .local/services.properties

echo "==> 启动服务（迁移数据库并载入演示数据）"
# shellcheck disable=SC2086 # ZOUFANG_JAVA_OPTS is a list of options
"${ZOUFANG_JAVA:-java}" -Xmx512m ${ZOUFANG_JAVA_OPTS:-} "${props[@]}" -Dquarkus.profile=local -Dquarkus.http.port="$PORT" \
  -Dquarkus.http.host="$HOST" -Dquarkus.management.host="$HOST" -Dquarkus.management.port="$MANAGEMENT_PORT" \
  -Dzoufang.demo.password="$DEMO_PASSWORD" \
  -Dmp.jwt.verify.publickey.location="$PWD/.local/keys/jwt-public.pem" \
  -Dsmallrye.jwt.sign.key.location="$PWD/.local/keys/jwt-private.pem" \
  -jar target/quarkus-app/quarkus-run.jar &
app_pid=$!
echo "$app_pid" > "$RUN_DIR/app.pid"

for _ in $(seq 1 120); do
  if http_ok "$MANAGEMENT_PORT" /q/health/ready; then
    break
  fi
  kill -0 "$app_pid" 2>/dev/null || { echo "服务启动失败" >&2; exit 1; }
  sleep 0.5
done

if [ "$ZONE_SCALE" != "0" ]; then
  echo "==> 生成三年的开发区历史数据（规模 $ZONE_SCALE，只在第一次运行时生成）"
  java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/local-classpath.txt)" \
    cn.zoufang.testsupport.ZoneGeneratorMain .local/services.properties "$ZONE_SCALE"
fi

cat <<INFO

============================================================
 Zoufang 走访 已启动：http://127.0.0.1:$PORT （只在 $HOST 上监听）
 办公室工作台：http://127.0.0.1:$PORT/console （用 13800000002 登录）
 健康检查：curl http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready （管理端口）
 接口契约：http://127.0.0.1:$MANAGEMENT_PORT/q/openapi

 演示账号（密码均为 $DEMO_PASSWORD）：
   13800000001  系统管理员
   13800000002  领导小组办公室
   13800000003  企情收处中心
   13800000004  带队区领导（第一挂点帮扶小组）
   13800000005  挂点干部（第一挂点帮扶小组）
   13800000006  带队区领导（第二挂点帮扶小组）
   13800000007  挂点干部（第二挂点帮扶小组）
   13800000008  责任单位经办人（区经发局）
   13800000009  企业联系人（欧菲光（演示））
   13800000010  企业联系人（江铃新能源（演示））

 登录示例：
   curl -s -X POST http://127.0.0.1:$PORT/api/v1/auth/login \\
        -H 'Content-Type: application/json' \\
        -d '{"phone":"13800000005","password":"$DEMO_PASSWORD"}'

 按 Ctrl-C 停止全部（服务、PostgreSQL、S3）；在后台运行时：kill "\$(cat $RUN_DIR/run.pid)"。
============================================================
INFO

wait "$app_pid"
