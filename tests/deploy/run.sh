#!/usr/bin/env bash
# Deploying (SPEC §4.2) on real servers: the example site served by Debian's nginx (with
# `werkplaats deploy-config nginx`), Caddy (`deploy-config caddy`) and Apache (the built
# `.htaccess`, `AllowOverride All`, and once more without mod_headers and mod_alias, which
# must still serve the site), each on a loopback port with a throwaway config. On each,
# curl checks the types, CORS on feeds exactly once, no attachment, the cache headers, the
# 404 page per language with status 404, every redirect of `_redirects` (301 to its
# target) and the security headers. Through nginx, Chromium loads the home, agenda, embed
# and search pages under the policy and finds no violation (csp.mjs), and khal imports a
# feed as served. Installs what it needs from Debian.
set -euo pipefail
cd "$(dirname "$0")"
source ../khal.sh
repo=$(cd ../.. && pwd)
work="$repo/target/deploy-test"
site="$work/site"

need=()
python3 -c "import yaml" 2>/dev/null || need+=(python3-yaml)
command -v nginx >/dev/null || need+=(nginx)
command -v caddy >/dev/null || need+=(caddy)
command -v apache2 >/dev/null || need+=(apache2)
command -v khal >/dev/null || need+=(khal)
command -v curl >/dev/null || need+=(curl)
command -v chromium >/dev/null || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  # Packages only: no service is started (there may be no init system, and port 80 is not ours).
  made_policy=no
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    made_policy=yes
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
  [ "$made_policy" = no ] || rm -f /usr/sbin/policy-rc.d
fi

rm -rf "$work"
mkdir -p "$work"
bin="${CARGO_TARGET_DIR:-$repo/target}/release/werkplaats"
(cd "$repo" && cargo build --release --locked -q)
"$bin" build --root "$repo" --now "2026-11-21 12:00" --out "$site" >/dev/null
# A .wasm file, to see its type served (Pagefind's WebAssembly is named .pagefind).
cp "$site/pagefind/wasm.nl.pagefind" "$site/check.wasm"
# Servers run as another user where we are root: they must be able to read the site.
chmod -R a+rX "$work"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {
  for _ in $(seq 100); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "FAIL no answer from $1"; return 1
}

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

fails=0
fail() { echo "FAIL [$server] $*"; fails=$((fails + 1)); }
# header URL NAME: the values of one response header (one line each), lowercase name.
header() { curl -s -o /dev/null -D - "$1" | tr -d '\r' | grep -i "^$2:" | cut -d' ' -f2- || true; }
status() { curl -s -o /dev/null -w '%{http_code}' "$1"; }

expect_type() {
  local got; got=$(header "$base$1" content-type)
  [ "$got" = "$2" ] || fail "$1: Content-Type '$got', expected '$2'"
}

check_server() {
  local base=$1 headers_module=$2
  expect_type / "text/html; charset=utf-8"
  expect_type /agenda.ics "text/calendar; charset=utf-8"
  expect_type /en/agenda.atom "application/atom+xml; charset=utf-8"
  expect_type /agenda.json "application/json; charset=utf-8"
  expect_type /style.css "text/css; charset=utf-8"
  expect_type /agenda.js "text/javascript; charset=utf-8"
  expect_type /check.wasm "application/wasm"
  local feeds=(/agenda.ics /agenda.atom /agenda.json /en/agenda.ics /agenda.schema.json)
  feeds+=("$(cd "$site" && find locaties -name agenda.json | head -1 | sed 's|^|/|')")
  feeds+=("$(cd "$site" && find agenda -maxdepth 1 -name '*.ics' | head -1 | sed 's|^|/|')")
  for f in "${feeds[@]}"; do
    [ "$(status "$base$f")" = 200 ] || fail "$f: status $(status "$base$f")"
    if [ "$headers_module" = yes ]; then
      local cors; cors=$(header "$base$f" access-control-allow-origin)
      [ "$cors" = "*" ] || fail "$f: Access-Control-Allow-Origin '$cors' (once, '*' expected)"
      [ "$(header "$base$f" cache-control)" = "no-cache" ] || fail "$f: Cache-Control '$(header "$base$f" cache-control)'"
    fi
    [ -z "$(header "$base$f" content-disposition)" ] || fail "$f: a Content-Disposition"
  done
  # Revalidation needs a validator.
  [ -n "$(header "$base/agenda.ics" etag)$(header "$base/agenda.ics" last-modified)" ] || fail "no ETag or Last-Modified"
  local picture; picture=$(cd "$site" && find media -name '*.webp' | head -1)
  [ "$(status "$base/$picture")" = 200 ] || fail "/$picture: status $(status "$base/$picture")"
  if [ "$headers_module" = yes ]; then
    [ "$(header "$base/" cache-control)" = "no-cache" ] || fail "/: Cache-Control '$(header "$base/" cache-control)'"
    [ "$(header "$base/$picture" cache-control)" = "public, max-age=86400" ] || fail "/$picture: Cache-Control '$(header "$base/$picture" cache-control)'"
    [ "$(header "$base/" x-content-type-options)" = nosniff ] || fail "/: no nosniff"
    local csp; csp=$(header "$base/" content-security-policy)
    case "$csp" in *"default-src 'self'"*) ;; *) fail "/: Content-Security-Policy '$csp'" ;; esac
    case "$csp" in *wasm-unsafe-eval*) fail "/: WebAssembly allowed beyond search" ;; esac
    case "$(header "$base/zoeken/" content-security-policy)" in *wasm-unsafe-eval*) ;; *) fail "/zoeken/: no wasm-unsafe-eval" ;; esac
    case "$(header "$base/en/search/" content-security-policy)" in *wasm-unsafe-eval*) ;; *) fail "/en/search/: no wasm-unsafe-eval" ;; esac
    [ "$(header "$base/zoeken/" content-security-policy | wc -l)" = 1 ] || fail "/zoeken/: more than one policy"
  fi
  # The 404 page of the URL's language, with status 404.
  [ "$(status "$base/bestaat-niet/")" = 404 ] || fail "/bestaat-niet/: status $(status "$base/bestaat-niet/")"
  curl -s "$base/bestaat-niet/" | grep -q '<html lang="nl"' || fail "/bestaat-niet/: not the Dutch 404 page"
  [ "$(status "$base/en/does-not-exist/")" = 404 ] || fail "/en/does-not-exist/: status $(status "$base/en/does-not-exist/")"
  curl -s "$base/en/does-not-exist/" | grep -q '<html lang="en"' || fail "/en/does-not-exist/: not the English 404 page"
  # A missing feed, and a path without its slash, get the page of their language too, as HTML.
  for missing in /en/locations/nowhere/agenda.ics /en/nowhere /agenda/bestaat-niet.ics; do
    [ "$(status "$base$missing")" = 404 ] || fail "$missing: status $(status "$base$missing")"
    local want=nl
    case "$missing" in /en/*) want=en ;; esac
    curl -s "$base$missing" | grep -q "<html lang=\"$want\"" || fail "$missing: not the $want 404 page"
    case "$(header "$base$missing" content-type)" in text/html*) ;; *) fail "$missing: 404 as '$(header "$base$missing" content-type)'" ;; esac
    [ -z "$(header "$base$missing" access-control-allow-origin)" ] || fail "$missing: CORS on the 404 page"
  done
  # Every redirect the build wrote.
  if [ "$3" = yes ]; then
    local n=0 from to code
    while read -r from to code; do
      case "$code" in 301!) ;; *) continue ;; esac
      n=$((n + 1))
      local got; got=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$base$from")
      [ "$got" = "301 $base$to" ] || fail "$from: '$got', expected '301 $base$to'"
    done < <(grep -v '^#' "$site/_redirects")
    [ "$n" -gt 10 ] || fail "only $n redirects"
  fi
  if [ "$3" = yes ]; then
    [ "$(status "$base/_headers")" != 200 ] || fail "/_headers is served"
  fi
}

echo "== deploy/: the GitHub Actions and GitLab CI files parse and build with werkplaats only"
python3 -c "import yaml" 2>/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-yaml; }
python3 - "$repo/deploy" <<'PY'
import sys, yaml
folder = sys.argv[1]
gh = yaml.safe_load(open(f"{folder}/github-pages.yml"))
# YAML 1.1 reads the key `on` as true.
trigger = gh.get("on", gh.get(True))
assert "push" in trigger, trigger
steps = gh["jobs"]["publish"]["steps"]
runs = [s["run"] for s in steps if "run" in s]
assert runs == ["cargo build --release --locked", "./target/release/werkplaats build --out public"], runs
assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps), steps
gl = yaml.safe_load(open(f"{folder}/gitlab-pages.yml"))
assert gl["pages"]["script"] == runs, gl["pages"]["script"]
assert gl["pages"]["artifacts"]["paths"] == ["public"], gl["pages"]
print("deploy/: both workflows parse; each runs", runs)
PY

echo "== nginx $(nginx -v 2>&1 | cut -d/ -f2)"
server=nginx
port=$(free_port)
mkdir -p "$work/nginx"
"$bin" deploy-config nginx --root "$repo" --out "$site" \
  | sed -e "s/listen 80;/listen 127.0.0.1:$port;/" -e '/listen \[::\]:80;/d' > "$work/nginx/site.conf"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat > "$work/nginx/nginx.conf" <<CONF
$user_line
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  include $work/nginx/site.conf;
}
CONF
nginx -t -q -c "$work/nginx/nginx.conf" -p "$work/nginx"
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
pids+=($!)
nginx_base="http://127.0.0.1:$port"
wait_for "$nginx_base/"
check_server "$nginx_base" yes yes

echo "== Caddy $(caddy version | cut -d' ' -f1)"
server=caddy
port=$(free_port)
mkdir -p "$work/caddy"
{
  printf '{\n\tadmin off\n\tauto_https off\n}\n'
  "$bin" deploy-config caddy --root "$repo" --out "$site" | sed -e "s,^http://[^ ]* {,http://127.0.0.1:$port {,"
} > "$work/caddy/Caddyfile"
XDG_DATA_HOME="$work/caddy" XDG_CONFIG_HOME="$work/caddy" caddy run --config "$work/caddy/Caddyfile" --adapter caddyfile >"$work/caddy/log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/" || { cat "$work/caddy/log"; exit 1; }
check_server "http://127.0.0.1:$port" yes yes

apache_conf() {
  local dir=$1 port=$2 override=$3; shift 3
  mkdir -p "$dir"
  {
    echo "ServerRoot /etc/apache2"
    echo "DefaultRuntimeDir $dir"
    echo "PidFile $dir/httpd.pid"
    echo "ErrorLog $dir/error.log"
    echo "Mutex file:$dir default"
    echo "Listen 127.0.0.1:$port"
    echo "ServerName 127.0.0.1"
    [ "$(id -u)" = 0 ] && { echo "User www-data"; echo "Group www-data"; }
    for m in mpm_event authz_core dir mime "$@"; do
      echo "LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so"
    done
    # No system type table: the types served are the .htaccess's.
    echo "TypesConfig /dev/null"
    echo "DocumentRoot \"$site\""
    echo "<Directory \"$site\">"
    echo "  AllowOverride $override"
    echo "  Require all granted"
    echo "</Directory>"
    echo "DirectoryIndex index.html"
  } > "$dir/httpd.conf"
}

# start_apache NAME OVERRIDE MODULES…: Apache on a free port with the site, then its checks.
start_apache() {
  local name=$1 override=$2 full=no
  shift 2
  server=$name
  [ $# -gt 0 ] && full=yes
  port=$(free_port)
  apache_conf "$work/$name" "$port" "$override" "$@"
  apache2 -f "$work/$name/httpd.conf" -DFOREGROUND &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/" || { cat "$work/$name/error.log"; exit 1; }
  check_server "http://127.0.0.1:$port" "$full" "$full"
}

echo "== Apache $(apache2 -v | head -1 | cut -d/ -f2 | cut -d' ' -f1)"
start_apache apache All headers setenvif alias
echo "== Apache with AllowOverride FileInfo only (what some hosts allow)"
start_apache apache-fileinfo FileInfo headers setenvif alias
echo "== Apache without mod_headers, mod_setenvif and mod_alias (the site is served, without those parts)"
start_apache apache-bare All

echo "== khal imports a feed as nginx serves it"
server=khal
kdir="$work/khal"
khal_calendar "$kdir" served
curl -sf "$nginx_base/agenda.ics" -o "$kdir/agenda.ics"
khal -c "$kdir/config" import --batch -a served "$kdir/agenda.ics" >"$kdir/log" 2>&1 || fail "khal import: $(tail -5 "$kdir/log")"
if grep -Eiq 'error|traceback|warning' "$kdir/log"; then fail "khal: $(head -5 "$kdir/log")"; fi
events=$(find "$kdir/calendar" -name '*.ics' | wc -l)
[ "$events" -gt 0 ] || fail "khal imported nothing"
echo "khal: imported $events events from $nginx_base/agenda.ics"

echo "== Chromium through nginx: no policy violation on the home, agenda, embed and search pages"
server=chromium
[ -d ../a11y/node_modules/playwright-core ] || (cd ../a11y && npm ci --no-audit --no-fund)
node ../a11y/csp.mjs "$nginx_base" || fail "a page breaks the policy"

if [ "$fails" -gt 0 ]; then
  echo "deploy: $fails failures"
  exit 1
fi
echo "deploy: every check passed on nginx, Caddy and Apache"
