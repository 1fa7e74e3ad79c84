#!/bin/sh
exec
