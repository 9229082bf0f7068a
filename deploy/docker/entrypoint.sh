#!/bin/sh
# The image's entry point: `switchyard [app] [--help | --version]`, the app being server (the
# default), queue-gateway, topic-gateway, orchestration-gateway or executor.
set -e
app=server
case "$1" in
  ""|-*) ;;
  *) app=$1; shift ;;
esac
main="/app/dist/apps/$app/src/main.js"
if [ ! -f "$main" ]; then
  echo "no app named \"$app\" (server, queue-gateway, topic-gateway, orchestration-gateway, executor)" >&2
  exit 2
fi
exec node "$main" "$@"
