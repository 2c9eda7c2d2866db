#!/usr/bin/env node
// The `nianbao` command: the same TypeScript domain code as the app, loaded through tsx so
// that there is no separate build of the CLI to keep in step. The app's tsconfig is named
// explicitly: run from another folder, tsx would otherwise miss its JSX settings.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
