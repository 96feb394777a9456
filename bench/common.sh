# Sourced by the benches (from the repository root): `data` is the public data folder
# (LUREWATCH_DATA or ../shared/data), `work` the scratch folder under target/, and
# `bench_venv MODULE=PACKAGE…` makes the Python venv under target/bench-venv (network access to
# PyPI the first time), installs each PACKAGE whose MODULE does not import yet, and sets `venv`
# to its folder.
data=${LUREWATCH_DATA:-../shared/data}
work=target/bench-data
mkdir -p "$work"

bench_venv() {
  venv=target/bench-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  local pair
  for pair in "$@"; do
    "$venv/bin/python" -c "import ${pair%%=*}" 2>/dev/null || "$venv/bin/pip" install -q "${pair#*=}"
  done
}
