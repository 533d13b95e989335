#!/usr/bin/env bash
# Builds the offline images the tests and examples use, from Debian's static busybox:
#   wharf-busybox:latest, also tagged busybox:latest, redis:alpine and
#   postgres:15-alpine (only where such a tag is absent or is already ours),
#   wharf-sample/{vote,result,worker}:latest from examples/voting-app, and
#   wharf-standin:latest, tagged as every public image the app templates name (the "templates" block of
#   shared-images.txt), under the same rule.
# Each image carries a hash of its inputs, so a warm run skips unchanged ones.
#   images.sh [--force] [--host DOCKER_HOST]
#   --force  rebuild even when the inputs did not change
#   --host   afterwards copy the images into that engine (docker save | load)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BASE=wharf-busybox:latest
ALIASES=(busybox:latest redis:alpine postgres:15-alpine)
APPS=(vote result worker)
STANDIN=wharf-standin:latest
mapfile -t TEMPLATE_TAGS < <(sed -n '/^# templates:/,$p' "$ROOT/scripts/services/shared-images.txt" | grep -v '^#' | grep .)
FORCE=0
TARGET=""

while (($#)); do
  case "$1" in
    --force) FORCE=1 ;;
    --host) TARGET=${2:?--host needs a value}; shift ;;
    *) echo "usage: $0 [--force] [--host DOCKER_HOST]" >&2; exit 2 ;;
  esac
  shift
done

# Main engine only, whatever DOCKER_HOST says; legacy builder (works offline).
docker() { command docker -H "$MAIN_HOST" "$@"; }
export DOCKER_BUILDKIT=0

label() { docker image inspect -f "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null || true; }

# hash_dir DIR [EXTRA...]: short hash of DIR's files (names and contents) plus EXTRA.
hash_dir() {
  local dir=$1; shift
  { (cd "$dir" && find . -type f -print0 | sort -z | xargs -0 sha256sum); printf '%s\n' "$@"; } |
    sha256sum | cut -c1-16
}

# build TAG CONTEXT HASH: build unless TAG already carries HASH (or --force).
build() {
  local tag=$1 ctx=$2 hash=$3 out old
  if ((!FORCE)) && [[ $(label "$tag" org.wharf.inputs) == "$hash" ]]; then
    log "$tag is up to date"
    return 0
  fi
  log "building $tag"
  old=$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)
  out=$(docker build -q --label "org.wharf.inputs=$hash" -t "$tag" "$ctx" 2>&1) || {
    printf '%s\n' "$out" >&2
    die "build of $tag failed"
  }
  # Drop the image this build replaced, if nothing else uses or names it.
  if [[ -n $old && $(docker image inspect -f '{{len .RepoTags}}' "$old" 2>/dev/null) == 0 ]]; then
    docker rmi "$old" >/dev/null 2>&1 || true
  fi
}

build_base() {
  local ctx=$ROOT/tests/fixtures-docker/busybox tmp
  local hash
  hash=$(hash_dir "$ctx" "$(sha256sum /bin/busybox)")
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  cp -R "$ctx/." "$tmp/"
  cp /bin/busybox "$tmp/busybox"
  build "$BASE" "$tmp" "$hash"
  # Stand-ins for public images, never replacing a real image of the same name.
  tag_standins "$BASE" busybox "${ALIASES[@]}"
}

# tag_standins IMAGE FIXTURE TAG...: tag IMAGE as each TAG that is absent or already this fixture (label
# org.wharf.fixture=FIXTURE); a real image under that name is kept.
tag_standins() {
  local image=$1 fixture=$2 tag
  shift 2
  for tag in "$@"; do
    if ! docker image inspect "$tag" >/dev/null 2>&1 || [[ $(label "$tag" org.wharf.fixture) == "$fixture" ]]; then
      docker tag "$image" "$tag"
    else
      log "keeping existing $tag (not a wharf fixture)"
    fi
  done
}

build_apps() {
  local app base_id
  base_id=$(docker image inspect -f '{{.Id}}' "$BASE")
  for app in "${APPS[@]}"; do
    local ctx=$ROOT/examples/voting-app/$app
    build "wharf-sample/$app:latest" "$ctx" "$(hash_dir "$ctx" "$base_id")"
  done
}

# The templates' images: one stand-in that stays up (tests/fixtures-docker/standin), under each public name.
build_standin() {
  local ctx=$ROOT/tests/fixtures-docker/standin
  build "$STANDIN" "$ctx" "$(hash_dir "$ctx" "$(docker image inspect -f '{{.Id}}' "$BASE")")"
  tag_standins "$STANDIN" standin "${TEMPLATE_TAGS[@]}"
}

# copy_to HOST: load into HOST every image whose id differs there.
copy_to() {
  local host=$1 img app there missing=() replaced=() all=("$BASE" "${ALIASES[@]}" "$STANDIN" "${TEMPLATE_TAGS[@]}")
  for app in "${APPS[@]}"; do all+=("wharf-sample/$app:latest"); done
  for img in "${all[@]}"; do
    there=$(command docker -H "$host" image inspect -f '{{.Id}}' "$img" 2>/dev/null || true)
    if [[ $there != "$(docker image inspect -f '{{.Id}}' "$img")" ]]; then
      missing+=("$img")
      [[ -z $there ]] || replaced+=("$there")
    fi
  done
  if ((${#missing[@]})); then
    log "loading into $host: ${missing[*]}"
    docker save "${missing[@]}" | command docker -H "$host" load -q >/dev/null
    # Drop the versions the load untagged (fails harmlessly if still in use).
    for img in "${replaced[@]}"; do
      command docker -H "$host" rmi "$img" >/dev/null 2>&1 || true
    done
  else
    log "$host already has every image"
  fi
}

ensure_cmd docker docker.io
ensure_static_busybox
build_base
build_apps
build_standin
[[ -z $TARGET ]] || copy_to "$TARGET"
log "images ready"
