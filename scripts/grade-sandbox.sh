#!/bin/sh
# Starts a grading kernel in the private mount namespace `unshare --mount` made for it
# (scripts/grade.py puts `unshare --mount --propagation private /bin/sh grade-sandbox.sh` before
# the kernel's java command line). Before the JVM starts:
#   - the student's scratch folder ($GRADE_SCRATCH) stays writable, as a copy in a private file
#     system of $GRADE_SCRATCH_SIZE (default 256m; writes there never reach the disk), everything
#     else is read-only;
#   - the folders in $GRADE_HIDE (colon separated: the submissions, the grader's output, the
#     scratch folders of the other students, /home) are covered by empty read-only file systems,
#     so the student's code cannot read another student's work;
#   - /dev/shm and /tmp become empty private file systems;
#   - every capability is dropped (setpriv), so the code cannot undo any of this.
# $GRADE_KEEP is an empty folder outside the hidden ones through which the scratch folder is kept
# reachable while its parent is covered. The scratch folder must lie under a hidden one.
set -eu
scratch="${GRADE_SCRATCH:?GRADE_SCRATCH is not set}"
keep="${GRADE_KEEP:?GRADE_KEEP is not set}"
java="$1"; shift

mount --bind "$scratch" "$keep"
old_ifs="$IFS"; IFS=:
for dir in ${GRADE_HIDE:-}; do
  [ -d "$dir" ] || continue
  mount -t tmpfs -o size=1m,mode=755 grade-hidden "$dir"
  case "$scratch" in
    "$dir"/*)   # the scratch folder lies under a hidden one: bring it back, alone, as a copy in
                # a file system of its own whose size caps what the student's code can write
      mkdir -p "$scratch"
      mount -t tmpfs -o "size=${GRADE_SCRATCH_SIZE:-256m},mode=700" grade-scratch "$scratch"
      cp -a "$keep/." "$scratch/" ;;
  esac
  mount -o remount,ro "$dir"
done
IFS="$old_ifs"
umount "$keep"
mount -t tmpfs -o size=64m,mode=1777 grade-tmp /tmp
mount -t tmpfs -o size=64m,mode=1777 grade-shm /dev/shm
mkdir -p "$scratch/.tmp"
mount -o remount,bind,ro /
exec setpriv --no-new-privs --inh-caps=-all --ambient-caps=-all --bounding-set=-all -- \
  "$java" "-Djava.io.tmpdir=$scratch/.tmp" "$@"
