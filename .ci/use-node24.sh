# Sourced by .ci/run (and usable in a shell: `source .ci/use-node24.sh`): puts Node 24 first on PATH,
# installing it from the npm registry (the `node` package ships the binary) when the machine's Node is < 22.
NODE_PACKAGE_VERSION=24.21.0
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 22 ]; then
  node_cache="${XDG_CACHE_HOME:-$HOME/.cache}/sparki-node/$NODE_PACKAGE_VERSION"
  if [ ! -x "$node_cache/node_modules/node/bin/node" ]; then
    npm install --prefix "$node_cache" --no-save --no-audit --no-fund "node@$NODE_PACKAGE_VERSION" >/dev/null
  fi
  export PATH="$node_cache/node_modules/node/bin:$PATH"
fi
