# shellcheck shell=bash
# The course's afternoon project image (sourced by lab.sh): Flask API, PostgreSQL, Redis and nginx
# in one Debian image, `course-role db|api|redis|web`, built offline from Debian's packages
# (debootstrap, then `docker import`, then the project's files on top) and pulled on every node
# from the lab registry. Rebuilt only when its sources change (hash label, like the test images).

IMG_PROJECT="$REGISTRY/swarmdesk/course:1"
PROJECT_DIR="$SCRIPT_DIR/course-project"
PROJECT_PACKAGES=python3-flask,python3-psycopg2,python3-redis,postgresql,redis-server,nginx-light
DEBIAN_MIRROR=${SWARMDESK_DEBIAN_MIRROR:-http://deb.debian.org/debian}

base_hash() { printf '%s bookworm minbase %s' "$PROJECT_PACKAGES" "$DEBIAN_MIRROR" | sha256sum | cut -c1-16; }

project_hash() {
  (cd "$PROJECT_DIR" && cat Dockerfile app.py nginx.conf course-role health && base_hash) | sha256sum | cut -c1-16
}

project_image_hash() {
  timeout 15 docker -H "unix://$(node_sock "$1")" image inspect \
    --format "{{index .Config.Labels \"$HASH_LABEL\"}}" "$IMG_PROJECT" 2>/dev/null || echo ""
}

# the debootstrap base, imported on manager1 as course-base:HASH (kept: only the files on top change)
ensure_project_base() {
  local tag="swarmdesk/course-base:$(base_hash)" root="$LAB_DIR/course-root" blog="$LAB_DIR/course-build.log"
  dk manager1 image inspect "$tag" >/dev/null 2>&1 && { printf '%s' "$tag"; return; }
  command -v debootstrap >/dev/null 2>&1 || {
    if [[ $EUID -eq 0 && -z ${SWARMDESK_LAB_NO_INSTALL:-} ]] && command -v apt-get >/dev/null 2>&1; then
      log "installing debootstrap (apt-get install -y debootstrap)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2 || die "apt-get install debootstrap failed"
    else
      die "debootstrap is missing: apt-get install -y debootstrap"
    fi
  }
  log "building the course project's base (debootstrap bookworm minbase + $PROJECT_PACKAGES from $DEBIAN_MIRROR)"
  rm -rf "$root"
  debootstrap --variant=minbase --include="$PROJECT_PACKAGES" bookworm "$root" "$DEBIAN_MIRROR" >"$blog" 2>&1 ||
    { tail -n 20 "$blog" >&2; die "debootstrap failed (see $blog)"; }
  # what a container never needs: the package cache, docs, the cluster the package made at install
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc \
    "$root"/usr/share/man "$root"/usr/share/info "$root"/var/lib/postgresql/15 "$root"/etc/postgresql/15
  mkdir -p "$root"/var/lib/postgresql/data
  chroot "$root" chown postgres:postgres /var/lib/postgresql/data
  tar -C "$root" -c . | dk manager1 import - "$tag" >>"$blog" 2>&1 || die "docker import failed (see $blog)"
  rm -rf "$root"
  printf '%s' "$tag"
}

cmd_project_image() {
  require_root
  [[ -e $UP_MARKER ]] || die "the lab is not up: run lab.sh up first"
  local want base n pids=() failed=0 i ctx="$LAB_DIR/course-build"
  want=$(project_hash)
  if [[ $(project_image_hash manager1) != "$want" ]]; then
    base=$(ensure_project_base)
    log "building $IMG_PROJECT on manager1"
    rm -rf "$ctx"; mkdir -p "$ctx"; cp "$PROJECT_DIR"/* "$ctx"/
    DOCKER_BUILDKIT=0 dk manager1 build --build-arg "BASE=$base" --build-arg "LAB_HASH=$want" -t "$IMG_PROJECT" "$ctx" \
      >>"$LAB_DIR/course-build.log" 2>&1 || { tail -n 20 "$LAB_DIR/course-build.log" >&2; die "building $IMG_PROJECT failed"; }
    dk manager1 push "$IMG_PROJECT" >>"$LAB_DIR/course-build.log" 2>&1 || die "pushing $IMG_PROJECT failed (see $LAB_DIR/course-build.log)"
  elif ! in_registry "$IMG_PROJECT"; then
    dk manager1 push "$IMG_PROJECT" >>"$LAB_DIR/course-build.log" 2>&1 || die "pushing $IMG_PROJECT failed"
  fi
  for n in "${NODES[@]}"; do
    [[ $n == manager1 || $(project_image_hash "$n") == "$want" ]] && continue
    log "pulling $IMG_PROJECT on $n"
    dk "$n" pull -q "$IMG_PROJECT" >"$(node_dir "$n")/pull-course.log" 2>&1 &
    pids+=("$!:$n")
  done
  for i in ${pids[@]+"${pids[@]}"}; do
    wait "${i%%:*}" || { failed=1; log "pull on ${i#*:} failed:"; cat "$(node_dir "${i#*:}")/pull-course.log" >&2; }
  done
  ((failed == 0)) || die "pulling $IMG_PROJECT failed"
  log "course project image ready on every node: $IMG_PROJECT ($want)"
}
