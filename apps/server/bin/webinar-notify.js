#!/usr/bin/env node
// The installed `webinar-notify` command: runs the bundled command line, building it first when a
// source changed since the last build. Arguments, output and exit code are the command line's own.
import { builtCli } from '../scripts/build-cli.mjs';

await import(await builtCli());
