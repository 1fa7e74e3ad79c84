#!/bin/sh
exec kore-exec \
    --module 'unterminated \
