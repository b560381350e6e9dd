#!/usr/bin/env bash
# SwarmDesk test lab: a Docker Swarm of 3 managers and 2 workers (or as many workers as asked, for
# benchmarks at scale) on one Linux machine.
#
# Every node is a dockerd in its own network namespace (veth into bridge sdbr0, 10.77.0.0/24) and its
# own mount + UTS namespace (own /sys, own /run, own hostname). Next to it: a registry on
# 10.77.0.1:5000 with offline-built busybox test images, and an sshd in every node's namespaces
# (port 22, workers only from the managers; manager1 also on port 2222 without unix-socket forwarding).
#
# Usage: lab.sh up [--workers N] | down | status [--json] | stop-node NAME | start-node NAME [--no-wait]
#               | exec NAME -- CMD... | ssh [-p PORT] [NODE] [CMD...]
# Needs root. See scripts/lab/README.md.
# shellcheck disable=SC2015,SC2016  # `a && b || true` is deliberate; '...' bodies run in a child shell
set -euo pipefail

SCRIPT_PATH="$(readlink -f "${BASH_SOURCE[0]}")"
SCRIPT_DIR="$(dirname "$SCRIPT_PATH")"
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}"
# The lab always names its daemons explicitly; never let the caller's docker environment leak in.
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH

LAB_DIR="${SWARMDESK_LAB_DIR:-/var/tmp/swarmdesk-lab}"
LAB_DIR="${LAB_DIR%/}"
BRIDGE=sdbr0
BRIDGE_IP=10.77.0.1
SUBNET=10.77.0.0/24
REGISTRY="$BRIDGE_IP:5000"
MANAGERS=(manager1 manager2 manager3)
# solo: an engine of its own, in no swarm (for `swarm init`/`leave` and "not in a swarm" tests).
STANDALONE=(solo)
declare -A NODE_IP=([manager1]=10.77.0.11 [manager2]=10.77.0.12 [manager3]=10.77.0.13 [solo]=10.77.0.31)
declare -A NODE_ROLE=([manager1]=manager [manager2]=manager [manager3]=manager [solo]=standalone)
# The test suites expect the standard lab (2 workers); `up --workers N` grows or shrinks it, and the
# count is remembered in $WORKERS_FILE so that every later command sees the same nodes.
STANDARD_WORKERS=2
MAX_WORKERS=150
JOIN_PARALLEL=8
WORKERS_FILE="$LAB_DIR/workers"
NODES=()
ENGINES=()
SSH_HOST=10.77.0.11
SSH_PORT=22
SSH_NOFWD_PORT=2222
SSH_USER=root
SSH_PASSPHRASE=lab-passphrase
SSH_DIR="$LAB_DIR/ssh"
IMG_WEB1="$REGISTRY/swarmdesk/web:1"
IMG_WEB2="$REGISTRY/swarmdesk/web:2"
IMG_SLEEPER="$REGISTRY/swarmdesk/sleeper:1"
IMAGES=("$IMG_WEB1" "$IMG_WEB2" "$IMG_SLEEPER")
HASH_LABEL=org.swarmdesk.lab.hash
CGROUP_PARENT=swarmdesk-lab          # containers of node N live in cgroup /swarmdesk-lab/N
MARKER="$LAB_DIR/.swarmdesk-lab"     # "this directory belongs to the lab" (down may delete it)
UP_MARKER="$LAB_DIR/.up"             # written when `up` completed

# ---------------------------------------------------------------------------------------------
# layout: which nodes the lab has

# workerK's address: worker1 and worker2 at .21 and .22 (as the tests know them), the others from
# .103 up (worker3 = .103 ... worker150 = .250), clear of the managers (.11-.13) and solo (.31).
worker_ip() { if (($1 <= 2)); then printf '10.77.0.%s' $((20 + $1)); else printf '10.77.0.%s' $((100 + $1)); fi; }

# set_layout N: NODES, ENGINES, NODE_IP and NODE_ROLE for 3 managers and N workers
set_layout() {
  local k
  WORKERS=$1
  NODES=("${MANAGERS[@]}")
  for ((k = 1; k <= WORKERS; k++)); do
    NODES+=("worker$k")
    NODE_IP[worker$k]=$(worker_ip "$k")
    NODE_ROLE[worker$k]=worker
  done
  ENGINES=("${NODES[@]}" "${STANDALONE[@]}")
  SSH_NODES=("${NODES[@]}")
}

# the worker count the lab was brought up with (the standard one when it never was)
recorded_workers() {
  local w
  w=$([[ -f $WORKERS_FILE ]] && tr -dc '0-9' <"$WORKERS_FILE" || true)
  printf '%s' "${w:-$STANDARD_WORKERS}"
}

set_layout "$(recorded_workers)"

# ---------------------------------------------------------------------------------------------
# helpers

log() { printf '[lab] %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

node_dir() { printf '%s/%s' "$LAB_DIR" "$1"; }
node_sock() { printf '%s/%s/docker.sock' "$LAB_DIR" "$1"; }
node_log() { printf '%s/%s/dockerd.log' "$LAB_DIR" "$1"; }

# dk NODE ARGS...: docker CLI against one node (bounded, so a hung daemon cannot hang the lab).
dk() {
  local n=$1; shift
  timeout 120 docker -H "unix://$(node_sock "$n")" "$@"
}

is_node() {
  local n
  for n in "${NODES[@]}"; do [[ $n == "$1" ]] && return 0; done
  return 1
}

# pid_alive PID [COMM]: process exists, is not a zombie and (optionally) has that comm.
pid_alive() {
  local pid=$1 comm=${2:-} stat state
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  state=${stat##*) }; state=${state%% *}
  [[ $state != Z && $state != X ]] || return 1
  if [[ -n $comm ]]; then
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$comm" ]] || return 1
  fi
  return 0
}

comm_running() {
  local p
  for p in /proc/[0-9]*; do
    [[ "$(cat "$p/comm" 2>/dev/null)" == "$1" ]] && pid_alive "${p#/proc/}" && return 0
  done
  return 1
}

# pid_cmdline_has PID STRING
pid_cmdline_has() {
  local cl
  cl=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cl == *"$2"* ]]
}

read_pid() { [[ -r $1 ]] && tr -dc '0-9' <"$1" || true; }

# alive_count PID:NAME...: how many of those processes still run
alive_count() {
  local i c=0
  for i in "$@"; do kill -0 "${i%%:*}" 2>/dev/null && c=$((c + 1)); done
  printf '%s' "$c"
}

# wait_until SECONDS WHAT LOGFILE CMD...: poll CMD every 0.5 s, die with a clear message on time-out.
wait_until() {
  local t=$1 what=$2 logf=$3; shift 3
  local end=$((SECONDS + t))
  until "$@"; do
    if ((SECONDS >= end)); then
      [[ -n $logf && -r $logf ]] && { log "last lines of $logf:"; tail -n 25 "$logf" >&2 || true; }
      die "timed out after ${t}s waiting for $what${logf:+ (see $logf)}"
    fi
    sleep 0.5
  done
}

# Only talk to lab addresses while the bridge is there (otherwise 10.77.0.x would go to the default route).
bridge_present() { ip -4 addr show dev "$BRIDGE" 2>/dev/null | grep -q "inet $BRIDGE_IP/24"; }

# http_status HOST PORT PATH [METHOD]: prints the HTTP status code (bash /dev/tcp, no curl needed).
http_status() {
  bridge_present || return 0
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "%s %s HTTP/1.0\r\nHost: %s:%s\r\nAccept: application/vnd.docker.distribution.manifest.v2+json\r\nAccept: application/vnd.oci.image.manifest.v1+json\r\n\r\n" \
      "$3" "$2" "$0" "$1" >&3
    IFS=" " read -r _ code _ <&3 && printf "%s" "$code"' "$1" "$2" "$3" "${4:-GET}" 2>/dev/null || true
}

tcp_open() { bridge_present && timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

require_root() { [[ $EUID -eq 0 ]] || die "the lab needs root (network namespaces, bridge, iptables, dockerd)"; }

check_lab_dir() {
  [[ $LAB_DIR == /* ]] || die "SWARMDESK_LAB_DIR must be an absolute path (got '$LAB_DIR')"
  [[ $LAB_DIR =~ ^/[A-Za-z0-9._/-]+$ ]] || die "SWARMDESK_LAB_DIR may only contain [A-Za-z0-9._/-] (got '$LAB_DIR')"
  [[ $LAB_DIR == /*/* ]] || die "SWARMDESK_LAB_DIR must not be a top-level directory (got '$LAB_DIR')"
  case "$LAB_DIR/" in
    /run/* | /var/run/* | /proc/* | /sys/* | /dev/* | /etc/* | /usr/* | /bin/* | /sbin/* | /lib*/* | /boot/*)
      die "SWARMDESK_LAB_DIR cannot live in a system directory (nodes get a private /run and /sys): $LAB_DIR" ;;
  esac
  # unix socket paths are limited to 107 bytes; the deepest one is containerd's
  local deepest="$LAB_DIR/manager1/exec/containerd/containerd.sock.ttrpc"
  ((${#deepest} < 100)) || die "SWARMDESK_LAB_DIR is too long for unix socket paths: $LAB_DIR"
}

# Debian packages the lab needs, and chromium, which the e2e suite drives (LAB.md).
DEBIAN_PACKAGES=(docker.io busybox-static docker-registry openssh-server openssh-client iproute2 iptables procps chromium)

missing_deps() {
  local c
  for c in ip iptables nsenter unshare setsid mount umount timeout flock sha256sum \
    dockerd containerd runc containerd-shim-runc-v2 docker docker-registry ssh ssh-keygen; do
    command -v "$c" >/dev/null 2>&1 || printf '%s\n' "$c"
  done
  [[ -x /usr/sbin/sshd ]] || printf '%s\n' /usr/sbin/sshd
  [[ -x /bin/busybox ]] || printf '%s\n' /bin/busybox
  return 0
}

# On Debian as root the lab installs what it lacks itself (saying what), so that installing the
# npm packages and running the tests is all a fresh machine needs; SWARMDESK_LAB_NO_INSTALL=1 or
# another system gets the apt-get line to run instead.
check_deps() {
  local missing=() wanted=()
  mapfile -t missing < <(missing_deps)
  wanted=(${missing[@]+"${missing[@]}"})
  [[ -x /usr/bin/chromium ]] || wanted+=(chromium)
  if ((${#wanted[@]})) && [[ $EUID -eq 0 && -z ${SWARMDESK_LAB_NO_INSTALL:-} ]] && command -v apt-get >/dev/null 2>&1; then
    log "missing: ${wanted[*]}"
    log "installing Debian packages: ${DEBIAN_PACKAGES[*]} (set SWARMDESK_LAB_NO_INSTALL=1 to do it yourself)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${DEBIAN_PACKAGES[@]}" >&2 || die "apt-get install failed"
    mapfile -t missing < <(missing_deps)
  fi
  if ((${#missing[@]})); then
    die "missing: ${missing[*]}. Install them with:
    apt-get update && apt-get install -y ${DEBIAN_PACKAGES[*]}
  (the 'docker' CLI comes with docker.io or any newer docker CLI on PATH)"
  fi
  if command -v ldd >/dev/null 2>&1 && ldd /bin/busybox >/dev/null 2>&1; then
    die "/bin/busybox is dynamically linked; the FROM-scratch images need the static one (apt-get install -y busybox-static)"
  fi
  [[ -f /sys/fs/cgroup/cgroup.controllers || -d /sys/fs/cgroup/memory ]] || die "no cgroup filesystem under /sys/fs/cgroup"
}

# Serialise mutating commands (two concurrent `up`s would race). The lock is the script file itself,
# opened read-only on fd 9; every long-lived child is started with 9<&- so it does not inherit it.
take_lock() {
  exec 9<"$SCRIPT_PATH"
  flock -w 900 9 || die "another lab.sh command is still running (waited 900s for its lock)"
}

# ---------------------------------------------------------------------------------------------
# network

ensure_bridge() {
  local r
  r=$(ip -4 route show "$SUBNET" 2>/dev/null || true)
  if [[ -n $r && $r != *"dev $BRIDGE "* ]]; then
    die "$SUBNET is already routed elsewhere on this machine ($r); the lab needs it for $BRIDGE"
  fi
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    log "creating bridge $BRIDGE ($BRIDGE_IP/24)"
    ip link add "$BRIDGE" type bridge
  fi
  ip -4 addr show dev "$BRIDGE" | grep -q "inet $BRIDGE_IP/24" || ip addr add "$BRIDGE_IP/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  # With br_netfilter loaded (any dockerd does that) bridged frames traverse FORWARD, whose policy a
  # host dockerd sets to DROP: let the lab's own traffic through, once.
  iptables -C FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null ||
    iptables -I FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
}

# The kernel's ARP table is one for all network namespaces here (gc_thresh3 1024 entries by
# default): every node knows every other, so 50 nodes need about 2,500 entries and, past the
# limit, ARP answers are dropped ("neighbor table overflow"), joins fail with "no route to host".
# Raise the thresholds for a big lab; `down` puts the machine's own values back.
NEIGH_SAVED="$LAB_DIR/.neigh-thresholds"
ensure_neigh_room() {
  local need=$(((${#ENGINES[@]} + 2) * (${#ENGINES[@]} + 2) * 2)) have k
  have=$(sysctl -n net.ipv4.neigh.default.gc_thresh3)
  ((need > have)) || return 0
  [[ -f $NEIGH_SAVED ]] || for k in 1 2 3; do printf '%s %s\n' "$k" "$(sysctl -n "net.ipv4.neigh.default.gc_thresh$k")"; done >"$NEIGH_SAVED"
  log "raising the kernel's ARP table thresholds for ${#ENGINES[@]} engines (gc_thresh3 $have -> $need)"
  sysctl -qw "net.ipv4.neigh.default.gc_thresh1=$((need / 4))" "net.ipv4.neigh.default.gc_thresh2=$((need / 2))" \
    "net.ipv4.neigh.default.gc_thresh3=$need"
}

restore_neigh_room() {
  local k v
  [[ -f $NEIGH_SAVED ]] || return 0
  while read -r k v; do sysctl -qw "net.ipv4.neigh.default.gc_thresh$k=$v" || true; done <"$NEIGH_SAVED"
  rm -f "$NEIGH_SAVED"
}

# Node N: netns sd-N, host veth sdv-N (in the bridge) <-> eth0 inside the netns. No default route,
# so nothing in a node can reach anything but 10.77.0.0/24.
ensure_node_net() {
  local n=$1 ns="sd-$1" hv="sdv-$1" pv="sdp-$1" ip=${NODE_IP[$1]}
  if [[ ! -e /var/run/netns/$ns ]]; then
    ip link del "$hv" >/dev/null 2>&1 || true
    ip netns add "$ns"
  fi
  if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
    ip link del "$hv" >/dev/null 2>&1 || true
    ip link del "$pv" >/dev/null 2>&1 || true
    ip link add "$hv" type veth peer name "$pv"
    ip link set "$pv" netns "$ns"
    ip -n "$ns" link set "$pv" name eth0
  fi
  ip link set "$hv" master "$BRIDGE"
  ip link set "$hv" up
  ip -n "$ns" -4 addr show dev eth0 | grep -q "inet $ip/24" || ip -n "$ns" addr add "$ip/24" dev eth0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
}

# ---------------------------------------------------------------------------------------------
# dockerd per node

dockerd_pid() {
  local n=$1 pid
  pid=$(read_pid "$(node_dir "$n")/docker.pid")
  [[ -n $pid ]] && pid_alive "$pid" dockerd && pid_cmdline_has "$pid" "$(node_sock "$n")" && printf '%s' "$pid"
  return 0
}

dockerd_answers() {
  [[ -S $(node_sock "$1") ]] || return 1
  timeout 10 docker -H "unix://$(node_sock "$1")" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

node_running() { [[ -n $(dockerd_pid "$1") ]] && dockerd_answers "$1"; }

# Runs inside `nsenter --net=NETNS unshare --mount --uts` (LAB.md recipe): private /sys showing the
# node's network devices (with the host's cgroup mounts moved back in), private /run (so no system
# containerd is picked up and runc/containerd state stays per node), own hostname.
NODE_INIT='set -e
n=$1; d=$2; shift 2
mount --make-rprivate /
mkdir -p "$d/cg"
mount --rbind /sys/fs/cgroup "$d/cg"
mount -t sysfs sysfs /sys
mount --move "$d/cg" /sys/fs/cgroup
mount -t tmpfs -o mode=755 tmpfs /run
hostname "$n"
exec "$@"'

# Close every descriptor above stderr in this (sub)shell: what a long-lived daemon must not inherit
# (lab.sh's own lock on fd 9, and whatever lock or pipe the caller passed down).
close_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    ((fd > 2)) && eval "exec $fd>&-"
  done
  return 0
}

launch_dockerd() {
  local n=$1 d
  d=$(node_dir "$n")
  mkdir -p "$d/data" "$d/exec" "$d/cg"
  # own daemon.json (ignore the host's); own trust key, which 20.10 otherwise keeps in /etc/docker/key.json
  # and which gives each engine its ID
  printf '{"deprecated-key-path": "%s/key.json"}\n' "$d" >"$d/daemon.json"
  # leftovers of a daemon that was killed: its containerd/shims, container processes, and pidfiles
  # (dockerd reuses a containerd whose pidfile names a live pid; on this machine a dead one can
  # linger as a zombie for a while, which dockerd cannot tell apart)
  kill_matching KILL "$d/"
  cgroup_kill "$CGROUP_PARENT/$n"
  rm -f "$d/docker.pid" "$d/docker.sock" "$d/exec/containerd/containerd.pid"
  printf '\n===== %s lab.sh: starting dockerd for %s =====\n' "$(date -Is)" "$n" >>"$d/dockerd.log"
  # setsid: own session, so the daemon outlives the calling shell and its process group.
  # close_inherited_fds: a lock the caller holds (`flock -x /some/lock lab.sh start-node …`) must
  # not live on in the daemon, or nobody gets that lock again until the engine restarts.
  (
    close_inherited_fds
    DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 exec setsid nsenter --net="/var/run/netns/sd-$n" \
      unshare --mount --uts sh -c "$NODE_INIT" sh "$n" "$d" \
      dockerd \
      --data-root "$d/data" \
      --exec-root "$d/exec" \
      -H "unix://$d/docker.sock" \
      -H unix:///var/run/docker.sock \
      --pidfile "$d/docker.pid" \
      --config-file "$d/daemon.json" \
      --cgroup-parent "/$CGROUP_PARENT/$n" \
      --insecure-registry "$REGISTRY" \
      --label "lab.node=$n" \
      </dev/null >>"$d/dockerd.log" 2>&1
  ) &
  echo $! >"$d/launch.pid" # same process as dockerd (the subshell, setsid, nsenter, unshare and sh exec into it)
}

# wait_dockerd NODE DEADLINE(SECONDS value)
wait_dockerd() {
  local n=$1 deadline=$2 logf
  logf=$(node_log "$n")
  while ! node_running "$n"; do
    if ! pid_alive "$(read_pid "$(node_dir "$n")/launch.pid")"; then
      log "last lines of $logf:"; tail -n 25 "$logf" >&2 || true
      die "dockerd of $n exited during start-up (see $logf)"
    fi
    if ((SECONDS >= deadline)); then
      log "last lines of $logf:"; tail -n 25 "$logf" >&2 || true
      die "dockerd of $n did not answer on $(node_sock "$n") in time (see $logf)"
    fi
    sleep 0.5
  done
}

# kill_matching SIGNAL STRING: processes of the lab that are recognisable by a path in their cmdline.
kill_matching() {
  local sig=$1 str=$2 p pid i killed=()
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    case "$(cat "$p/comm" 2>/dev/null)" in
      dockerd | containerd | containerd-shim* | docker-proxy | docker-registry | sshd) ;;
      *) continue ;;
    esac
    if pid_alive "$pid" && pid_cmdline_has "$pid" "$str"; then
      kill "-$sig" "$pid" 2>/dev/null || true
      killed+=("$pid")
    fi
  done
  [[ $sig == KILL ]] || return 0
  for i in $(seq 1 20); do
    local left=0
    for pid in ${killed[@]+"${killed[@]}"}; do pid_alive "$pid" && left=1; done
    ((left)) || return 0
    sleep 0.2
  done
}

# cgroup_kill PATH_BELOW_ROOT: SIGKILL every process left in a cgroup subtree (containers of a dead
# node), in every hierarchy that has it.
cgroup_kill() {
  local rel=$1 dir f pid i
  for i in 1 2 3 4 5 6 7 8 9 10; do
    local any=0
    for dir in /sys/fs/cgroup/*/"$rel" /sys/fs/cgroup/"$rel"; do
      [[ -d $dir ]] || continue
      while IFS= read -r f; do
        while read -r pid; do
          [[ -n $pid ]] && { kill -9 "$pid" 2>/dev/null || true; any=1; }
        done <"$f"
      done < <(find "$dir" -name cgroup.procs 2>/dev/null)
    done
    ((any)) || return 0
    sleep 0.3
  done
}

cgroup_rmdirs() {
  local rel=$1 dir
  for dir in /sys/fs/cgroup/*/"$rel" /sys/fs/cgroup/"$rel"; do
    [[ -d $dir ]] || continue
    find "$dir" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
}

# stop_dockerd NODE TIMEOUT: SIGTERM (dockerd stops its containers), SIGKILL after TIMEOUT seconds,
# then sweep what a killed daemon may leave behind (containerd, shims, container processes).
stop_dockerd() {
  local n=$1 t=$2 pid end
  pid=$(dockerd_pid "$n")
  if [[ -n $pid ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    end=$((SECONDS + t))
    while pid_alive "$pid"; do
      if ((SECONDS >= end)); then
        log "dockerd of $n (pid $pid) still running after ${t}s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
        break
      fi
      sleep 0.3
    done
  fi
  kill_matching KILL "$(node_dir "$n")/"
  cgroup_kill "$CGROUP_PARENT/$n"
  rm -f "$(node_dir "$n")/docker.pid" "$(node_dir "$n")/exec/containerd/containerd.pid"
}

# ---------------------------------------------------------------------------------------------
# swarm

has_leader() { timeout 10 docker -H "unix://$(node_sock "$1")" node ls -q >/dev/null 2>&1; }

swarm_state() { timeout 15 docker -H "unix://$(node_sock "$1")" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || true; }

# node_rejoined NODE: the node's own view says it is an active swarm member (managers: with a
# working control plane, i.e. raft has a leader and the node answers swarm API calls)
node_rejoined() {
  local info
  info=$(timeout 10 docker -H "unix://$(node_sock "$1")" info \
    --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}' 2>/dev/null) || return 1
  if [[ ${NODE_ROLE[$1]} == manager ]]; then
    [[ $info == "active true" ]] && has_leader "$1"
  else
    [[ $info == "active false" ]]
  fi
}

# first manager whose `node ls` works (there is a leader and it is reachable)
swarm_query_node() {
  local m
  for m in "${MANAGERS[@]}"; do
    [[ -S $(node_sock "$m") ]] || continue
    timeout 10 docker -H "unix://$(node_sock "$m")" node ls -q >/dev/null 2>&1 && { printf '%s' "$m"; return 0; }
  done
  return 1
}

# node_table: "hostname|status|managerstatus|id" lines from a working manager
node_table() {
  local m
  m=$(swarm_query_node) || return 1
  timeout 10 docker -H "unix://$(node_sock "$m")" node ls \
    --format '{{.Hostname}}|{{.Status}}|{{.ManagerStatus}}|{{.ID}}' 2>/dev/null
}

swarm_ready() {
  local table n h st ms ok
  table=$(node_table) || return 1
  for n in "${NODES[@]}"; do
    ok=0
    while IFS='|' read -r h st ms _; do
      [[ $h == "$n" && $st == Ready ]] || continue
      if [[ ${NODE_ROLE[$n]} == manager ]]; then
        [[ $ms == Leader || $ms == Reachable ]] && ok=1
      else
        [[ -z $ms ]] && ok=1
      fi
    done <<<"$table"
    ((ok)) || return 1
  done
  return 0
}

wait_swarm_ready() {
  local t=$1
  wait_until "$t" "all ${#NODES[@]} swarm nodes to be Ready (3 managers Leader/Reachable, $WORKERS workers)" \
    "$(node_log manager1)" swarm_ready
}

# Down entries whose hostname also has a Ready entry are leftovers of a node that re-joined.
prune_stale_nodes() {
  local table m h st ms id
  m=$(swarm_query_node) || return 0
  table=$(node_table) || return 0
  while IFS='|' read -r h st ms id; do
    [[ $st == Down ]] || continue
    grep -q "^$h|Ready|" <<<"$table" || continue
    log "removing stale swarm node entry $id ($h, Down)"
    [[ -n $ms ]] && { dk "$m" node demote "$id" >/dev/null 2>&1 || true; }
    dk "$m" node rm --force "$id" >/dev/null 2>&1 || true
  done <<<"$table"
}

# join_went PID:NODE: the background join ended well. A join that timed out on a loaded machine
# (many workers at once on 2 cores) goes on inside the engine: wait_swarm_ready judges it.
join_went() {
  local pid=${1%%:*} n=${1#*:} out
  wait "$pid" && return 0
  out=$(cat "$(node_dir "$n")/join.log")
  [[ $out == *"Timeout was reached before node joined"* ]] && { log "$n is still joining (the engine goes on in the background)"; return 0; }
  log "swarm join of $n failed: $out"
  return 1
}

ensure_swarm() {
  local st n mtok wtok ids id round
  st=$(swarm_state manager1)
  if [[ $st != active ]]; then
    [[ $st == inactive ]] || dk manager1 swarm leave --force >/dev/null 2>&1 || true
    log "initialising swarm on manager1 (${NODE_IP[manager1]})"
    dk manager1 swarm init --advertise-addr "${NODE_IP[manager1]}" \
      --listen-addr "${NODE_IP[manager1]}:2377" >/dev/null
  fi
  wait_until 60 "the swarm on manager1 to have a leader" "$(node_log manager1)" has_leader manager1
  mtok=$(dk manager1 swarm join-token -q manager)
  wtok=$(dk manager1 swarm join-token -q worker)
  ids=$(dk manager1 node ls -q)
  local missing=()
  for n in "${NODES[@]}"; do
    [[ $n == manager1 ]] && continue
    st=$(swarm_state "$n")
    id=$(timeout 15 docker -H "unix://$(node_sock "$n")" info --format '{{.Swarm.NodeID}}' 2>/dev/null || true)
    [[ $st == active && -n $id ]] && grep -qx "$id" <<<"$ids" && continue
    if [[ $st != inactive ]]; then
      log "$n is in swarm state '$st' outside the lab swarm: leaving"
      dk "$n" swarm leave --force >/dev/null 2>&1 || true
    fi
    missing+=("$n")
  done
  join_nodes "$mtok" "$wtok" ${missing[@]+"${missing[@]}"}
  # Many workers joining at once on 2 cores: a join the engine gave up on (state `error`, e.g. "no
  # route to host" while ARP answers were late) is not retried by the engine; join those again.
  for round in 1 2 3; do
    wait_until $((60 + 2 * WORKERS)) "every node to finish joining (no swarm state pending)" "" no_join_pending
    missing=()
    for n in "${NODES[@]}"; do [[ $(swarm_state "$n") == error ]] && missing+=("$n"); done
    ((${#missing[@]})) || break
    log "joining again (round $round), the engine gave up on: ${missing[*]}"
    for n in "${missing[@]}"; do dk "$n" swarm leave --force >/dev/null 2>&1 || true; done
    join_nodes "$mtok" "$wtok" "${missing[@]}"
  done
  wait_swarm_ready $((90 + 2 * WORKERS))
  prune_stale_nodes
}

no_join_pending() {
  local n
  for n in "${NODES[@]}"; do [[ $(swarm_state "$n") == pending ]] && return 1; done
  return 0
}

# join_nodes MANAGER_TOKEN WORKER_TOKEN NODE...: managers one after the other (each changes the raft
# membership), workers JOIN_PARALLEL at a time
join_nodes() {
  local mtok=$1 wtok=$2 n tok joins=() failed=0 j
  shift 2
  for n in "$@"; do
    if [[ ${NODE_ROLE[$n]} == manager ]]; then tok=$mtok; else tok=$wtok; fi
    log "joining $n as ${NODE_ROLE[$n]}"
    dk "$n" swarm join --token "$tok" --advertise-addr "${NODE_IP[$n]}" \
      --listen-addr "${NODE_IP[$n]}:2377" "${NODE_IP[manager1]}:2377" >"$(node_dir "$n")/join.log" 2>&1 &
    joins+=("$!:$n")
    if [[ ${NODE_ROLE[$n]} == manager ]] || ((${#joins[@]} >= JOIN_PARALLEL)); then
      for j in "${joins[@]}"; do join_went "$j" || failed=1; done
      joins=()
    fi
  done
  for j in ${joins[@]+"${joins[@]}"}; do join_went "$j" || failed=1; done
  ((failed == 0)) || die "a swarm join failed (see the node's dockerd.log)"
}

# ---------------------------------------------------------------------------------------------
# registry

registry_pid() {
  local pid
  pid=$(read_pid "$LAB_DIR/registry/registry.pid")
  [[ -n $pid ]] && pid_alive "$pid" && pid_cmdline_has "$pid" "$LAB_DIR/registry/config.yml" && printf '%s' "$pid"
  return 0
}

registry_answers() { [[ "$(http_status "$BRIDGE_IP" 5000 /v2/)" == 200 ]]; }

ensure_registry() {
  local d="$LAB_DIR/registry"
  if [[ -n $(registry_pid) ]] && registry_answers; then return 0; fi
  [[ -n $(registry_pid) ]] && kill -9 "$(registry_pid)" 2>/dev/null || true
  tcp_open "$BRIDGE_IP" 5000 && die "something else listens on $REGISTRY; stop it or run lab.sh down"
  mkdir -p "$d/data"
  cat >"$d/config.yml" <<EOF
version: 0.1
log:
  level: info
  fields:
    service: swarmdesk-lab-registry
storage:
  filesystem:
    rootdirectory: $d/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
EOF
  log "starting registry on $REGISTRY"
  printf '\n===== %s lab.sh: starting registry =====\n' "$(date -Is)" >>"$d/registry.log"
  (
    close_inherited_fds
    exec setsid docker-registry serve "$d/config.yml" </dev/null >>"$d/registry.log" 2>&1
  ) &
  echo $! >"$d/registry.pid"
  wait_until 30 "the registry to answer on http://$REGISTRY/v2/" "$d/registry.log" registry_answers
}

# ---------------------------------------------------------------------------------------------
# images

images_hash() {
  (cd "$SCRIPT_DIR/images" && cat Dockerfile.web Dockerfile.sleeper web-start.sh web-health.sh sleeper.sh &&
    sha256sum /bin/busybox | cut -d' ' -f1) | sha256sum | cut -c1-16
}

# image_hashes NODE: one line per lab image, its hash label ("" when missing)
image_hashes() {
  local n=$1 img
  for img in "${IMAGES[@]}"; do
    timeout 15 docker -H "unix://$(node_sock "$n")" image inspect \
      --format "{{index .Config.Labels \"$HASH_LABEL\"}}" "$img" 2>/dev/null || echo ""
  done
}

images_everywhere() {
  local want=$1 n h
  for n in "${NODES[@]}"; do
    while IFS= read -r h; do [[ $h == "$want" ]] || return 1; done < <(image_hashes "$n")
  done
}

in_registry() {
  local img=$1 repo tag
  repo=${img#"$REGISTRY"/}; tag=${repo##*:}; repo=${repo%:*}
  [[ "$(http_status "$BRIDGE_IP" 5000 "/v2/$repo/manifests/$tag" HEAD)" == 200 ]]
}

ensure_images() {
  local want ctx n img failed=0 built=0
  want=$(images_hash)
  ctx="$LAB_DIR/build"
  mapfile -t have < <(image_hashes manager1)
  if [[ ${have[0]} != "$want" || ${have[1]} != "$want" || ${have[2]} != "$want" ]]; then
    log "building test images (busybox, offline) on manager1"
    rm -rf "$ctx"; mkdir -p "$ctx"
    cp "$SCRIPT_DIR"/images/* "$ctx"/
    cp /bin/busybox "$ctx/busybox"
    local blog="$LAB_DIR/build.log"
    : >"$blog"
    {
      DOCKER_BUILDKIT=0 dk manager1 build -f "$ctx/Dockerfile.web" --build-arg WEB_VERSION=1 \
        --build-arg "LAB_HASH=$want" -t "$IMG_WEB1" "$ctx" &&
        DOCKER_BUILDKIT=0 dk manager1 build -f "$ctx/Dockerfile.web" --build-arg WEB_VERSION=2 \
          --build-arg "LAB_HASH=$want" -t "$IMG_WEB2" "$ctx" &&
        DOCKER_BUILDKIT=0 dk manager1 build -f "$ctx/Dockerfile.sleeper" \
          --build-arg "LAB_HASH=$want" -t "$IMG_SLEEPER" "$ctx"
    } >>"$blog" 2>&1 || { tail -n 30 "$blog" >&2; die "building the test images failed (see $blog)"; }
    built=1
  fi
  for img in "${IMAGES[@]}"; do
    if ((built)) || ! in_registry "$img"; then
      log "pushing $img"
      dk manager1 push "$img" >>"$LAB_DIR/build.log" 2>&1 ||
        { tail -n 20 "$LAB_DIR/build.log" >&2; die "pushing $img to $REGISTRY failed (see $LAB_DIR/build.log and $LAB_DIR/registry/registry.log)"; }
    fi
  done
  # pull (not load) so every node has the registry digests and swarm tasks start from the local
  # copy; at most JOIN_PARALLEL nodes at once (a 50-worker lab on 2 cores)
  local pids=() i
  for n in "${NODES[@]}"; do
    [[ $n == manager1 ]] && continue
    mapfile -t have < <(image_hashes "$n")
    [[ ${have[0]} == "$want" && ${have[1]} == "$want" && ${have[2]} == "$want" ]] && continue
    log "pulling test images on $n"
    (for img in "${IMAGES[@]}"; do dk "$n" pull -q "$img" || exit 1; done) >"$(node_dir "$n")/pull.log" 2>&1 &
    pids+=("$!:$n")
    # only our own pulls are counted (the daemons started by this shell are its jobs too)
    while (($(alive_count "${pids[@]}") >= JOIN_PARALLEL)); do sleep 0.2; done
  done
  for i in ${pids[@]+"${pids[@]}"}; do
    wait "${i%%:*}" || { failed=1; log "pull on ${i#*:} failed:"; cat "$(node_dir "${i#*:}")/pull.log" >&2; }
  done
  ((failed == 0)) || die "pulling the test images failed (see the node's pull.log and $LAB_DIR/registry/registry.log)"
}

# ---------------------------------------------------------------------------------------------
# ssh: one sshd per node, in that node's namespaces (lab-ssh.sh)

# shellcheck source=scripts/lab/lab-ssh.sh
source "$SCRIPT_DIR/lab-ssh.sh"
# shellcheck source=scripts/lab/lab-project.sh
source "$SCRIPT_DIR/lab-project.sh"

# ---------------------------------------------------------------------------------------------
# status

lab_up() { [[ -f $UP_MARKER ]] && ip link show "$BRIDGE" >/dev/null 2>&1 && registry_answers; }

lab_healthy() {
  local n
  [[ -f $UP_MARKER ]] || return 1
  ip link show "$BRIDGE" >/dev/null 2>&1 || return 1
  iptables -C FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null || return 1
  for n in "${ENGINES[@]}"; do
    [[ -e /var/run/netns/sd-$n ]] || return 1
    node_running "$n" || return 1
  done
  swarm_ready || return 1
  [[ "$(swarm_state solo)" == inactive ]] || return 1
  [[ -n $(registry_pid) ]] && registry_answers || return 1
  images_everywhere "$(images_hash)" || return 1
  all_sshd_ok || return 1
}

# engines_json NAME...: the JSON objects of those engines, comma-separated.
engines_json() {
  local n running sep=""
  for n in "$@"; do
    running=false
    node_running "$n" && running=true
    printf '%s{"name":"%s","hostname":"%s","role":"%s","address":"%s","socket":"%s","running":%s}' \
      "$sep" "$n" "$n" "${NODE_ROLE[$n]}" "${NODE_IP[$n]}" "$(node_sock "$n")" "$running"
    sep=","
  done
}

status_json() {
  local up=false
  lab_up && up=true
  printf '{"up":%s,"labDir":"%s","bridge":"%s","subnet":"%s","registry":"%s","nodes":[' \
    "$up" "$LAB_DIR" "$BRIDGE" "$SUBNET" "$REGISTRY"
  engines_json "${NODES[@]}"
  printf '],"standalone":['
  engines_json "${STANDALONE[@]}"
  printf '],"ssh":{"host":"%s","port":%s,"noForwardPort":%s,"user":"%s","privateKey":"%s","passphraseKey":"%s","passphrase":"%s","knownHosts":"%s","remoteSocket":"%s","nodes":[' \
    "$SSH_HOST" "$SSH_PORT" "$SSH_NOFWD_PORT" "$SSH_USER" "$SSH_DIR/id_ed25519" "$SSH_DIR/id_ed25519_pass" \
    "$SSH_PASSPHRASE" "$SSH_DIR/known_hosts" "$(node_sock manager1)"
  ssh_nodes_json
  printf ']},'
  printf '"images":{"web1":"%s","web2":"%s","sleeper":"%s"}}\n' "$IMG_WEB1" "$IMG_WEB2" "$IMG_SLEEPER"
}

status_table() {
  local n table sw st ms up=down
  lab_up && up=up
  printf 'SwarmDesk lab: %s   (%s)\n' "$up" "$LAB_DIR"
  if ip link show "$BRIDGE" >/dev/null 2>&1; then
    printf '  bridge    %s %s/24\n' "$BRIDGE" "$BRIDGE_IP"
  else
    printf '  bridge    %s (absent)\n' "$BRIDGE"
  fi
  if registry_answers; then printf '  registry  %s (running)\n' "$REGISTRY"; else printf '  registry  %s (not running)\n' "$REGISTRY"; fi
  printf '  ssh       %s@<node address>:%s on every node (workers only from the managers), no-stream-forwarding port %s:%s %s\n' "$SSH_USER" \
    "$SSH_PORT" "$SSH_HOST" "$SSH_NOFWD_PORT" "$(sshd_ok manager1-nofwd && echo '(running)' || echo '(not running)')"
  printf '            key %s (passphrase key %s: "%s")\n' "$SSH_DIR/id_ed25519" "$SSH_DIR/id_ed25519_pass" "$SSH_PASSPHRASE"
  printf '  images    %s %s %s\n' "$IMG_WEB1" "$IMG_WEB2" "$IMG_SLEEPER"
  table=$(node_table 2>/dev/null || true)
  printf '\n  %-9s %-8s %-11s %-8s %-8s %s\n' NODE ROLE ADDRESS DOCKERD SSHD SWARM
  for n in "${NODES[@]}"; do
    sw=$(grep "^$n|" <<<"$table" | grep -v '|Down|' | head -n1 || true)
    [[ -n $sw ]] || sw=$(grep "^$n|" <<<"$table" | head -n1 || true)
    if [[ -n $sw ]]; then
      IFS='|' read -r _ st ms _ <<<"$sw"
      sw="$st${ms:+ $ms}"
    else
      sw="-"
    fi
    printf '  %-9s %-8s %-11s %-8s %-8s %s\n' "$n" "${NODE_ROLE[$n]}" "${NODE_IP[$n]}" \
      "$(node_running "$n" && echo running || echo stopped)" "$(sshd_ok "$n" && echo running || echo stopped)" "$sw"
  done
  printf '\n  docker -H unix://%s node ls\n' "$(node_sock manager1)"
}

# A test that initialised a swarm on solo and died before leaving must not leak into the next run.
ensure_standalone() {
  local n
  for n in "${STANDALONE[@]}"; do
    if [[ "$(swarm_state "$n")" != inactive ]]; then
      log "$n is in a swarm; leaving it so it stands alone again"
      dk "$n" swarm leave --force >/dev/null
    fi
  done
}

# ---------------------------------------------------------------------------------------------
# commands

# remove_worker NAME: out of the swarm and off the machine (its sshd, dockerd, namespace, directory)
remove_worker() {
  local n=$1 pid m id
  log "removing $n"
  pid=$(sshd_pid "$n"); [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null || true
  [[ -n $(dockerd_pid "$n") ]] && { dk "$n" swarm leave --force >/dev/null 2>&1 || true; stop_dockerd "$n" 20; }
  if m=$(swarm_query_node); then
    # exact hostname: the name filter would also match worker10..19 for worker1
    while IFS='|' read -r _ _ _ id; do
      dk "$m" node rm --force "$id" >/dev/null 2>&1 || true
    done < <(node_table | grep "^$n|" || true)
  fi
  cgroup_rmdirs "$CGROUP_PARENT/$n"
  ip netns del "sd-$n" >/dev/null 2>&1 || true
  ip link del "sdv-$n" >/dev/null 2>&1 || true
  rm -rf "$(node_dir "$n")" "$SSH_DIR/sshd_$n".* "$(host_key "$n")" "$(host_key "$n").pub"
}

# the workers a lab of `recorded_workers` has beyond N (for a shrink)
workers_beyond() {
  local k had
  had=$(recorded_workers)
  for ((k = $1 + 1; k <= had; k++)); do printf 'worker%s\n' "$k"; done
}

cmd_up() {
  local workers
  workers=$(recorded_workers)
  if [[ ${1:-} == --workers ]]; then
    workers=${2:-}
    [[ $workers =~ ^[0-9]+$ ]] && ((workers >= 1 && workers <= MAX_WORKERS)) ||
      die "--workers takes a number from 1 to $MAX_WORKERS (the suites expect $STANDARD_WORKERS), not '${2:-}'"
  elif (($#)); then
    die "usage: $0 up [--workers N]"
  fi
  require_root; check_lab_dir; check_deps; take_lock
  local extra
  extra=$(workers_beyond "$workers")
  if [[ -n $extra ]]; then
    # the old layout's nodes must still be known while they are removed
    while IFS= read -r n; do NODE_IP[$n]=$(worker_ip "${n#worker}"); NODE_ROLE[$n]=worker; remove_worker "$n"; done <<<"$extra"
  fi
  set_layout "$workers"
  [[ -f $MARKER ]] && printf '%s\n' "$WORKERS" >"$WORKERS_FILE"
  if lab_healthy; then
    log "lab already up and healthy"
    status_table
    return 0
  fi
  local t0=$SECONDS n deadline
  log "bringing the lab up in $LAB_DIR"
  if [[ -d $LAB_DIR && ! -f $MARKER && -n "$(ls -A "$LAB_DIR" 2>/dev/null)" ]]; then
    die "$LAB_DIR exists, is not empty and was not made by lab.sh; choose another SWARMDESK_LAB_DIR"
  fi
  mkdir -p "$LAB_DIR"
  chmod 755 "$LAB_DIR"
  touch "$MARKER"
  rm -f "$UP_MARKER"
  printf '%s\n' "$WORKERS" >"$WORKERS_FILE"
  trap 'rc=$?; ((rc == 0)) || log "up failed; inspect the logs named above, then run: $0 down"' EXIT

  # host directories the lab may have to create; remembered so that down removes only what up made
  [[ -e /run/netns || -f $LAB_DIR/.made-run-netns ]] || touch "$LAB_DIR/.made-run-netns"
  ensure_bridge
  ensure_neigh_room
  for n in "${ENGINES[@]}"; do ensure_node_net "$n"; done
  for n in "${ENGINES[@]}"; do
    [[ -n $(dockerd_pid "$n") ]] && continue
    log "starting dockerd for $n (${NODE_IP[$n]})"
    launch_dockerd "$n"
  done
  ensure_registry
  # engines start at once: on 2 cores each extra worker adds about a second
  deadline=$((SECONDS + 90 + 2 * WORKERS))
  for n in "${ENGINES[@]}"; do wait_dockerd "$n" "$deadline"; done
  ensure_swarm
  ensure_standalone
  ensure_images
  ensure_ssh
  verify_ssh
  touch "$UP_MARKER"
  trap - EXIT
  log "lab is up ($((SECONDS - t0))s)"
  status_table
}

cmd_down() {
  require_root; check_lab_dir; take_lock
  local t0=$SECONDS n pid which pids=()
  # every worker namespace there is, whatever the recorded layout says
  set_layout "$(recorded_workers)"
  for n in $(ip netns list 2>/dev/null | awk '{print $1}' | sed -n 's/^sd-\(worker[0-9]*\)$/\1/p'); do
    [[ " ${ENGINES[*]} " == *" $n "* ]] || ENGINES+=("$n")
  done
  log "tearing the lab down ($LAB_DIR)"
  rm -f "$UP_MARKER"
  stop_all_sshd
  pid=$(registry_pid); [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null || true
  # all daemons in parallel: SIGTERM, bounded wait, SIGKILL
  for n in "${ENGINES[@]}"; do
    pid=$(dockerd_pid "$n")
    [[ -n $pid ]] && { kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid"); }
  done
  local end=$((SECONDS + 30)) alive
  while :; do
    alive=0
    for pid in ${pids[@]+"${pids[@]}"}; do pid_alive "$pid" && alive=1; done
    ((alive)) || break
    if ((SECONDS >= end)); then
      log "some dockerd did not stop within 30s: SIGKILL"
      for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
      break
    fi
    sleep 0.3
  done
  # whatever is left: processes inside the nodes' network namespaces (containerd, shims, sshd sessions,
  # docker-proxy), lab processes elsewhere (registry), container processes (by cgroup)
  for n in "${ENGINES[@]}"; do
    if [[ -e /var/run/netns/sd-$n ]]; then
      for pid in $(ip netns pids "sd-$n" 2>/dev/null); do
        [[ $pid == "$$" ]] || kill -KILL "$pid" 2>/dev/null || true
      done
    fi
  done
  kill_matching KILL "$LAB_DIR/"
  cgroup_kill "$CGROUP_PARENT"
  sleep 0.3
  # mounts the host namespace may still see under LAB_DIR (normally none: node mounts are private)
  local mp
  while IFS= read -r mp; do
    umount -l "$mp" 2>/dev/null || true
  done < <(awk -v d="$LAB_DIR" 'index($5, d "/") == 1 || $5 == d {print $5}' /proc/self/mountinfo | sort -r)
  cgroup_rmdirs "$CGROUP_PARENT"
  for n in "${ENGINES[@]}"; do
    ip netns del "sd-$n" >/dev/null 2>&1 || true
    ip link del "sdv-$n" >/dev/null 2>&1 || true
    ip link del "sdp-$n" >/dev/null 2>&1 || true
  done
  ip link del "$BRIDGE" >/dev/null 2>&1 || true
  restore_neigh_room
  while iptables -C FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null; do
    iptables -D FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT || break
  done
  # /run/netns (iproute2 makes it a mount point) and /run/sshd, if up created them and they are unused
  if [[ -f $LAB_DIR/.made-run-netns && -d /run/netns && -z "$(ls -A /run/netns 2>/dev/null)" ]]; then
    umount /run/netns 2>/dev/null || true
    rmdir /run/netns 2>/dev/null || true
  fi
  if [[ -f $LAB_DIR/.made-run-sshd && -d /run/sshd ]] && ! comm_running sshd; then
    rmdir /run/sshd 2>/dev/null || true
  fi
  if [[ -d $LAB_DIR ]]; then
    if [[ -f $MARKER ]]; then
      rm -rf "$LAB_DIR" || { sleep 1; rm -rf "$LAB_DIR"; } || log "WARNING: could not remove all of $LAB_DIR"
    else
      rmdir "$LAB_DIR" 2>/dev/null || log "WARNING: $LAB_DIR was not made by lab.sh; left in place"
    fi
  fi
  log "lab is down ($((SECONDS - t0))s)"
}

cmd_status() {
  check_lab_dir
  if [[ ${1:-} == --json ]]; then
    status_json
  else
    status_table
  fi
}

cmd_stop_node() {
  local n=${1:-}
  is_node "$n" || die "usage: $0 stop-node NODE   (NODE: ${NODES[*]})"
  require_root; check_lab_dir; take_lock
  if [[ -z $(dockerd_pid "$n") ]]; then
    log "dockerd of $n is not running"
  else
    log "stopping dockerd of $n"
    stop_dockerd "$n" 45
  fi
  log "$n stopped"
}

cmd_start_node() {
  local n=${1:-} st no_wait=0
  is_node "$n" || die "usage: $0 start-node NODE [--no-wait]   (NODE: ${NODES[*]})"
  [[ ${2:-} == --no-wait ]] && no_wait=1
  require_root; check_lab_dir; check_deps; take_lock
  [[ -d $(node_dir "$n")/data ]] || die "$n has no data-root under $LAB_DIR; run: $0 up"
  ip link show "$BRIDGE" >/dev/null 2>&1 || die "bridge $BRIDGE is missing; run: $0 up"
  ensure_node_net "$n"
  if node_running "$n"; then
    log "dockerd of $n is already running"
  else
    [[ -n $(dockerd_pid "$n") ]] && stop_dockerd "$n" 20
    log "starting dockerd for $n"
    launch_dockerd "$n"
    wait_dockerd "$n" $((SECONDS + 60))
  fi
  st=$(swarm_state "$n")
  if ((no_wait)); then
    # an autolocked manager comes back `locked` and stays out of the swarm until someone unlocks it
    [[ $st == active || $st == pending || $st == locked ]] ||
      die "$n came back in swarm state '$st' (see $(node_log "$n"))"
    sshd_ok "$n" || restart_node_ssh "$n"
    log "$n started (swarm state $st); not waiting for the swarm"
    return 0
  fi
  [[ $st == active || $st == pending ]] ||
    die "$n came back in swarm state '$st' instead of active (see $(node_log "$n"))"
  wait_until 90 "$n to be back in the swarm (LocalNodeState active$([[ ${NODE_ROLE[$n]} == manager ]] && echo ', manager API answering'))" \
    "$(node_log "$n")" node_rejoined "$n"
  wait_swarm_ready 90
  # its sshd joins the new dockerd's namespaces (the old ones hold no engine any more)
  sshd_ok "$n" || restart_node_ssh "$n"
  log "$n is back: swarm has ${#NODES[@]} Ready nodes"
}

cmd_exec() {
  local n=${1:-}
  { is_node "$n" || [[ " ${STANDALONE[*]} " == *" $n "* ]]; } || die "usage: $0 exec NODE -- CMD...   (NODE: ${NODES[*]})"
  shift
  [[ ${1:-} == -- ]] && shift
  (($#)) || die "usage: $0 exec NODE -- CMD..."
  DOCKER_HOST="unix://$(node_sock "$n")" exec "$@"
}

cmd_ssh() {
  local opts port=$SSH_PORT n=manager1
  if [[ ${1:-} == -p ]]; then port=${2:?usage: $0 ssh [-p PORT] [NODE] [CMD...]}; shift 2; fi
  if is_node "${1:-}"; then n=$1; shift; fi
  [[ ${1:-} == -- ]] && shift
  if [[ $port != "$SSH_PORT" ]]; then
    mapfile -t opts < <(ssh_opts)
    exec ssh "${opts[@]}" -p "$port" "$SSH_USER@$SSH_HOST" "$@"
  fi
  ssh_to "$n" "$@"
}

usage() {
  cat <<EOF
usage: $0 COMMAND
  up [--workers N]      bring the lab up (idempotent; prints status when already up) with N workers
                        (default: as many as last time, 2 at first; the suites expect 2; at most 150)
  down                  remove everything up made (idempotent)
  status [--json]       show the lab
  stop-node NODE        stop one node's dockerd (SIGTERM, bounded wait)
  start-node NODE [--no-wait]
                        restart it in its namespaces; waits until the swarm has 5 Ready nodes
                        (--no-wait: only for its engine, and a locked manager is fine)
  exec NODE -- CMD...   run CMD with DOCKER_HOST set to NODE's socket
  ssh [-p PORT] [NODE] [CMD...]  ssh to a node (default manager1; workers through manager1) with the lab key
  project-image         build the course project's image (Debian packages, offline) and pull it on every node
NODE: ${NODES[*]}; lab directory: \$SWARMDESK_LAB_DIR (default /var/tmp/swarmdesk-lab)
EOF
}

main() {
  local cmd=${1:-}
  (($#)) && shift
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    stop-node) cmd_stop_node "$@" ;;
    start-node) cmd_start_node "$@" ;;
    exec) cmd_exec "$@" ;;
    ssh) cmd_ssh "$@" ;;
    project-image) cmd_project_image "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
