#!/usr/bin/env node
// The `nianbao` command: the same TypeScript domain code as the app, loaded through tsx so
// that there is no separate build of the CLI to keep in step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
