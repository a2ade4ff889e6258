#!/usr/bin/env bash
# Prints page.html to page.pdf with headless Chromium and writes pdftotext's text beside it, the
# reference for bench/pdf-extract.md. Needs: apt-get install -y chromium poppler-utils.
set -euo pipefail
cd "$(dirname "$0")"
profile=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --disable-sync --user-data-dir="$profile" \
    --no-pdf-header-footer --print-to-pdf=page.pdf "file://$PWD/page.html" 2>/dev/null
rm -rf "$profile"
pdftotext page.pdf page.pdftotext.txt
