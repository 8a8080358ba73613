#!/bin/sh
# /usr/bin/annotator: start the frozen bundle installed in /opt/annotator.
exec /opt/annotator/annotator "$@"
