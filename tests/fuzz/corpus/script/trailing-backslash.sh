#!/bin/sh
exec kore-exec \