#!/usr/bin/env bash
# Renders resources/icon.svg to the PNG icon set electron-builder packs (needs rsvg-convert,
# Debian package librsvg2-bin). The PNGs are committed: packaging does not need this script.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p resources/icons
rsvg-convert -w 512 -h 512 resources/icon.svg -o resources/icon.png
rsvg-convert -w 1024 -h 1024 resources/icon.svg -o resources/icon@2x.png
for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" resources/icon.svg -o "resources/icons/${size}x${size}.png"
done
