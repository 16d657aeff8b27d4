#!/usr/bin/env node
// The installed `webinar-notify` command: registers tsx's loader in this process and runs the
// TypeScript command line, so there is no build step and no second Node process. Arguments,
// output and exit code are the command line's own.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/index.ts', import.meta.url).href);
