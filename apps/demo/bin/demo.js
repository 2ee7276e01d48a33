#!/usr/bin/env node
// `npm run demo` or `node apps/demo/bin/demo.js …`: runs the TypeScript source as `npm start` runs the services,
// with the repository's tsconfig (its @sanshe/* paths) from any directory.
'use strict';
const path = require('node:path');

process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(__dirname, '../../../tsconfig.json');
require('@swc-node/register');
require('../src/main.ts');
